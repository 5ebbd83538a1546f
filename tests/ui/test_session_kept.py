"""Typing in the session panel that cannot be stored yet (a half-typed blood pressure, a
duration that cannot be read) is kept aside with the record's other forms and offered back
after a crash, in a panel opened on the same session."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.ui.main_window import MainWindow
from cryolog.ui.session_panel import SessionPanel
from tests.ui.conftest import PromptAnswers
from tests.ui.record_setup import TIMEOUT_MS, seed, session_row, settle, start_panel


def _panel_of(qtbot: QtBot, window: MainWindow, pid: int) -> SessionPanel:
    view = window.records[pid]
    qtbot.waitUntil(lambda: view.session_host.panel is not None, timeout=TIMEOUT_MS)
    panel = view.session_host.panel
    assert panel is not None
    return panel


def test_half_typed_session_values_are_offered_back_after_a_crash(
    qtbot: QtBot, db: Database, answers: PromptAnswers
) -> None:
    seeded = seed(db)
    window = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(window)
    view = window.open_patient(seeded.patient_id)
    settle(qtbot, view)
    panel = start_panel(qtbot, view, seeded.course_id)
    draft = panel.presenter.dto
    assert draft is not None
    panel.form.duration.edit.setText("2 mi")  # not a duration yet: it cannot be stored
    panel.form.device.setText("Chamber 2")
    panel.form.add_area("forehead", "area", "1,5", "2", "")
    qtbot.wait(50)
    assert panel.unsaved()
    window.keep_aside()
    kept = window.kept.read()[seeded.patient_id]
    assert kept["session"]["session_id"] == draft.id
    stored_device = session_row(db, draft.id).device

    # the window is gone without closing (a crash): the next one offers the typing back
    window.keep_timer.stop()
    answers.restore = True
    again = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: seeded.patient_id in again.records, timeout=TIMEOUT_MS)
    assert ("restore", 1) in answers.asked
    restored = _panel_of(qtbot, again, seeded.patient_id)
    qtbot.waitUntil(lambda: restored.form.duration.edit.text() == "2 mi", timeout=TIMEOUT_MS)
    assert restored.presenter.dto is not None and restored.presenter.dto.id == draft.id
    assert restored.form.device.text() == "Chamber 2"
    assert ["forehead", "area", "1,5", "2", ""] in restored.form.areas_box.rows()
    assert restored.unsaved()
    assert session_row(db, draft.id).device == stored_device  # nothing invalid was written

    # once the value can be read, the draft is stored as usual
    restored.form.duration.edit.setText("2 min")
    restored.presenter.save_now()
    qtbot.waitUntil(lambda: not restored.presenter.busy, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: session_row(db, draft.id).device == "Chamber 2", timeout=TIMEOUT_MS)
    assert session_row(db, draft.id).duration_s == 120


def test_a_session_panel_with_everything_stored_keeps_nothing_aside(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    window = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(window)
    view = window.open_patient(seeded.patient_id)
    settle(qtbot, view)
    panel = start_panel(qtbot, view, seeded.course_id)
    assert not panel.unsaved()
    window.keep_aside()
    assert not window.kept.path.exists()


def test_typing_kept_in_a_draft_is_not_put_over_a_session_that_has_run_since(
    qtbot: QtBot, db: Database, answers: PromptAnswers
) -> None:
    seeded = seed(db)
    window = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(window)
    view = window.open_patient(seeded.patient_id)
    settle(qtbot, view)
    panel = start_panel(qtbot, view, seeded.course_id)
    draft = panel.presenter.dto
    assert draft is not None
    complete = panel.presenter.payload()
    panel.form.duration.edit.setText("2 mi")
    panel.form.device.setText("Chamber 2")
    window.keep_aside()
    assert window.kept.read()[seeded.patient_id]["session"]["state"] == "draft"
    window.keep_timer.stop()
    panel.presenter._autosave.stop()
    ran = view.services.sessions.start_timer(draft.id, complete)  # elsewhere, meanwhile
    assert ran.state == "running"

    answers.restore = True
    again = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: seeded.patient_id in again.records, timeout=TIMEOUT_MS)
    restored = _panel_of(qtbot, again, seeded.patient_id)
    settle(qtbot, again.records[seeded.patient_id])
    assert restored.presenter.dto is not None and restored.presenter.dto.state == "running"
    assert restored.form.duration.edit.text() != "2 mi"
    assert restored.form.device.text() == ""
