"""When automatic backups are made, and the second folder."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cryolog.db.database import Database
from cryolog.db.manifest import read_manifest
from cryolog.db.models import Patient
from cryolog.services import Services
from cryolog.services.backups import BackupService, BackupSettings, lost_since

pytestmark = pytest.mark.sqlite_only  # file backups (a server's are pg_dump's, README)


def _register(db: Database, count: int = 1) -> None:
    """Register ``count`` more patients, each a different person."""
    with db.read() as session:
        first = session.scalar(select(func.count()).select_from(Patient)) or 0
    with Services.open(db, "t").unit() as services:
        for i in range(first, first + count):
            services.patients.register({"family_name": f"N{i}", "birth_date": date(1980, 1, 1)})


T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_a_backup_is_made_only_when_something_changed(db: Database) -> None:
    service = BackupService(db.storage)
    first = service.back_up("start", now=T0)
    assert first.backup is not None
    assert service.back_up("start", now=T0 + timedelta(hours=1)).backup is None
    assert service.back_up("quit", now=T0 + timedelta(hours=2)).backup is None
    _register(db)
    later = service.back_up("quit", now=T0 + timedelta(hours=3))
    assert later.backup is not None and later.backup.manifest.patients == 1
    forced = service.back_up("manual", force=True, now=T0 + timedelta(hours=4))
    assert forced.backup is not None and forced.backup.manifest.kind == "manual"


def test_a_regular_backup_waits_for_a_day_or_a_burst_of_changes(db: Database) -> None:
    service = BackupService(db.storage, BackupSettings(burst=5))
    assert service.back_up("start", now=T0).backup is not None
    _register(db, 2)
    assert service.back_up("regular", now=T0 + timedelta(hours=2)).backup is None
    assert service.back_up("regular", now=T0 + timedelta(days=1, minutes=1)).backup is not None
    _register(db, 5)  # each registration writes its audit entries
    assert service.back_up("regular", now=T0 + timedelta(days=1, hours=1)).backup is not None


def test_the_status_warns_after_a_week_without_a_backup(db: Database) -> None:
    service = BackupService(db.storage)
    status = service.status(now=T0)
    assert status.last is None and status.overdue
    service.back_up("start", now=T0)
    assert not service.status(now=T0 + timedelta(days=6)).overdue
    late = service.status(now=T0 + timedelta(days=8))
    assert late.overdue and late.last == T0


def test_a_second_folder_gets_a_checked_copy(db: Database, tmp_path: Path) -> None:
    second = tmp_path / "usb-drive"
    second.mkdir()
    service = BackupService(db.storage, BackupSettings(second_folder=second))
    outcome = service.back_up("start")
    assert outcome.backup is not None and outcome.warnings == ()
    copy = second / outcome.backup.path.name
    assert copy.read_bytes() == outcome.backup.path.read_bytes()
    assert read_manifest(copy) == outcome.backup.manifest
    assert (copy.stat().st_mode & 0o777) == 0o600
    entries = service.entries(service.facts())
    assert [e.second_folder for e in entries] == [False, True]
    assert all(e.lost is not None and e.lost.nothing for e in entries)


def test_an_unreachable_second_folder_is_a_warning_not_a_failure(
    db: Database, tmp_path: Path
) -> None:
    gone = tmp_path / "unplugged"
    service = BackupService(db.storage, BackupSettings(second_folder=gone))
    outcome = service.back_up("start")
    assert outcome.backup is not None and outcome.backup.path.exists()
    (warning,) = outcome.warnings
    assert "cannot be reached" in warning and str(gone) in warning
    assert not gone.exists()


def test_what_would_be_lost_is_counted_from_the_backup(db: Database) -> None:
    service = BackupService(db.storage)
    made = service.back_up("start").backup
    assert made is not None
    _register(db, 3)
    lost = lost_since(service.facts(), made.manifest.facts)
    assert (lost.patients, lost.sessions) == (3, 0) and lost.changes >= 3


def test_a_server_database_has_no_file_backups() -> None:
    from cryolog.db.backends.server import ServerBackend
    from cryolog.db.backup import BackupFailed

    with pytest.raises(BackupFailed, match="made on the server"):
        BackupService(ServerBackend("postgresql://u@h/db")).back_up("manual", force=True)


def test_clean_up_removes_what_an_interrupted_restore_left_beside_the_database(
    db: Database,
) -> None:
    from cryolog.db.files import temporary_name

    assert db.path is not None
    left = temporary_name(db.path, "restoring")
    left.write_bytes(b"half a copy")
    other = db.path.with_name(".other.db.restoring-1-ab")  # another database's: not ours
    other.write_bytes(b"x")
    removed = BackupService(db.storage).clean_up()
    assert left in removed and not left.exists()
    assert other.exists() and db.path.exists()
