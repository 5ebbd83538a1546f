"""Migration 0013 (languages as data): an old file gains the language table, its patients
and documents keep their languages and refer to a language row instead of a CHECK; the audit
trail still verifies; the revision goes back cleanly, and refuses to when a row uses a
language 0012 cannot hold."""

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
from cryolog.db.revisions import HEAD_REVISION
from cryolog.services.verify import verify_file

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"


def _schema(path: Path, table: str) -> str:
    with closing(sqlite3.connect(path)) as conn:
        row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    return str(row[0])


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def _foreign_keys(path: Path, table: str) -> set[tuple[str, str, str]]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
    return {(r[2], r[3], r[4]) for r in rows}


def _downgrade(path: Path, revision: str) -> None:
    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), revision)
    finally:
        engine.dispose()


def _old_file(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    return path


PATIENTS = "SELECT id, family_name, given_name, birth_date, version FROM patient ORDER BY id"


def test_an_old_file_keeps_its_patients_and_refers_to_languages(tmp_path: Path) -> None:
    path = _old_file(tmp_path)
    before = _rows(path, PATIENTS)
    assert before, "the fixture holds patients"
    open_database(path).dispose()
    assert _rows(path, PATIENTS) == before
    assert _rows(path, "SELECT DISTINCT handout_language FROM patient") == [("en",)]
    assert _rows(
        path, "SELECT code, name, for_handouts, for_window FROM language ORDER BY code"
    ) == [
        ("de", "Deutsch", 1, 0),
        ("en", "English", 1, 1),
        ("ru", "Русский", 1, 1),
    ]
    assert "IN ('en', 'ru')" not in _schema(path, "patient")
    assert "IN ('en', 'ru')" not in _schema(path, "document")
    assert ("language", "handout_language", "code") in _foreign_keys(path, "patient")
    assert ("language", "language", "code") in _foreign_keys(path, "document")
    # the rows that refer to patients were not touched by the rebuild
    assert _rows(path, "PRAGMA foreign_key_check") == []
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    report = verify_file(path)
    assert [b.line() for b in report.breaks] == []


def test_a_language_the_table_does_not_hold_is_refused_by_the_file(tmp_path: Path) -> None:
    path = _old_file(tmp_path)
    open_database(path).dispose()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("UPDATE patient SET handout_language = 'de' WHERE id = 1")  # known: fine
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            conn.execute("UPDATE patient SET handout_language = 'zz' WHERE id = 1")
        conn.rollback()


def test_the_revision_goes_back_and_refuses_when_german_is_in_use(tmp_path: Path) -> None:
    path = _old_file(tmp_path)
    open_database(path).dispose()
    before = _rows(path, PATIENTS)
    _downgrade(path, "0012")
    assert "handout_language IN ('en', 'ru')" in _schema(path, "patient")
    assert _rows(path, "SELECT name FROM sqlite_master WHERE name = 'language'") == []
    assert _rows(path, PATIENTS) == before
    open_database(path).dispose()  # and up again
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE patient SET handout_language = 'de' WHERE id = 1")
        conn.commit()
    with pytest.raises(RuntimeError, match="cannot go back"):
        _downgrade(path, "0012")
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == HEAD_REVISION  # the refused downgrade left the file as it was
    engine.dispose()
