"""A file taken back by the migrations' own downgrades to the first schema's audit trail
(revision 0005, before the hash chain) and upgraded again keeps every audit guard: the
chain's downgrade rebuilds audit_log, and a rebuilt table loses its triggers, so the
first schema's two are made again after it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command

from cryolog.db.alembic_config import alembic_config
from cryolog.db.audit_guards import SQLITE_TRIGGERS
from cryolog.db.database import open_database
from cryolog.db.engine import make_engine
from cryolog.services.demo import generate_demo
from cryolog.services.verify import verify_file

pytestmark = pytest.mark.sqlite_only  # SQLite triggers and a rebuilt table


def _triggers(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {str(name) for (name,) in rows if str(name).startswith("audit_")}


def _downgrade(path: Path, revision: str) -> None:
    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), revision)
    finally:
        engine.dispose()


def test_down_to_the_first_audit_trail_and_up_again_keeps_every_guard(tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    db = open_database(path)
    try:
        generate_demo(db, 4, seed=5)
    finally:
        db.dispose()
    assert _triggers(path) == set(SQLITE_TRIGGERS)
    _downgrade(path, "0005")  # below the chain (0006)
    assert _triggers(path) == {"audit_log_no_delete", "audit_log_no_update"}
    with closing(sqlite3.connect(path)) as conn:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)")
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("UPDATE audit_log SET reason = 'changed' WHERE id = 1")
    open_database(path).dispose()  # the real upgrade, back to the head
    assert _triggers(path) == set(SQLITE_TRIGGERS)
    assert verify_file(path).exit_status == 0
