"""SIGKILL at random moments: during service writes, during an upgrade, (at merge) during
backup and restore. ``make soak`` runs the same with 500 kills (``CRYOLOG_CRASH_KILLS``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from cryolog.db.database import open_database
from tests.crash.harness import kill_migrations, kill_writers, kills

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


@pytest.mark.skipif(
    importlib.util.find_spec("cryolog.services.backups") is None,
    reason="backup module not present",
)
def test_killed_backups_and_restores_leave_a_usable_file() -> None:  # pragma: no cover
    # MERGE: enable with the storage work — kill ``cryolog backup`` and ``cryolog restore``
    # at random moments (harness.kill_after), then: no file under a backup name that is
    # not a verified backup, the database opens and ``check_file`` passes, and a restored
    # file verifies with its anchor rewritten from the backup's manifest.
    raise NotImplementedError("the backup module is present: write this test")
