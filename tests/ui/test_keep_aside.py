"""Unsaved typing is kept aside every few seconds and offered back after a crash."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.ui.keep_aside import KeptTyping
from cryolog.ui.main_window import MainWindow
from tests.ui.conftest import PromptAnswers
from tests.ui.record_setup import seed

DRIVER = Path(__file__).with_name("keep_aside_driver.py")


def _env(data_home: Path) -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    return {
        **os.environ,
        "XDG_DATA_HOME": str(data_home),
        "CRYOLOG_KEEP_ASIDE_MS": "200",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": root,
    }


def test_typing_survives_a_killed_process_and_is_offered_back(
    db: Database, private_data_folder: Path
) -> None:
    seeded = seed(db)
    target = str(db.path)
    db.dispose()
    kept = KeptTyping.for_database(target)
    env = _env(private_data_folder)
    first = subprocess.Popen(
        [sys.executable, str(DRIVER), "type", target, str(seeded.patient_id)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not kept.path.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert kept.path.exists(), "the typing was not kept aside"
        time.sleep(0.3)  # one more tick: the file holds the whole typing
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    assert first.returncode == -signal.SIGKILL
    assert stat.S_IMODE(kept.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.path.parent.stat().st_mode) == 0o700

    second = subprocess.run(
        [sys.executable, str(DRIVER), "restore", target, str(seeded.patient_id)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    shown = json.loads(second.stdout.strip().splitlines()[-1])
    assert shown == {
        "notes": "signed on paper, scan follows",
        "area": "both knees",
        "unsaved": True,
        "session": None,
    }
    assert not kept.path.exists()  # closed cleanly afterwards


def test_half_typed_session_values_survive_a_killed_process(
    db: Database, private_data_folder: Path
) -> None:
    seeded = seed(db)
    target = str(db.path)
    db.dispose()
    kept = KeptTyping.for_database(target)
    env = _env(private_data_folder)
    ids = [str(seeded.patient_id), str(seeded.course_id)]
    first = subprocess.Popen(
        [sys.executable, str(DRIVER), "session", target, *ids],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and b"Chamber 2" not in _bytes(kept.path):
            time.sleep(0.1)
        assert b"Chamber 2" in _bytes(kept.path), "the session's typing was not kept aside"
        time.sleep(0.3)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    second = subprocess.run(
        [sys.executable, str(DRIVER), "restore", target, *ids],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = second.stdout.strip().splitlines()
    assert lines, second.stderr[-3000:]
    shown = json.loads(lines[-1])
    assert shown["session"] == ["2 mi", "Chamber 2"]


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def test_a_clean_close_leaves_nothing_and_nothing_is_offered(
    qtbot: QtBot, db: Database, answers: PromptAnswers
) -> None:
    seeded = seed(db)
    window = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(window)
    view = window.open_patient(seeded.patient_id)
    qtbot.waitUntil(lambda: view.data is not None)
    view.consent.notes.setText("kept while typing")
    window.keep_aside()
    assert window.kept.read() == {seeded.patient_id: {"consent": view.consent.kept_state()}}
    view.consent.notes.setText("")  # typed back: nothing unsaved, nothing kept
    window.keep_aside()
    assert not window.kept.path.exists()
    view.consent.notes.setText("again")
    window.keep_aside()
    answers_before = list(answers.asked)
    window.close()
    assert not window.kept.path.exists()
    again = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(again)
    qtbot.wait(50)
    assert answers.asked == answers_before  # no question after a clean close


def test_a_damaged_kept_file_is_ignored(db: Database) -> None:
    kept = KeptTyping.for_database(str(db.path))
    kept.path.parent.mkdir(parents=True)
    kept.path.write_bytes(b"\x00not json")
    assert kept.read() == {}
