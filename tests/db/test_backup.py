"""Verified backups: a consistent, checked, private copy with its manifest, or nothing."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from cryolog.db.backends import SqliteFileBackend
from cryolog.db.backup import (
    BackupFailed,
    backup_folder,
    check_backup,
    clean_up,
    list_backups,
    make_backup,
    rotate,
)
from cryolog.db.chain_head import chain_head
from cryolog.db.database import Database
from cryolog.db.errors import DiskFull
from cryolog.db.manifest import manifest_path, read_manifest
from cryolog.db.revisions import HEAD_REVISION
from cryolog.db.rotation import RotationPolicy, to_keep
from cryolog.db.snapshot import Facts, read_facts
from cryolog.services import Services
from tests.storage_mounts import fill, tmpfs

pytestmark = pytest.mark.sqlite_only  # file backups (a server's are pg_dump's, README)

ROOT = Path(__file__).resolve().parents[2]


def _patients(db: Database, count: int, prefix: str = "Name") -> None:
    with Services.open(db, "tester").unit() as services:
        for i in range(count):
            services.patients.register(
                {"family_name": f"{prefix}{i}", "birth_date": date(1980, 1, 1)}
            )


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def test_a_backup_is_a_checked_private_copy_with_its_manifest(db: Database) -> None:
    _patients(db, 5)
    assert db.path is not None
    backup = make_backup(db.storage, backup_folder(db.path))
    assert backup.path.parent == db.path.parent / "backups"
    assert (backup.path.stat().st_mode & 0o777) == 0o600
    assert (backup.path.parent.stat().st_mode & 0o777) == 0o700
    manifest_file = manifest_path(backup.path)
    assert (manifest_file.stat().st_mode & 0o777) == 0o600
    data = json.loads(manifest_file.read_text(encoding="utf-8"))
    assert data["patients"] == 5 and data["counts"]["patient"] == 5
    assert data["sessions"] == 0 and data["revision"] == HEAD_REVISION
    assert data["size"] == backup.path.stat().st_size and len(data["sha256"]) == 64
    with closing(sqlite3.connect(db.path)) as conn:
        head = chain_head(conn)
    assert head is not None and data["chain_head"] == {"id": head.id, "hash": head.hash}
    assert _rows(backup.path, "patient") == _rows(db.path, "patient")
    assert _rows(backup.path, "audit_log") == _rows(db.path, "audit_log")
    check_backup(db.storage, backup)  # still what its manifest says
    assert [b.path for b in list_backups([backup.path.parent], db.path.name)] == [backup.path]
    assert not any(p.name.startswith(".") for p in backup.path.parent.iterdir())


def test_a_copy_that_does_not_match_the_source_is_not_kept(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _patients(db, 3)
    assert db.path is not None
    real_copy = SqliteFileBackend.copy_to

    def lossy_copy(self: SqliteFileBackend, destination: Path, progress: object = None) -> Facts:
        facts = real_copy(self, destination, None)
        with closing(sqlite3.connect(destination)) as conn:  # a row lost on the way
            conn.execute("DELETE FROM patient_name_token")
            conn.commit()
        return facts

    monkeypatch.setattr(SqliteFileBackend, "copy_to", lossy_copy)
    folder = backup_folder(db.path)
    with pytest.raises(BackupFailed, match="does not hold what the database held"):
        make_backup(db.storage, folder)
    assert list(folder.iterdir()) == []


def test_a_changed_backup_fails_its_check(db: Database) -> None:
    _patients(db, 2)
    assert db.path is not None
    backup = make_backup(db.storage, backup_folder(db.path))
    data = bytearray(backup.path.read_bytes())
    data[-10] ^= 0xFF
    backup.path.write_bytes(bytes(data))
    with pytest.raises(BackupFailed, match="changed or damaged"):
        check_backup(db.storage, backup)


@pytest.mark.tampered  # the other connection writes audit rows without the chain
def test_the_copy_is_one_snapshot_while_another_connection_writes(db: Database) -> None:
    _patients(db, 40)
    assert db.path is not None
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("PRAGMA busy_timeout = 5000")
    written: list[int] = []

    def write_meanwhile(done: int, total: int) -> None:  # between two steps of the copy
        other.execute(
            "INSERT INTO audit_log (at, actor, action, entity) VALUES"
            " ('2026-01-01 00:00:00', 'other', 'create', 'patient')"
        )
        written.append(done)

    try:
        backup = make_backup(db.storage, backup_folder(db.path), progress=write_meanwhile)
    finally:
        other.close()
    assert written  # the writer ran during the copy ...
    with closing(sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)) as conn:
        copied = read_facts(conn)
    assert copied == backup.manifest.facts  # ... and the copy is the snapshot it started from
    assert copied.changes == 41  # the genesis and 40 registrations


KILLED_BACKUP = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from cryolog.db.backends import SqliteFileBackend
    from cryolog.db.backup import backup_folder, make_backup

    def die(done, total):
        if done:
            print("copying", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    path = Path(sys.argv[1])
    make_backup(SqliteFileBackend(path), backup_folder(path), progress=die)
    """
)


