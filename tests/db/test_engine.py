"""Every connection gets the safety pragmas, and transactions are real."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from cryolog.db.database import Database
from cryolog.db.engine import BUSY_TIMEOUT_MS
from cryolog.db.errors import DatabaseLocked, DiskFull
from cryolog.db.models import Practice

EXPECTED = {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2, "busy_timeout": 5000}


def _pragmas(conn: object) -> dict[str, object]:
    return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in EXPECTED}  # type: ignore[attr-defined]


def test_busy_timeout_constant_matches_expectation() -> None:
    assert EXPECTED["busy_timeout"] == BUSY_TIMEOUT_MS


def test_every_new_connection_has_the_pragmas(db: Database) -> None:
    connections = [db.engine.connect() for _ in range(3)]  # three distinct pool connections
    try:
        for conn in connections:
            assert _pragmas(conn) == EXPECTED
    finally:
        for conn in connections:
            conn.close()
    db.engine.dispose()  # brand-new DBAPI connections after disposal get them too
    with db.engine.connect() as conn:
        assert _pragmas(conn) == EXPECTED


def test_driver_is_in_autocommit_and_engine_begins(db: Database) -> None:
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        assert raw.isolation_level is None  # type: ignore[attr-defined]
        conn.exec_driver_sql("SELECT 1")  # autobegin through our listener
        assert raw.in_transaction  # type: ignore[attr-defined]
        conn.rollback()
        assert not raw.in_transaction  # type: ignore[attr-defined]


def test_failed_unit_of_work_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as session:
        session.get(Practice, 1).name = "Changed"  # type: ignore[union-attr]
        session.flush()
        raise RuntimeError("boom")
    with db.read() as session:
        assert session.get(Practice, 1).name == ""  # type: ignore[union-attr]


def test_writer_takes_the_write_lock_up_front(
    db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cryolog.db.backends.sqlite_connect.BUSY_TIMEOUT_MS", 50)
    db.engine.dispose()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked, match="in use by another program"), db.write() as s:
            s.get(Practice, 1)  # even a read inside a write unit takes the lock first
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_full_disk_is_a_clear_message_and_nothing_is_written(db: Database) -> None:
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    big = "x" * 200_000

    def fill(session: object) -> None:
        session.execute(  # type: ignore[attr-defined]
            text(f"PRAGMA max_page_count = {pages}")
        )
        session.get(Practice, 1).address = big  # type: ignore[attr-defined]
        session.flush()  # type: ignore[attr-defined]

    with pytest.raises(DiskFull, match="full; nothing was saved"), db.write() as session:
        fill(session)
    db.engine.dispose()
    with db.read() as session:
        assert session.get(Practice, 1).address == ""  # type: ignore[union-attr]
