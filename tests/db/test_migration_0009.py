"""Migration 0009 (read indexes) changes indexes only: an old file upgrades with every row
kept, the indexes are there with their columns, and it goes back to 0008."""

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


def _indexes(path: Path, table: str) -> dict[str, list[str]]:
    with closing(sqlite3.connect(path)) as conn:
        names = [r[1] for r in conn.execute(f"PRAGMA index_list({table})")]
        return {
            name: [r[2] for r in conn.execute(f"PRAGMA index_info({name})")]
            for name in names
            if not name.startswith("sqlite_")
        }


def _counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as conn:
        tables = ("patient", "course", "treatment_session")
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_upgrade_adds_the_read_indexes_keeps_the_rows_and_downgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    before = _counts(path)
    open_database(path).dispose()
    assert _counts(path) == before
    assert _indexes(path, "patient")["ix_patient_search_name"] == [
        "search_name",
        "id",
        "archived_at",
    ]
    assert _indexes(path, "course")["ix_course_status"] == ["status", "archived_at"]
    sessions = _indexes(path, "treatment_session")
    assert sessions["ix_treatment_session_course_day"] == [
        "course_id",
        "session_date",
        "state",
        "archived_at",
    ]
    assert "ix_treatment_session_course_id" not in sessions  # its first column serves

    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0008")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0008"
    engine.dispose()
    assert _indexes(path, "patient")["ix_patient_search_name"] == ["search_name"]
    assert "ix_course_status" not in _indexes(path, "course")
    sessions = _indexes(path, "treatment_session")
    assert sessions["ix_treatment_session_course_id"] == ["course_id"]
    assert "ix_treatment_session_course_day" not in sessions
    assert _counts(path) == before
