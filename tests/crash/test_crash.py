"""SIGKILL at random moments: during service writes, during an upgrade, during backup and
restore. ``make soak`` runs the same with 500 kills (``CRYOLOG_CRASH_KILLS``)."""

from __future__ import annotations

from pathlib import Path

from cryolog.db.database import open_database
from tests.crash.harness import (
    kill_backups_and_restores,
    kill_migrations,
    kill_writers,
    kills,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"


def test_killed_writers_lose_no_acknowledged_write_and_leave_nothing_half_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "crash.db"
    open_database(path).dispose()
    count = kills(50)
    outcome = kill_writers(path, count, seed=1)
    assert outcome.kills == count >= 50
    assert outcome.acks >= count  # the writers got real work done between the kills
    kinds = {kind for kind, _ in outcome.expected}
    assert kinds == {"patient", "session", "document"}


def test_killed_upgrades_complete_on_the_next_open(tmp_path: Path) -> None:
    assert kill_migrations(FIXTURE, tmp_path, kills(50) // 5, seed=2) >= 10


def test_killed_backups_and_restores_leave_a_usable_file(tmp_path: Path) -> None:
    """Kills during ``back_up`` and ``restore_backup``: no file under a backup's name that
    is not a checked backup, the database opens and passes ``check_file`` (SQLite's checks
    and ``verify`` with exit 0: a restored file's anchor names the backup's head)."""
    path = tmp_path / "kept.db"
    open_database(path).dispose()
    assert kill_backups_and_restores(path, max(kills(50) // 5, 4), seed=3) >= 4
