"""Migration 0008 (appointments) upgrades an old file, keeps its documents, and goes back."""

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


def tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_upgrade_adds_the_calendar_and_the_card_kind_then_downgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    open_database(path).dispose()
    assert {
        "appointment",
        "appointment_seat",
        "staff_minute",
        "booking_resource",
        "opening_interval",
        "closed_day",
        "booking_settings",
        "booking_preference",
    } <= tables(path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT staff_count FROM booking_settings").fetchone() == (1,)
        conn.execute(
            "INSERT INTO document (patient_id, kind, language, created_at, actor, sha256, pdf)"
            " SELECT id, 'appointment_card', 'en', '2026-01-01', 'x', ?, x'25' FROM patient"
            " LIMIT 1",
            ("0" * 64,),
        )
        conn.commit()
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO document (patient_id, kind, language, created_at, actor, sha256,"
                " pdf) SELECT id, 'letter', 'en', '2026-01-01', 'x', ?, x'25' FROM patient"
                " LIMIT 1",
                ("0" * 64,),
            )
    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0003")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
        kinds = {r[0] for r in conn.execute(text("SELECT kind FROM document"))}
    engine.dispose()
    assert "appointment_card" not in kinds and "appointment" not in tables(path)
