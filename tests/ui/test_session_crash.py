"""A session draft survives the window's process being killed (SIGKILL, as a power cut
would end it); the next window finds it, completes it without a reason and signs it."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select as sql_select

from cryolog.db.database import open_database
from cryolog.db.models import AuditEntry, TreatmentSession
from cryolog.services import Services
from cryolog.ui.main_window import MainWindow
from cryolog.ui.reason_dialog import ReasonDialog
from tests.ui.conftest import FakeClock
from tests.ui.record_setup import returning_patient, settle, stored

ROOT = Path(__file__).resolve().parents[2]


def _ready(process: subprocess.Popen[str], seconds: float = 90) -> int:
    """The session id the window process reports once its draft is stored."""
    assert process.stdout is not None
    lines: list[str] = []
    while True:
        readable, _, _ = select.select([process.stdout], [], [], seconds)
        if not readable:
            raise AssertionError(f"the window process did not get ready: {lines}")
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"the window process ended: {lines}, {process.wait()}")
        lines.append(line)
        if line.startswith("READY "):
            return int(line.split()[1])


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_draft_survives_a_killed_window_and_is_then_completed_and_signed(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "practice.db"
    db = open_database(path)
    pid = returning_patient(db)
    db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.session_process", str(path), str(pid)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        session_id = _ready(process)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == -signal.SIGKILL

    db = open_database(path)  # a new process (this one) finds the draft
    try:
        with db.read() as s:
            row = s.get(TreatmentSession, session_id)
            assert row is not None
            assert (row.state, row.bp_pre_sys, row.bp_pre_dia, row.hr_pre) == (
                "draft",
                132,
                84,
                68,
            )
        window = MainWindow(Services.open(db, "practitioner"))
        qtbot.addWidget(window)
        window.show()
        view = window.open_patient(pid)
        settle(qtbot, view)
        panel = view.session_panel  # today's unsigned session opens with the record
        assert panel is not None and panel.presenter.dto is not None
        assert panel.presenter.dto.id == session_id
        assert panel.form.bp_pre[0].text() == "132" and panel.form.hr_pre.text() == "68"
        for box in ("dry_skin", "no_lotion", "no_metal", "protective_gear"):
            panel.form.checks[box].setChecked(True)
        stored(qtbot, panel)
        qtbot.waitUntil(lambda: panel.start_button.isEnabled())
        panel.start_button.click()
        qtbot.waitUntil(lambda: panel.timer.running)
        clock.advance(118)
        panel.stop_button.click()
        qtbot.waitUntil(lambda: panel.sign_button.isVisibleTo(panel))
        qtbot.keyClicks(panel.form.bp_post[0], "136")
        qtbot.keyClicks(panel.form.bp_post[1], "86")
        stored(qtbot, panel)
        with qtbot.waitSignal(panel.finished):
            panel.sign_button.click()
        assert not isinstance(panel.dialog, ReasonDialog)  # nothing asked for a reason
        with db.read() as s:
            row = s.get(TreatmentSession, session_id)
            assert row is not None
            assert (row.state, row.actual_exposure_s, row.bp_post_sys) == ("signed", 118, 136)
            entries = s.scalars(
                sql_select(AuditEntry).where(
                    AuditEntry.entity == "session", AuditEntry.entity_id == session_id
                )
            ).all()
        assert [e.action for e in entries][-2:] == ["update", "sign"]
        assert all(e.reason is None for e in entries)
        window.close()
    finally:
        db.dispose()
