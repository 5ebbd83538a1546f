"""The one place a connection to an SQLite file is made (the standard library's ``sqlite3``).

Every part of cryolog that talks to an SQLite file — the start-up reader, the checks, the
engine (as its ``creator``), migrations, backups and restores — opens its connection here,
so the settings of a connection (and, later, a key) are decided once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any

BUSY_TIMEOUT_MS = 5000


class Access(Enum):
    """How a file is opened: written, only read, or read as a file nothing will change
    (a read-only mount or a full disk, where SQLite cannot make its ``-shm`` file)."""

    READ_WRITE = "rw"
    READ_ONLY = "ro"
    IMMUTABLE = "immutable"


def file_uri(path: Path, access: Access) -> str:
    """SQLite's URI for ``path`` (percent-encoded, so any file name works)."""
    uri = path.absolute().as_uri()
    if access is Access.READ_WRITE:
        return f"{uri}?mode=rw"  # never creates: a missing file is an error
    if access is Access.READ_ONLY:
        return f"{uri}?mode=ro"
    return f"{uri}?mode=ro&immutable=1"


Pragmas = tuple[tuple[str, str], ...]


def engine_pragmas(*, foreign_keys: bool = True) -> Pragmas:
    """The settings every connection that may write gets."""
    return (
        ("foreign_keys", "ON" if foreign_keys else "OFF"),
        ("journal_mode", "WAL"),
        ("synchronous", "FULL"),
        ("busy_timeout", str(BUSY_TIMEOUT_MS)),
    )


def reader_pragmas(*, query_only: bool = True) -> Pragmas:
    """The settings of a connection that only reads (it never changes the journal mode)."""
    settings = (("foreign_keys", "ON"), ("busy_timeout", str(BUSY_TIMEOUT_MS)))
    return (*settings, ("query_only", "ON")) if query_only else settings


def connect_file(
    path: Path,
    *,
    access: Access = Access.READ_WRITE,
    pragmas: Sequence[tuple[str, str]] = (),
    timeout_s: float | None = None,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """A connection in autocommit mode (the caller begins its transactions), with
    ``pragmas`` applied. Raises ``sqlite3.Error``; translate it with ``translate_sqlite_error``.

    A file whose key was opened in this process (``sqlcipher_keys.remember``) is connected
    through SQLCipher with that key; its connection raises the same ``sqlite3`` errors.
    """
    from cryolog.db.backends.sqlcipher_keys import key_for

    key = key_for(path)
    timeout = BUSY_TIMEOUT_MS / 1000 if timeout_s is None else timeout_s
    if key is not None:
        from cryolog.db.backends.sqlcipher_connect import connect_keyed

        keyed = connect_keyed(
            file_uri(path, access), key, timeout=timeout, check_same_thread=check_same_thread
        )
        _apply(keyed, pragmas)
        return keyed  # type: ignore[return-value]  # answers like an sqlite3.Connection
    conn = sqlite3.connect(
        file_uri(path, access),
        uri=True,
        timeout=timeout,
        check_same_thread=check_same_thread,
        isolation_level=None,
    )
    _apply(conn, pragmas)
    return conn


def _apply(conn: sqlite3.Connection | Any, pragmas: Sequence[tuple[str, str]]) -> None:
    try:
        for name, value in pragmas:
            conn.execute(f"PRAGMA {name} = {value}").fetchall()
    except BaseException:
        conn.close()
        raise
