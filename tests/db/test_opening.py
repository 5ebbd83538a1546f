"""Opening odd files: empty, loose permissions, read-only, on a full disk, odd addresses."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from cryolog.db.backends import Access, backend_for
from cryolog.db.database import open_database
from cryolog.db.errors import (
    DatabaseEmpty,
    DatabaseProblem,
    DatabaseReadOnly,
    DiskFull,
    MigrationFailed,
)
from cryolog.db.revisions import HEAD_REVISION
from cryolog.services import Services
from tests.storage_mounts import fill, read_only_view, tmpfs

pytestmark = pytest.mark.sqlite_only  # opening files: zero-byte, damaged, read-only, disk full

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_empty_file_is_set_up_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.touch()
    with pytest.raises(DatabaseEmpty, match=r"empty \(0 bytes\).*when you ask"):
        open_database(target)
    assert target.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db"]
    db = open_database(target, allow_empty=True)
    assert db.migration is not None and db.migration.to_revision == HEAD_REVISION
    db.dispose()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseProblem, match="is a folder"):
        open_database(tmp_path)


def test_loose_permissions_are_tightened_with_a_note(db_path: Path) -> None:
    open_database(db_path).dispose()
    db_path.chmod(0o644)
    db = open_database(db_path)
    try:
        assert (db_path.stat().st_mode & 0o777) == 0o600
        assert db.migration is not None
        (note,) = db.migration.notes
        assert "readable by other users" in note and "0644" in note and "0600" in note
    finally:
        db.dispose()
    again = open_database(db_path)
    assert again.migration is not None and again.migration.notes == ()
    again.dispose()


def test_the_database_and_its_journal_files_are_private(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        db.rows("SELECT 1", {})
        Services.open(db, "t").patients.register(
            {"family_name": "A", "birth_date": date(1980, 1, 1)}
        )
        for name in ("cryolog.db", "cryolog.db-wal", "cryolog.db-shm"):
            assert ((db_path.parent / name).stat().st_mode & 0o777) == 0o600, name
        assert (db_path.parent.stat().st_mode & 0o777) == 0o700
    finally:
        db.dispose()


def test_tightening_never_adds_a_permission(db_path: Path) -> None:
    open_database(db_path).dispose()
    db_path.chmod(0o444)
    open_database(db_path).dispose()
    assert (db_path.stat().st_mode & 0o777) == 0o400


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("ftp://example.org/practice.db", "cannot open ftp:// addresses"),
        ("nosuch://x", "cannot open nosuch:// addresses"),
        ("mysql://user@host/db", "cannot open mysql:// addresses"),
        ("sqlite://", "not a database file"),
        ("sqlite:///:memory:", "not a database file"),
        ("sqlite:///x.db?mode=ro", "not a database file"),
    ],
)
def test_addresses_cryolog_cannot_open_are_refused(target: str, message: str) -> None:
    with pytest.raises(DatabaseProblem, match=message):
        backend_for(target)


def test_a_server_that_cannot_be_reached_is_a_sentence() -> None:
    with pytest.raises(DatabaseProblem, match=r"cannot be reached"):
        open_database("postgresql://nobody:pw@127.0.0.1:1/none?connect_timeout=3")


def _filled_db(folder: Path, patients: int = 3) -> Path:
    path = folder / "practice.db"
    db = open_database(path)
    for i in range(patients):
        Services.open(db, "t").patients.register(
            {"family_name": f"Name{i}", "birth_date": date(1980, 1, 1)}
        )
    db.dispose()
    return path


def test_a_database_on_a_read_only_mount_opens_read_only(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    _filled_db(source)
    digest = _digest(source / "practice.db")
    with read_only_view(source, tmp_path / "view") as view:
        db = open_database(view / "practice.db", create=False)
        try:
            assert db.read_only and "cannot be written" in db.read_only_reason
            assert db.storage.access is Access.IMMUTABLE  # type: ignore[attr-defined]
            assert db.rows("SELECT count(*) FROM patient", {}) == [(3,)]
            with pytest.raises(DatabaseReadOnly, match="nothing can be saved"):
                Services.open(db).patients.register(
                    {"family_name": "New", "birth_date": date(1980, 1, 1)}
                )
            db.check_integrity()
        finally:
            db.dispose()
    assert _digest(source / "practice.db") == digest
    # nothing beside it either (the anchor is the one its filling wrote)
    assert sorted(p.name for p in source.iterdir()) == ["practice.db", "practice.db.anchor"]


def test_an_old_file_on_a_read_only_mount_is_refused_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(FIXTURE, source / "old.db")
    with (
        read_only_view(source, tmp_path / "view") as view,
        pytest.raises(DatabaseReadOnly, match="needs to be updated"),
    ):
        open_database(view / "old.db", create=False)
    assert _digest(source / "old.db") == _digest(FIXTURE)


def test_a_database_on_a_full_disk_opens_read_only_with_the_disk_full_message(
    tmp_path: Path,
) -> None:
    with tmpfs(tmp_path / "disk", "8m") as disk:
        path = _filled_db(disk)
        filler = fill(disk)
        try:
            db = open_database(path, create=False, verify=False)
            try:
                assert db.read_only and "is full" in db.read_only_reason
                assert db.rows("SELECT count(*) FROM patient", {}) == [(3,)]
                with pytest.raises(DatabaseReadOnly, match=r"disk holding .* is full"):
                    Services.open(db).patients.register(
                        {"family_name": "New", "birth_date": date(1980, 1, 1)}
                    )
            finally:
                db.dispose()
        finally:
            filler.unlink()
        reopened = open_database(path)  # with room again it is an ordinary file
        assert not reopened.read_only
        reopened.dispose()


def test_an_update_on_a_nearly_full_disk_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    with tmpfs(tmp_path / "disk", "8m") as disk:
        path = disk / "old.db"
        shutil.copy(FIXTURE, path)
        digest = _digest(path)
        room = 2 * 1024 * 1024 + path.stat().st_size  # enough to open, not to update safely
        filler = fill(disk, leave=room)
        try:
            with pytest.raises(DiskFull, match="Not enough free space to update"):
                open_database(path)
            assert _digest(path) == digest
            assert sorted(p.name for p in disk.iterdir()) == ["filler.bin", "old.db"]
        finally:
            filler.unlink()


def test_a_failed_pre_migration_backup_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cryolog.db.backup as backup

    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    digest = _digest(path)

    def no_room(*_args: object, **_kwargs: object) -> None:
        raise DiskFull("The disk is full.", str(path))

    monkeypatch.setattr(backup, "ensure_space", no_room)
    with pytest.raises(MigrationFailed, match="backup before the update could not be made"):
        open_database(path)
    assert _digest(path) == digest
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_a_pre_migration_backup_is_checked_and_kept_apart(tmp_path: Path) -> None:
    from cryolog.db.manifest import read_manifest

    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    db = open_database(path)
    try:
        assert db.migration is not None and db.migration.backup is not None
        backup = db.migration.backup
        assert backup.parent == tmp_path / "backups" / "pre-migration"
        manifest = read_manifest(backup)
        assert manifest is not None and manifest.kind == "pre-migration"
        assert manifest.facts.revision == "0001" and manifest.patients == 3
        assert (backup.stat().st_mode & 0o777) == 0o600
    finally:
        db.dispose()
    assert [p.name for p in (tmp_path / "backups").iterdir()] == ["pre-migration"]
