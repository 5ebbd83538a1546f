"""A cryolog SQLite file through Python's own sqlite3 module: checks, revision, plain reads.

Nothing here imports SQLAlchemy. Opening an up-to-date file, showing the first page of
patients and searching them go through this module, so the window appears without waiting
for the ORM (about half a second of imports on a modest machine); the ORM loads in the
background for everything else. Connections are made by ``backends.sqlite_connect``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cryolog.db.backends.sqlite_connect import (
    BUSY_TIMEOUT_MS,
    Access,
    connect_file,
    reader_pragmas,
)
from cryolog.db.backends.sqlite_errors import translate_sqlite_error
from cryolog.db.errors import DatabaseCorrupt, db_said
from cryolog.db.revisions import VERSION_TABLE

__all__ = [
    "BUSY_TIMEOUT_MS",
    "FileState",
    "IntegrityCheckCancelled",
    "SqliteReader",
    "check_integrity",
    "inspect_file",
    "translate_sqlite_error",
]

_PROGRESS_STEPS = 1_000  # SQLite VM instructions between two looks at "cancelled"


@dataclass(frozen=True)
class FileState:
    revision: str | None
    has_tables: bool


class IntegrityCheckCancelled(Exception):
    """The scan was stopped before it finished (the window closed); nothing is known."""


def inspect_file(
    path: Path, *, verify: bool = True, access: Access = Access.READ_WRITE
) -> FileState:
    """Is it SQLite, (for writing) can we take the write lock, (``verify``) does it pass
    quick_check, and which schema revision does it carry? The file is not changed."""
    try:
        with closing(connect_file(path, access=access, timeout_s=2)) as conn:
            conn.execute("PRAGMA schema_version").fetchone()  # reads the header and schema
            if verify:
                _quick_check(conn, path)
            if access is Access.READ_WRITE:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
            return FileState(_revision(conn), _has_tables(conn))
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) from exc


def _has_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1"
    ).fetchone()
    return row is not None


def _revision(conn: sqlite3.Connection) -> str | None:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
    ).fetchone()
    if found is None:
        return None
    row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    return None if row is None or row[0] is None else str(row[0])


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()
    if result is None or result[0] != "ok":
        answer = str(result[0]) if result else "no answer"
        raise DatabaseCorrupt(db_said("integrity", path=str(path), answer=answer), str(path))


def check_integrity(
    path: Path,
    cancelled: Callable[[], bool] | None = None,
    access: Access = Access.READ_ONLY,
) -> None:
    """SQLite's quick_check over the whole file; DatabaseCorrupt when it fails.

    On a large file this takes seconds. ``cancelled`` is asked every few thousand steps;
    when it answers True the scan stops with IntegrityCheckCancelled.
    """
    try:
        with closing(connect_file(path, access=access)) as conn:
            if cancelled is not None:
                conn.set_progress_handler(lambda: 1 if cancelled() else 0, _PROGRESS_STEPS)
            _quick_check(conn, path)
    except sqlite3.OperationalError as exc:
        if cancelled is not None and cancelled() and "interrupt" in str(exc).lower():
            raise IntegrityCheckCancelled(str(path)) from exc
        raise translate_sqlite_error(exc, path) from exc
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) from exc


def sql_value(value: object) -> object:
    """A parameter as the ORM stores it in SQLite: a date as ISO text.

    Times are refused: the ORM stores them as an integer (``audit_plain.stored_time``), and
    a time bound in another form would silently compare wrong; a plain read that needs one
    binds that integer itself."""
    if isinstance(value, datetime):
        raise TypeError("plain reads take dates, not date-times")
    if isinstance(value, date):
        return value.isoformat()
    return value


READER_CACHE = ("cache_size", "-16384")
"""16 MiB of pages for the plain reader (SQLite's default is 2 MiB): a search page reads
201 patients scattered over a 1.7 GB file at 100,000 patients, and keeping their pages in
the connection costs 15-20 % less CPU a page than asking the system for them again."""


class SqliteReader:
    """Read-only queries on one file: a query-only connection per thread, closed together."""

    def __init__(self, path: Path, access: Access = Access.READ_WRITE) -> None:
        self.path = path
        self.access = access
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[sqlite3.Connection] = []

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect_file(
                self.path,
                access=self.access,
                pragmas=(*reader_pragmas(), READER_CACHE),
                check_same_thread=False,
            )
            with self._lock:
                self._open.append(conn)
            self._local.conn = conn
        return conn

    def rows(self, sql: str, params: Mapping[str, object]) -> list[Sequence[Any]]:
        """Every row of one SELECT (one statement is one consistent snapshot)."""
        try:
            cursor = self._connection().execute(
                sql, {key: sql_value(value) for key, value in params.items()}
            )
            return cursor.fetchall()
        except sqlite3.DatabaseError as exc:
            raise translate_sqlite_error(exc, self.path) from exc
        except OverflowError as exc:
            raise translate_sqlite_error(exc, self.path) from exc

    def close(self) -> None:
        with self._lock:
            connections, self._open = self._open, []
        for conn in connections:
            conn.close()
        self._local = threading.local()
