"""The window's anchor: written after the commits on a lane of its own, many commits in one
write; closing, a backup and a verification wait for it; a SIGKILL right after a save
leaves an anchor at most one head behind, and the file still verifies."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cryolog.db.audit_anchor import read_anchor
from cryolog.db.audit_chain import ChainHead
from cryolog.db.backends import SqliteFileBackend
from cryolog.db.database import Database, open_database
from cryolog.services import Services
from cryolog.services.backups import BackupService
from cryolog.services.verify import verify_file
from tests.services.conftest import other_patient

pytestmark = pytest.mark.sqlite_only  # the anchor file beside a database file

ROOT = Path(__file__).resolve().parents[2]


def _anchored(path: Path) -> ChainHead:
    found = read_anchor(path)
    assert found is not None
    return found.head


def _chain_head(db: Database) -> ChainHead:
    row = db.rows("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1", {})[0]
    return ChainHead(int(row[0]), bytes(row[1]))


def _lane_db(path: Path) -> Database:
    db = open_database(path)
    db.anchor_after_commits()
    db.settle_anchor()
    return db


def _release_later(lock: threading.Lock, delay_s: float) -> threading.Thread:
    def release() -> None:
        time.sleep(delay_s)
        lock.release()

    lock.acquire()
    thread = threading.Thread(target=release)
    return thread


def test_a_save_commits_before_its_anchor_and_the_lane_catches_up(db_path: Path) -> None:
    db = _lane_db(db_path)
    services = Services.open(db, "dr.test")
    lane = db._lane
    assert lane is not None
    with lane.writing:  # the anchor cannot be written: the save does not wait for it
        saved = services.patients.register(other_patient("Dupont"))
        assert lane.pending()
        assert _anchored(db_path).entry_id < _chain_head(db).entry_id
    db.settle_anchor()
    assert not lane.pending()
    assert _anchored(db_path) == _chain_head(db)
    assert services.patients.get_patient(saved.id).family_name == "Dupont"
    db.dispose()


def test_a_burst_of_saves_is_anchored_in_one_or_two_writes(db_path: Path) -> None:
    db = _lane_db(db_path)
    services = Services.open(db, "dr.test")
    lane = db._lane
    assert lane is not None
    before = lane.writes
    with lane.writing:
        for n in range(8):
            services.patients.register(other_patient(f"Burst{n}"))
    db.settle_anchor()
    assert 1 <= lane.writes - before <= 2
    assert _anchored(db_path) == _chain_head(db)
    db.dispose()


def test_closing_writes_the_latest_anchor(db_path: Path) -> None:
    db = _lane_db(db_path)
    services = Services.open(db, "dr.test")
    lane = db._lane
    assert lane is not None
    releaser = _release_later(lane.writing, 0.3)
    for n in range(3):
        services.patients.register(other_patient(f"Close{n}"))
    head = _chain_head(db)
    releaser.start()
    db.dispose()  # no settle: the close itself waits
    releaser.join()
    assert _anchored(db_path) == head
    report = verify_file(db_path)
    assert report.exit_status == 0, [b.line() for b in report.breaks]


def test_a_verification_in_the_same_process_waits_for_the_pending_anchor(
    db_path: Path,
) -> None:
    db = _lane_db(db_path)
    services = Services.open(db, "dr.test")
    lane = db._lane
    assert lane is not None
    releaser = _release_later(lane.writing, 0.3)
    services.patients.register(other_patient("Verify"))
    releaser.start()
    report = verify_file(db_path)  # waits for the anchor, then reads it
    releaser.join()
    assert report.exit_status == 0
    assert report.head is not None and report.head.entry_id == _chain_head(db).entry_id
    assert _anchored(db_path) == _chain_head(db)
    db.dispose()


def test_a_backup_waits_for_the_pending_anchor(db_path: Path) -> None:
    db = _lane_db(db_path)
    services = Services.open(db, "dr.test")
    lane = db._lane
    assert lane is not None
    releaser = _release_later(lane.writing, 0.3)
    services.patients.register(other_patient("Backup"))
    releaser.start()
    BackupService(SqliteFileBackend(db_path)).back_up("manual", force=True)
    releaser.join()
    assert not lane.pending()
    assert _anchored(db_path) == _chain_head(db)
    db.dispose()


_CHILD = """
import os, signal, sys
from datetime import date, timedelta
from cryolog.db.database import open_database
from cryolog.services import Services
from tests.services.conftest import patient_data, wbc_session

db = open_database(sys.argv[1])
db.anchor_after_commits()
db.settle_anchor()
s = Services.open(db, "dr.crash")
today = date.today()
pid = s.patients.register(patient_data()).id
s.pretreatment.record_screening(pid, {"screened_on": today, "answers": {}})
s.pretreatment.record_consent(pid, {"signed_on": today, "form_version": 1})
s.pretreatment.record_clearance(pid, {"issued_on": today,
    "valid_until": today + timedelta(days=180), "ecg": True, "blood": True, "urine": True})
s.pretreatment.record_cold_test(pid, "ice_cube", {"performed_on": today, "result": "negative"})
db.settle_anchor()
hold = sys.argv[2] == "hold"
lane = db._lane
if hold:
    lane.writing.acquire()  # the anchor of the next save cannot be written
saved = s.sessions.record_session(pid, wbc_session())
print(saved.id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _save_then_sigkill(path: Path, mode: str) -> int:
    open_database(path).dispose()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == -9, done.stderr
    return int(done.stdout.split()[0])


@pytest.mark.parametrize("mode", ["hold", "race"])
def test_a_sigkill_right_after_a_save_keeps_the_save_and_the_file_verifies(
    db_path: Path, mode: str
) -> None:
    session_id = _save_then_sigkill(db_path, mode)
    db = open_database(db_path)
    head = _chain_head(db)
    anchored = _anchored(db_path)
    if mode == "hold":  # killed between the commit and its anchor: one head behind
        assert anchored.entry_id < head.entry_id
    assert anchored.entry_id <= head.entry_id
    report = verify_file(db_path)
    assert report.breaks == [], [b.line() for b in report.breaks]
    assert report.exit_status == 0
    if mode == "hold":
        assert report.anchored == anchored.entry_id
        assert f"the newest is {head.entry_id} (written after the last anchor)" in (
            report.summary()
        )
    found = db.rows("SELECT duration_s FROM treatment_session WHERE id = :i", {"i": session_id})
    assert found == [(120,)]
    db.dispose()
    # the next start anchors the head the crash left unanchored
    reopened = _lane_db(db_path)
    assert _anchored(db_path) == head
    reopened.dispose()


@pytest.mark.tampered
def test_a_cut_tail_is_still_found_after_a_deferred_anchor(db_path: Path) -> None:
    """The lane moves the anchor only along the chain: cutting the newest entries after the
    anchor was written is reported as before."""
    import sqlite3
    from contextlib import closing

    db = _lane_db(db_path)
    services = Services.open(db, "dr.test")
    services.patients.register(other_patient("Cut"))
    db.dispose()
    with closing(sqlite3.connect(db_path)) as conn:
        triggers = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        ).fetchall()
        for (name,) in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")
        conn.commit()
    report = verify_file(db_path)
    assert report.exit_status == 1
    assert any(b.where == "anchor" for b in report.breaks)