def test_a_killed_backup_leaves_no_backup_and_its_temporary_is_removed_later(
    db: Database,
) -> None:
    _patients(db, 300)
    assert db.path is not None
    done = subprocess.run(
        [sys.executable, "-c", KILLED_BACKUP, str(db.path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL and "copying" in done.stdout
    folder = backup_folder(db.path)
    names = [p.name for p in folder.iterdir()]
    assert names and all(name.startswith(".") and ".partial-" in name for name in names)
    assert list_backups([folder], db.path.name) == []
    removed = clean_up(folder)
    assert removed and list(folder.iterdir()) == []


def test_clean_up_leaves_a_temporary_that_is_still_being_written(db: Database) -> None:
    from cryolog.db.files import claimed_temporary

    assert db.path is not None
    folder = backup_folder(db.path)
    with claimed_temporary(folder / "x.db", "partial") as claimed:
        assert clean_up(folder) == []
        assert claimed.path.exists()
    assert list(folder.iterdir()) == []


def test_a_manifest_without_its_backup_is_cleaned_up(db: Database) -> None:
    assert db.path is not None
    backup = make_backup(db.storage, backup_folder(db.path))
    backup.path.unlink()
    assert clean_up(backup.path.parent) == [manifest_path(backup.path)]
    assert list(backup.path.parent.iterdir()) == []


def test_a_full_disk_makes_no_backup_and_leaves_nothing(tmp_path: Path) -> None:
    from cryolog.db.database import open_database

    with tmpfs(tmp_path / "small", "8m") as disk:
        db = open_database(disk / "practice.db")
        _patients(db, 5)
        assert db.path is not None
        filler = fill(disk, leave=64 * 1024)
        try:
            with pytest.raises(DiskFull, match="Not enough free space for a backup"):
                make_backup(db.storage, backup_folder(db.path))
            folder = backup_folder(db.path)
            assert not folder.exists() or list(folder.iterdir()) == []
        finally:
            filler.unlink()
            db.dispose()


def _at(days_ago: float, hour: int = 12) -> datetime:
    base = datetime(2026, 6, 30, hour, tzinfo=UTC).astimezone()
    return (base - timedelta(days=days_ago)).astimezone(UTC)


def test_rotation_keeps_the_newest_of_each_recent_day_week_and_month() -> None:
    hourly_today = [_at(0, h) for h in range(8, 18)]
    daily = [_at(d) for d in range(1, 400)]
    kept = to_keep(hourly_today + daily, RotationPolicy(daily=7, weekly=4, monthly=12, latest=3))
    assert set(hourly_today[-3:]) <= kept  # the newest three, whatever their day
    assert hourly_today[0] not in kept
    days = {stamp.astimezone().date() for stamp in kept}
    assert len(kept) == 7 + 4 + 12 + 2  # today's newest is both a day's and one of the latest
    assert len(days) == len(kept) - 2
    newest_old = max(stamp for stamp in kept if stamp < _at(330))
    assert newest_old > _at(400)  # a year of monthly copies, not more


@pytest.mark.parametrize("policy", [RotationPolicy(0, 0, 0, 0), RotationPolicy(1, 0, 0, 1)])
def test_rotation_always_keeps_the_newest(policy: RotationPolicy) -> None:
    stamps = [_at(d) for d in range(10)]
    assert to_keep(stamps, policy) == {stamps[0]}


def test_rotation_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError, match="from 0 to 1000"):
        RotationPolicy(daily=-1)


def test_rotate_removes_backups_and_manifests_beyond_the_policy(db: Database) -> None:
    assert db.path is not None
    folder = backup_folder(db.path)
    made = [
        make_backup(db.storage, folder, now=datetime(2026, 6, day, 12, tzinfo=UTC))
        for day in range(1, 6)
    ]
    removed = rotate(folder, db.path.name, RotationPolicy(daily=2, weekly=0, monthly=0, latest=1))
    assert {b.path for b in removed} == {b.path for b in made[:3]}  # two days stay
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        name for b in made[3:] for name in (b.path.name, manifest_path(b.path).name)
    )
    assert read_manifest(made[4].path) is not None


def test_pre_migration_and_pre_restore_copies_are_never_rotated(db: Database) -> None:
    assert db.path is not None
    kept = make_backup(db.storage, backup_folder(db.path, "pre-restore"), "pre-restore")
    for day in range(1, 4):
        make_backup(db.storage, backup_folder(db.path), now=datetime(2026, 6, day, tzinfo=UTC))
    rotate(backup_folder(db.path), db.path.name, RotationPolicy(0, 0, 0, 1))
    assert kept.path.exists() and kept.path.parent.name == "pre-restore"
    assert manifest_path(kept.path).exists()
