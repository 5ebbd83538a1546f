"""Rows read back raw from SQLite with each stored time as its instant: revision 0021
writes a whole second's time without its zero fraction and revision 0022 writes every time
as an integer (microseconds since 1970 UTC), so an upgraded file holds the same instants in
another form. ``as_instant`` turns the texts into naive UTC datetimes; ``rows_as_instants``
takes the names of the columns that hold times to turn their integers too (a bare integer
could be any number)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

from cryolog.db.audit_plain import stored_instant

STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{6})?")


def as_instant(value: object, *, time: bool = False) -> object:
    """A stored text time (or, with ``time``, the integer of a time column) as its naive
    UTC instant; any other value as it is."""
    if isinstance(value, str) and STORED_TIME.fullmatch(value):
        return datetime.fromisoformat(value)
    if time and type(value) is int:
        return stored_instant(value).replace(tzinfo=None)
    return value


def rows_as_instants(
    rows: Iterable[Sequence[object]], times: Collection[int] = ()
) -> list[tuple[object, ...]]:
    """``rows`` with their times as instants; ``times``: the positions of the columns that
    hold times (their integers are turned too)."""
    return [tuple(as_instant(v, time=i in times) for i, v in enumerate(row)) for row in rows]


def time_columns(conn: sqlite3.Connection, table: str) -> list[int]:
    """The positions (in ``SELECT *`` order) of ``table``'s DATETIME columns."""
    info = conn.execute(f"SELECT type FROM pragma_table_info('{table}')").fetchall()
    return [i for i, (kind,) in enumerate(info) if str(kind).upper() == "DATETIME"]


def table_as_instants(
    conn: sqlite3.Connection, table: str, order: str = "1"
) -> list[tuple[object, ...]]:
    """Every row of ``table`` (``SELECT *`` by ``order``) with its times as instants."""
    rows = conn.execute(f"SELECT * FROM {table} ORDER BY {order}")
    return rows_as_instants(rows, time_columns(conn, table))
