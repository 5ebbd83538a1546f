"""The one place a connection to an encrypted file is made (SQLCipher, via ``sqlcipher3``).

The connection is given the raw key before anything else (no key derivation per
connection) and SQLCipher's own logging is silenced (it would print to the terminal).
Everything above speaks the standard library's ``sqlite3``: the connection handed out
re-raises SQLCipher's errors as the ``sqlite3`` errors of the same name, so the checks,
messages and the ORM treat an encrypted file exactly like a plain one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

import sqlcipher3

_DRIVER_ERROR = sqlcipher3.Error


def as_sqlite_error(exc: BaseException) -> BaseException:
    """SQLCipher's error as the ``sqlite3`` error of the same name."""
    kind = getattr(sqlite3, type(exc).__name__, sqlite3.DatabaseError)
    if not (isinstance(kind, type) and issubclass(kind, sqlite3.Error)):
        kind = sqlite3.DatabaseError
    return kind(*exc.args)


def _translated(call: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(call)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, **kwargs)
        except _DRIVER_ERROR as exc:
            raise as_sqlite_error(exc) from None

    return run


class KeyedCursor:
    """A cursor whose errors are ``sqlite3`` errors."""

    def __init__(self, cursor: Any) -> None:
        object.__setattr__(self, "_cursor", cursor)

    def execute(self, *args: Any) -> KeyedCursor:
        _translated(self._cursor.execute)(*args)
        return self

    def executemany(self, *args: Any) -> KeyedCursor:
        _translated(self._cursor.executemany)(*args)
        return self

    def executescript(self, *args: Any) -> KeyedCursor:
        _translated(self._cursor.executescript)(*args)
        return self

    def fetchone(self) -> Any:
        return _translated(self._cursor.fetchone)()

    def fetchmany(self, *args: Any) -> Any:
        return _translated(self._cursor.fetchmany)(*args)

    def fetchall(self) -> Any:
        return _translated(self._cursor.fetchall)()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._cursor, name, value)


class KeyedConnection:
    """An SQLCipher connection that looks like an ``sqlite3`` one to its callers."""

    speaks_sqlite3 = True

    def __init__(self, conn: Any) -> None:
        object.__setattr__(self, "_conn", conn)

    @property
    def raw(self) -> Any:
        return self._conn

    def cursor(self, *args: Any) -> KeyedCursor:
        return KeyedCursor(_translated(self._conn.cursor)(*args))

    def execute(self, *args: Any) -> KeyedCursor:
        return self.cursor().execute(*args)

    def executemany(self, *args: Any) -> KeyedCursor:
        return self.cursor().executemany(*args)

    def executescript(self, *args: Any) -> KeyedCursor:
        return self.cursor().executescript(*args)

    def commit(self) -> None:
        _translated(self._conn.commit)()

    def rollback(self) -> None:
        _translated(self._conn.rollback)()

    def close(self) -> None:
        _translated(self._conn.close)()

    def backup(self, target: Any, **kwargs: Any) -> None:
        other = target.raw if isinstance(target, KeyedConnection) else target
        _translated(self._conn.backup)(other, **kwargs)

    def __enter__(self) -> KeyedConnection:
        self._conn.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._conn.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._conn, name)
        return _translated(value) if callable(value) else value

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._conn, name, value)


def key_pragma(key: bytes) -> str:
    """``PRAGMA key`` with a raw key: SQLCipher then derives nothing."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect_keyed(
    uri: str,
    key: bytes | None,
    *,
    timeout: float,
    check_same_thread: bool,
) -> KeyedConnection:
    """An SQLCipher connection in autocommit mode, keyed with ``key`` (None: a plain file
    read through SQLCipher, for converting it). Raises ``sqlite3`` errors."""
    try:
        conn = sqlcipher3.connect(
            uri,
            uri=True,
            timeout=timeout,
            check_same_thread=check_same_thread,
            isolation_level=None,
        )
    except _DRIVER_ERROR as exc:
        raise as_sqlite_error(exc) from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
        if key is not None:
            conn.execute(key_pragma(key)).fetchall()
    except _DRIVER_ERROR as exc:
        conn.close()
        raise as_sqlite_error(exc) from None
    return KeyedConnection(conn)


def export_database(source: KeyedConnection, target_uri: str, key: bytes | None) -> None:
    """Write every page of ``source`` into the new file ``target_uri`` with ``key`` (None:
    a plain file), through SQLCipher's ``sqlcipher_export``."""
    key_sql = f"x'{key.hex()}'" if key is not None else ""
    try:
        source.raw.execute("ATTACH DATABASE ? AS target KEY ?", (target_uri, key_sql))
        try:
            source.raw.execute("SELECT sqlcipher_export('target')").fetchall()
            version = source.raw.execute("PRAGMA user_version").fetchone()[0]
            source.raw.execute(f"PRAGMA target.user_version = {int(version)}")
        finally:
            source.raw.execute("DETACH DATABASE target")
    except _DRIVER_ERROR as exc:
        raise as_sqlite_error(exc) from None
