"""Migration 0012 (keyed findings): an old file's findings keep their text and gain empty
key, values and language columns; the revision goes back cleanly."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from cryolog.db.alembic_config import alembic_config
from cryolog.db.database import open_database
from cryolog.db.engine import make_engine

pytestmark = pytest.mark.sqlite_only  # an old file's upgrade (a server starts at the head)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"


def _columns(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[1] for r in conn.execute("PRAGMA table_info(session_finding)")]


def _findings(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT id, rule, level, message FROM session_finding").fetchall()


def test_old_findings_keep_their_text_and_have_no_key(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "INSERT INTO session_finding (session_id, position, rule, level, message)"
            " VALUES (1, 0, 'exposure_long', 'warning',"
            " 'Duration 200 s is longer than the usual 180 s.')"
        )
        conn.commit()
    before = _findings(path)
    assert len(before) == 1
    open_database(path).dispose()
    assert {"message_key", "message_values", "shown_language"} <= set(_columns(path))
    assert _findings(path) == before
    with closing(sqlite3.connect(path)) as conn:
        keys = conn.execute(
            "SELECT message_key, message_values, shown_language FROM session_finding"
        ).fetchall()
    assert all(k == (None, None, None) for k in keys)
    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0011")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0011"
    engine.dispose()
    assert "message_key" not in _columns(path)
    assert _findings(path) == before
