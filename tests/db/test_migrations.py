"""Opening databases: create, upgrade with data, restore on failure, refuse newer schemas."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from cryolog.db.alembic_config import head_revision
from cryolog.db.database import open_database
from cryolog.db.errors import (
    DatabaseCorrupt,
    DatabaseMissing,
    DatabaseTooNew,
    MigrationFailed,
    NotACryologDatabase,
)
from cryolog.db.models import Base

pytestmark = pytest.mark.sqlite_only  # files' batch migrations and backups before upgrades

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"
TABLES = (
    "patient",
    "patient_name_token",
    "screening",
    "screening_answer",
    "consent",
    "cold_test",
    "course",
    "treatment_session",
    "session_area",
    "adverse_event",
    "assessment",
    "audit_log",
)


def _counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    target = tmp_path / "practice.db"
    shutil.copy(FIXTURE, target)
    return target


def test_fresh_database_is_created_through_the_migrations(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        assert _revision(db_path) == head_revision()
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
        with db.engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == [], "the models and the migrations disagree"
    finally:
        db.dispose()


def test_upgrade_keeps_every_row_and_leaves_a_backup(old_db: Path) -> None:
    assert _revision(old_db) == "0001"
    before = _counts(old_db)
    assert before["treatment_session"] == 9 and before["patient"] == 3
    db = open_database(old_db)
    try:
        assert _revision(old_db) == head_revision()
        assert _counts(old_db) == {**before, "audit_log": before["audit_log"] + 1}  # + genesis
        report = db.migration
        assert report is not None and report.from_revision == "0001"
        assert report.backup is not None and report.backup.exists()
        assert _revision(report.backup) == "0001"
        assert _counts(report.backup) == before
        with closing(sqlite3.connect(old_db)) as conn:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert conn.execute("SELECT DISTINCT handout_language FROM patient").fetchall() == [
                ("en",)
            ]
            names = {r[0] for r in conn.execute("SELECT family_name FROM patient")}
        assert names == {"Иванова", "Dupont", "O'Brien"}
    finally:
        db.dispose()


def test_failing_migration_restores_the_original(old_db: Path) -> None:
    # An orphan row (made with foreign keys off) makes the post-migration check fail.
    with closing(sqlite3.connect(old_db)) as conn:
        conn.execute(
            "INSERT INTO session_area (session_id, position, site, kind)"
            " VALUES (9999, 0, 'orphan', 'area')"
        )
        conn.commit()
    before = _counts(old_db)
    with pytest.raises(MigrationFailed, match="restored unchanged") as caught:
        open_database(old_db)
    assert "foreign key" in str(caught.value)
    assert _revision(old_db) == "0001"
    assert _counts(old_db) == before
    with closing(sqlite3.connect(old_db)) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(patient)")}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "handout_language" not in columns


def test_failure_midway_restores_the_backup(old_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cryolog.db.migrate as migrate

    real_upgrade = migrate._upgrade
    before = _counts(old_db)

    def crash_after_upgrade(path: Path) -> None:
        real_upgrade(path)  # the schema really changes on disk ...
        raise OSError("simulated crash")  # ... and then something fails

    monkeypatch.setattr(migrate, "_upgrade", crash_after_upgrade)
    with pytest.raises(MigrationFailed, match="simulated crash"):
        open_database(old_db)
    assert _revision(old_db) == "0001"
    assert _counts(old_db) == before


def test_newer_revision_is_refused_and_untouched(old_db: Path) -> None:
    with closing(sqlite3.connect(old_db)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    digest = _digest(old_db)
    with pytest.raises(DatabaseTooNew, match="newer version of cryolog"):
        open_database(old_db)
    assert _digest(old_db) == digest
    assert not (old_db.parent / "backups").exists()


def test_missing_file_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    target = tmp_path / "nowhere.db"
    with pytest.raises(DatabaseMissing, match="does not exist"):
        open_database(target, create=False)
    assert not target.exists()


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.commit()
    with pytest.raises(NotACryologDatabase):
        open_database(target)


def test_garbage_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "garbage.db"
    target.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseCorrupt):
        open_database(target)
    assert target.read_bytes() == b"this is not a database" * 100


def test_audit_log_is_append_only_in_the_database(db_path: Path) -> None:
    open_database(db_path).dispose()
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, entity) "
            "VALUES ('2026-01-01 00:00:00', 'me', 'create', 'patient')"
        )
        conn.commit()
        for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(statement)
        assert conn.execute("SELECT actor FROM audit_log").fetchall() == [("cryolog",), ("me",)]


def _corrupt_last_page(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        # A data page (the schema itself may end the file, and a damaged schema is
        # refused before any integrity check runs).
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'treatment_session'"
        ).fetchone()[0]
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size + page_size // 2  # its cells, not its header
    end = root * page_size
    data[start:end] = b"\xff" * (end - start)
    path.write_bytes(bytes(data))


def test_corrupt_file_is_refused_by_the_opening_check(old_db: Path) -> None:
    open_database(old_db).dispose()
    _corrupt_last_page(old_db)
    with pytest.raises(DatabaseCorrupt, match="failed the integrity check"):
        open_database(old_db)


def test_deferred_check_opens_quickly_then_reports_corruption(old_db: Path) -> None:
    open_database(old_db).dispose()
    _corrupt_last_page(old_db)
    db = open_database(old_db, verify=False)  # what the window does: scan later
    try:
        with pytest.raises(DatabaseCorrupt, match="Restore it from a backup"):
            db.check_integrity()
    finally:
        db.dispose()


def test_deferred_check_passes_on_a_sound_file(db_path: Path) -> None:
    open_database(db_path).dispose()
    db = open_database(db_path, verify=False)
    try:
        db.check_integrity()
    finally:
        db.dispose()
