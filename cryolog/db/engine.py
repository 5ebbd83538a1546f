"""Engine setup. SQLite gets its safety pragmas and real transactions on every connection.

pysqlite's own transaction handling starts transactions late and commits behind the
application's back; following SQLAlchemy's documented recipe, the driver is put in
autocommit mode and the engine emits ``BEGIN`` itself (``BEGIN IMMEDIATE`` for units of
work that write, so two writers queue on the busy timeout instead of deadlocking).
Everything SQLite-specific lives in this module; the rest of the code is portable SQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import ConnectionPoolEntry

from cryolog.db.sqlite_file import BUSY_TIMEOUT_MS

WRITE_OPTION = "cryolog_write"


def sqlite_pragmas(*, foreign_keys: bool = True) -> tuple[tuple[str, str], ...]:
    """The settings every SQLite connection gets (read at connect time)."""
    return (
        ("foreign_keys", "ON" if foreign_keys else "OFF"),
        ("journal_mode", "WAL"),
        ("synchronous", "FULL"),
        ("busy_timeout", str(BUSY_TIMEOUT_MS)),
    )


def make_engine(url: str, *, foreign_keys: bool = True, echo: bool = False) -> Engine:
    """An engine for ``url``; SQLite connections get the project's pragmas.

    ``foreign_keys=False`` is only for the migration connection (batch migrations
    recreate tables, and with foreign keys on that would cascade-delete child rows).
    """
    engine = create_engine(url, echo=echo, hide_parameters=True)  # no patient data in logs
    if make_url(url).get_backend_name() == "sqlite":
        _install_sqlite_hooks(engine, foreign_keys=foreign_keys)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, marked so its transactions take the write lock up front."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _install_sqlite_hooks(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_conn.isolation_level = None  # the engine, not the driver, begins transactions
        cursor = dbapi_conn.cursor()
        try:
            for name, value in sqlite_pragmas(foreign_keys=foreign_keys):
                cursor.execute(f"PRAGMA {name} = {value}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
