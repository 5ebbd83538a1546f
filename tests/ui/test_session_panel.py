"""The session panel beside the chamber: a draft at once, blood pressure measured again,
the timer with its alarm, completion without a reason, signing, abandoning."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import AuditEntry
from cryolog.services import Services
from cryolog.ui.override_dialog import OverrideDialog
from cryolog.ui.reason_dialog import ReasonDialog
from cryolog.ui.record.record_view import PatientRecordView
from cryolog.ui.session_clock import Alarm
from cryolog.ui.session_panel import SessionPanel
from tests.services.conftest import wbc_session
from tests.ui.conftest import FakeClock
from tests.ui.record_setup import open_record, seed, session_row, settle, start_panel, stored

CHECKS = ("dry_skin", "no_lotion", "no_metal", "protective_gear")


def _chamber_patient(db: Database) -> tuple[Services, int, int]:
    """A patient cleared for whole-body sessions, with one signed chamber session."""
    seeded = seed(db, "Petrova")
    s = seeded.services
    pid = seeded.patient_id
    s.pretreatment.record_clearance(
        pid,
        {
            "issued_on": date.today() - timedelta(days=30),
            "valid_until": date.today() + timedelta(days=150),
            "ecg": True,
            "blood": True,
            "urine": True,
        },
    )
    course = s.courses.open_course(
        pid, {"protocol_id": "wbc_course", "started_on": date.today() - timedelta(days=10)}
    ).id
    earlier = wbc_session(
        course_id=course,
        started_at=wbc_session()["started_at"] - timedelta(days=2),
        device="Cabin 2",
        measured_temp={"value": -104.0, "unit": "C"},
    )
    s.sessions.record_session(pid, earlier)
    return s, pid, course


def _view(qtbot: QtBot, db: Database) -> tuple[PatientRecordView, int]:
    services, pid, course = _chamber_patient(db)
    view = PatientRecordView(services, _runner(), pid)
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    settle(qtbot, view)
    view.courses.select_course(course)
    return view, course


def _runner():  # type: ignore[no-untyped-def]
    from cryolog.ui.tasks import TaskRunner

    return TaskRunner()


def _ready(qtbot: QtBot, panel: SessionPanel, systolic: str = "128", diastolic: str = "82") -> None:
    f = panel.form
    qtbot.keyClicks(f.bp_pre[0], systolic)
    qtbot.keyClicks(f.bp_pre[1], diastolic)
    for item in CHECKS:
        f.checks[item].setChecked(True)
    stored(qtbot, panel)


def test_a_new_session_is_a_draft_at_once_and_keeps_what_is_typed(
    qtbot: QtBot, db: Database
) -> None:
    view, course = _view(qtbot, db)
    panel = start_panel(qtbot, view, course)
    draft = stored(qtbot, panel)
    assert session_row(db, draft.id).state == "draft"
    assert view.tabs.tabText(view.tabs.indexOf(panel)).startswith("Session")
    f = panel.form
    # set values and the device come from the previous session; what was measured does not
    assert (f.duration.edit.text(), f.set_temp.value.text(), f.device.text()) == (
        "2:00",
        "-110",
        "Cabin 2",
    )
    assert f.measured_temp.value.text() == "" and f.bp_pre[0].text() == ""
    assert f.bp_pre[0].hasFocus()  # where the practitioner types first
    qtbot.keyClicks(f.bp_pre[0], "131")
    qtbot.keyClicks(f.bp_pre[1], "84")
    qtbot.keyClicks(f.hr_pre, "71")
    stored(qtbot, panel)
    row = session_row(db, draft.id)
    assert (row.bp_pre_sys, row.bp_pre_dia, row.hr_pre, row.state) == (131, 84, 71, "draft")
    assert not view.has_unsaved_work()  # it is all in the database already


def test_blood_pressure_measured_again_after_rest_clears_the_hard_stop(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    view, course = _view(qtbot, db)
    panel = start_panel(qtbot, view, course)
    _ready(qtbot, panel, "168", "101")
    qtbot.waitUntil(lambda: any("✖" in t and "160/100" in t for t in panel.findings.texts()))
    panel.start_button.click()  # a hard stop is allowed in the draft, not to start
    qtbot.waitUntil(lambda: isinstance(panel.dialog, OverrideDialog))
    assert set(panel.dialog.edits) == {"bp_high"}  # type: ignore[union-attr]
    panel.dialog.reject()  # type: ignore[union-attr]
    assert session_row(db, panel.presenter.dto.id).state == "draft"  # type: ignore[union-attr]

    clock.advance(600)  # ten minutes of rest
    f = panel.form
    f.vitals.again.click()
    assert f.bp_pre[0].text() == ""
    assert "168/101" in f.vitals.earlier_label.text()
    qtbot.keyClicks(f.bp_pre[0], "142")
    qtbot.keyClicks(f.bp_pre[1], "88")
    stored(qtbot, panel)
    qtbot.waitUntil(lambda: not any("✖" in t for t in panel.findings.texts()))
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.state is not None and panel.state.value == "running")
    row = session_row(db, panel.presenter.dto.id)  # type: ignore[union-attr]
    readings = [(r.systolic, r.diastolic) for r in row.bp_readings]
    assert readings == [(168, 101), (142, 88)] and (row.bp_pre_sys, row.bp_pre_dia) == (142, 88)
    assert row.bp_readings[1].measured_at - row.bp_readings[0].measured_at == timedelta(seconds=600)


def test_the_timer_rings_and_the_session_completes_and_signs_without_a_reason(
    qtbot: QtBot, db: Database, clock: FakeClock, alarm: Alarm, monkeypatch: pytest.MonkeyPatch
) -> None:
    beeps: list[int] = []
    alerts: list[object] = []
    monkeypatch.setattr(QApplication, "beep", lambda: beeps.append(1))
    monkeypatch.setattr(QApplication, "alert", lambda widget, ms=0: alerts.append(widget))
    Alarm.ring(alarm, None, "check")  # the real ring: the system's sound
    assert beeps == [1]
    titles: list[str] = []
    view, course = _view(qtbot, db)
    view.title_changed.connect(titles.append)
    panel = start_panel(qtbot, view, course)
    _ready(qtbot, panel)
    qtbot.waitUntil(lambda: panel.start_button.isEnabled())
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.timer.running)
    sid = panel.presenter.dto.id  # type: ignore[union-attr]
    row = session_row(db, sid)
    assert row.state == "running" and row.running_at == clock.now()
    assert not panel.form.duration.isEnabled() and not panel.form.bp_pre[0].isEnabled()
    assert panel.form.bp_post[0].isEnabled()  # after-session values stay open
    assert panel.clock_label.text() == "2:00 left"

    clock.advance(119)
    panel.timer.tick()
    assert alarm.rung == ["check"] and panel.alarm_strip.isHidden()
    assert titles[-1].startswith("▶ 0:01")
    clock.advance(2)
    panel.timer.tick()
    assert alarm.rung == ["check", "exposure"]
    assert panel.alarm_strip.isVisibleTo(panel) and "Time is up" in panel.alarm_strip.text()
    assert panel.clock_label.text() == "+0:01 over"
    assert titles[-1].startswith("⚠")
    clock.advance(15)
    panel.timer.tick()
    assert alarm.rung.count("exposure") == 2  # it keeps calling until stopped

    clock.advance(3)  # the door opens at 2:19
    panel.stop_button.click()
    done = stored(qtbot, panel)
    assert (done.state, done.actual_exposure_s, done.duration_s) == ("completed", 139, 120)
    assert panel.alarm_strip.isHidden() and panel.sign_button.isVisibleTo(panel)
    qtbot.keyClicks(panel.form.bp_post[0], "134")
    qtbot.keyClicks(panel.form.bp_post[1], "86")
    stored(qtbot, panel)
    assert panel.dialog is None  # no reason asked for the after-session values
    with qtbot.waitSignal(panel.finished):
        panel.sign_button.click()
    row = session_row(db, sid)
    assert (row.state, row.bp_post_sys, row.actual_exposure_s) == ("signed", 134, 139)
    settle(qtbot, view)
    assert view.session_panel is None
    assert not any(isinstance(view.tabs.widget(i), SessionPanel) for i in range(view.tabs.count()))
    with db.read() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == sid, AuditEntry.entity == "session")
        ).all()
    actions = [e.action for e in entries]
    assert actions[0] == "draft" and actions[-3:] == ["complete", "update", "sign"]
    assert "start" in actions and all(e.reason is None for e in entries)


def test_an_exposure_past_the_maximum_asks_for_a_note_before_signing(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    view, course = _view(qtbot, db)
    panel = start_panel(qtbot, view, course)
    _ready(qtbot, panel)
    qtbot.waitUntil(lambda: panel.start_button.isEnabled())
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.timer.running)
    clock.advance(251)
    panel.stop_button.click()
    stored(qtbot, panel)
    assert panel.form.over_note.isVisibleTo(panel)
    panel.sign_button.click()
    qtbot.waitUntil(lambda: "why past the maximum" in panel.reason.text())
    assert "4 min maximum" in panel.form.errors.messages("over_max_note")
    qtbot.keyClicks(panel.form.over_note, "Patient could not find the door handle")
    stored(qtbot, panel)
    with qtbot.waitSignal(panel.finished):
        panel.sign_button.click()
    row = session_row(db, panel.presenter.dto.id)  # type: ignore[union-attr]
    assert (row.actual_exposure_s, row.over_max_note) == (
        251,
        "Patient could not find the door handle",
    )


def test_a_draft_is_abandoned_with_a_reason(qtbot: QtBot, db: Database) -> None:
    view = open_record(qtbot, seed(db))
    panel = start_panel(qtbot, view)
    sid = panel.presenter.dto.id  # type: ignore[union-attr]
    dialog = panel.ask_abandon()
    assert isinstance(dialog, ReasonDialog)
    qtbot.keyClicks(dialog.edit, "Patient cancelled, felt unwell")
    with qtbot.waitSignal(panel.closed):
        dialog.ok.click()
    row = session_row(db, sid)
    assert (row.state, row.archive_reason) == ("abandoned", "Patient cancelled, felt unwell")
    settle(qtbot, view)
    assert view.session_panel is None and sid not in {s.id for s in view.courses.sessions.rows}


def test_closing_the_panel_keeps_the_draft_and_the_record_goes_back_to_it(
    qtbot: QtBot, db: Database
) -> None:
    view = open_record(qtbot, seed(db))
    panel = start_panel(qtbot, view)
    qtbot.keyClicks(panel.form.nrs_pre, "6")
    panel.close_button.click()
    settle(qtbot, view)
    assert view.session_panel is None
    host = view.session_host
    assert host.back_button.isVisibleTo(view) and "not signed yet" in host.status.text()
    row = view.courses.sessions.rows[0]
    assert (row.state, row.nrs_pre) == ("draft", 6)
    view.courses.select_session(row.id)
    assert view.courses.amend_button.text() == "Go on with it"
    view.courses.amend_button.click()
    resumed = view.session_panel
    assert resumed is not None and resumed.form.nrs_pre.text() == "6"
    assert resumed.start_button.isVisibleTo(resumed)


def test_a_write_that_fails_keeps_the_typing_and_tries_again(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryolog.db.errors import DatabaseProblem
    from cryolog.services.sessions import SessionService

    view = open_record(qtbot, seed(db))
    panel = start_panel(qtbot, view)
    real = SessionService.save_draft

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise DatabaseProblem("The disk is full.")

    monkeypatch.setattr(SessionService, "save_draft", disk_full)
    qtbot.keyClicks(panel.form.nrs_pre, "7")
    qtbot.waitUntil(lambda: panel.error_box is not None)
    assert "not stored" in panel.reason.text() and panel.form.nrs_pre.text() == "7"
    assert "disk is full" in panel.error_box.text()  # type: ignore[union-attr]
    assert view.has_unsaved_work()
    first_box = panel.error_box
    qtbot.keyClicks(panel.form.notes, "x")  # fails again: no second box over the first
    qtbot.waitUntil(lambda: not panel.presenter.busy)
    assert panel.error_box is first_box
    first_box.close()  # type: ignore[union-attr]
    monkeypatch.setattr(SessionService, "save_draft", real)
    qtbot.keyClicks(panel.form.notes, "y")
    stored(qtbot, panel)
    row = session_row(db, panel.presenter.dto.id)  # type: ignore[union-attr]
    assert (row.nrs_pre, row.notes) == (7, "xy") and not view.has_unsaved_work()


def test_the_panel_tells_the_changed_hub_of_each_step_not_of_each_keystroke(
    qtbot: QtBot, db: Database
) -> None:
    from cryolog.ui.changes import Change, hub

    view, course = _view(qtbot, db)
    announced: list[Change] = []
    hub().changed.connect(announced.append)
    try:
        panel = start_panel(qtbot, view, course)  # the new draft
        pid = view.patient_id
        assert [c.kinds for c in announced] == [frozenset({"session"})]
        assert announced[0].concerns(pid)
        reloads = len(announced)
        _ready(qtbot, panel)  # typing, stored a moment later
        assert len(announced) == reloads
        qtbot.waitUntil(panel.done_button.isEnabled)
        panel.done_button.click()
        qtbot.waitUntil(lambda: panel.state is not None and panel.state.value == "completed")
        assert len(announced) == reloads + 1
        settle(qtbot, view)  # the record reloaded from the announcement
        listed = {s.id: s.state for s in view.courses.sessions.rows}
        assert listed[panel.presenter.dto.id] == "completed"  # type: ignore[union-attr]
    finally:
        hub().changed.disconnect(announced.append)
