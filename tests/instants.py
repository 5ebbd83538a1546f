"""Rows read back raw from SQLite with each stored time as its instant: revision 0021
writes a whole second's time without its zero fraction, so an upgraded file holds the same
instants in a shorter text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{6})?")


def as_instant(value: object) -> object:
    if isinstance(value, str) and STORED_TIME.fullmatch(value):
        return datetime.fromisoformat(value)
    return value


def rows_as_instants(rows: Iterable[Sequence[object]]) -> list[tuple[object, ...]]:
    return [tuple(as_instant(v) for v in row) for row in rows]
