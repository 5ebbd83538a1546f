"""The whole workflow through real widgets on a real database, checking the database each step."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cryolog.db.database import Database
from cryolog.db.models import ColdTest, Consent, Course, Patient, Screening, TreatmentSession
from cryolog.domain.enums import Answer
from cryolog.services import Services
from cryolog.ui.main_window import MainWindow
from cryolog.ui.record.record_view import PatientRecordView
from cryolog.ui.session_panel import SessionPanel
from tests.ui.record_setup import stored


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    return window


def _reloaded(qtbot: QtBot, view: PatientRecordView) -> None:
    qtbot.waitUntil(lambda: not view.runner.is_busy())


def _new_session(qtbot: QtBot, view: PatientRecordView, course_id: int) -> SessionPanel:
    panel = view.new_session(course_id)
    assert panel is not None
    stored(qtbot, panel)
    qtbot.waitUntil(lambda: not view.runner.is_busy())
    return panel


def _sign(qtbot: QtBot, panel: SessionPanel, override: str = "") -> None:
    """Done without the timer (entered afterwards), then signed; a hard stop asks first."""
    qtbot.waitUntil(lambda: panel.done_button.isEnabled())
    panel.done_button.click()
    if override:
        qtbot.waitUntil(lambda: panel.dialog is not None)
        dialog = panel.dialog
        assert dialog is not None and not dialog.ok.isEnabled()  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.edits["cold_test_positive"], override)  # type: ignore[attr-defined]
        dialog.ok.click()  # type: ignore[attr-defined]
    sign = panel.sign_button
    qtbot.waitUntil(lambda: sign.isVisibleTo(panel) and sign.isEnabled())
    with qtbot.waitSignal(panel.finished):
        panel.sign_button.click()


def test_whole_workflow(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    assert window.patients_page.currentWidget() is window.empty  # first run

    # a patient with a Cyrillic name
    dialog = window.new_patient()
    dialog.form.family.insert("Иванова")  # QTest can only type ASCII keys
    dialog.form.given.insert("Мария")
    qtbot.keyClicks(dialog.form.birth, "14.03.1985")
    qtbot.keyClicks(dialog.form.phone, "+7 912 345-67-89")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: bool(window.records))
    with db.read() as s:
        patient = s.scalars(select(Patient)).one()
        assert (patient.family_name, patient.given_name) == ("Иванова", "Мария")
    view = window.records[patient.id]
    _reloaded(qtbot, view)
    assert view.header.name.text() == "Иванова Мария"
    assert {lvl for lvl, _ in view.header.alerts.chips} >= {"red"}

    # the list finds her accent- and case-blind
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: window.patients_page.currentWidget() is window.patients)
    window.patients.search.insert("иван")
    qtbot.waitUntil(lambda: window.model.query[0] == "иван" and not window.runner.is_busy())
    assert [p.id for p in window.model.rows] == [patient.id]

    # screening
    month_ago = QDate.currentDate().addDays(-30)
    view.screening.day.setDate(month_ago)
    view.screening.set_all(Answer.NO)
    view.screening.save_button.click()
    qtbot.waitUntil(lambda: not view.runner.is_busy())
    assert _count(db, Screening) == 1
    _reloaded(qtbot, view)

    # consent
    view.consent.day.setDate(month_ago)
    view.consent.save_button.click()
    qtbot.waitUntil(lambda: not view.runner.is_busy())
    assert _count(db, Consent) == 1
    _reloaded(qtbot, view)

    # ice cube test, entered afterwards from the paper sheet (no timer)
    ice = view.cold_tests.ice
    ice.day.setDate(month_ago)
    ice.save_button.click()
    qtbot.waitUntil(lambda: not view.runner.is_busy())
    with db.read() as s:
        test = s.scalars(select(ColdTest)).one()
        assert (test.kind, test.contact_s, test.ice_result) == ("ice_cube", 300, "negative")
    _reloaded(qtbot, view)
    assert view.header.alerts.chips[0][0] == "green"

    # an acne course
    form = view.courses.open_form
    form.protocol.setCurrentIndex(form.protocol.findData("acne"))
    form.started.setDate(QDate.currentDate().addDays(-10))
    form.save_button.click()
    qtbot.waitUntil(lambda: not view.runner.is_busy())
    with db.read() as s:
        course = s.scalars(select(Course)).one()
        assert (course.protocol_id, course.planned_sessions) == ("acne", 15)
    _reloaded(qtbot, view)

    # session 1: an invalid temperature is refused, Start stays disabled with the reason
    session = _new_session(qtbot, view, course.id)
    f = session.form
    assert f.modality.currentData() == "ln2_applicator"
    assert f.areas_box.isVisibleTo(session) and not f.vitals.isVisibleTo(session)
    f.started.setDateTime(f.started.dateTime().addDays(-6))
    qtbot.keyClicks(f.duration.edit, "5:00")
    qtbot.keyClicks(f.set_temp.value, "-20")
    assert not session.start_button.isEnabled() and not session.done_button.isEnabled()
    assert "set temp" in session.reason.text()
    assert "-196 … -50 °C" in f.errors.messages("set_temp")
    f.set_temp.value.clear()
    qtbot.keyClicks(f.set_temp.value, "-238")
    f.set_temp.unit.setCurrentIndex(f.set_temp.unit.findData("F"))
    assert f.set_temp.converted.text() == "= -150.0 °C"
    qtbot.keyClicks(f.nrs_pre, "6")
    qtbot.keyClicks(f.nrs_post, "3")
    qtbot.keyClicks(f.skin_before, "32")
    qtbot.keyClicks(f.skin_after, "12")
    f.add_area("cheeks", "area", "2", "3", "240")
    qtbot.waitUntil(
        lambda: bool(session.findings.findings) or "No safety" in "".join(session.findings.texts())
    )
    _sign(qtbot, session)
    with db.read() as s:
        first = s.scalars(select(TreatmentSession)).one()
        assert (first.set_temp_c, first.temp_unit_entered, first.nrs_pre) == (-150.0, "F", 6)
        assert (first.duration_s, first.state) == (300, "signed")
        assert [a.site for a in first.areas] == ["cheeks"]
    _reloaded(qtbot, view)

    # session 2: pre-filled from the previous one; a hard stop (a positive cold test) needs
    # a written reason
    Services.open(db).pretreatment.record_cold_test(
        patient.id,
        "ice_cube",
        {"performed_on": date.today() - timedelta(days=5), "result": "wheal"},
    )
    view.reload()
    _reloaded(qtbot, view)
    assert any(lvl == "red" for lvl, _ in view.header.alerts.chips)
    session = _new_session(qtbot, view, course.id)
    f = session.form
    assert f.duration.edit.text() == "5:00" and f.set_temp.unit.currentData() == "F"
    assert f.areas.rowCount() == 1
    f.started.setDateTime(f.started.dateTime().addDays(-3))
    qtbot.keyClicks(f.nrs_pre, "5")
    qtbot.keyClicks(f.nrs_post, "2")
    qtbot.waitUntil(lambda: any("✖" in t for t in session.findings.texts()))
    _sign(qtbot, session, "Dermatologist cleared local use")
    with db.read() as s:
        second = s.scalars(select(TreatmentSession).order_by(TreatmentSession.id.desc())).first()
        assert second is not None and second.state == "signed"
        reasons = {x.rule: x.override_reason for x in second.findings}
        assert reasons["cold_test_positive"] == "Dermatologist cleared local use"
    _reloaded(qtbot, view)

    # session 3: today, with the override again
    session = _new_session(qtbot, view, course.id)
    f = session.form
    f.nrs_pre.setText("4")
    f.nrs_post.setText("1")
    f.skin_before.setText("31")
    f.skin_after.setText("14")
    qtbot.waitUntil(lambda: any("✖" in t for t in session.findings.texts()))
    _sign(qtbot, session, "Same as before, cleared")
    assert _count(db, TreatmentSession) == 3
    _reloaded(qtbot, view)

    # the outcomes chart has the points, the history shows the changes
    assert view.chart.nrs_points == [(1, 6, 3), (2, 5, 2), (3, 4, 1)]
    assert view.chart.drop_points == [(1, 20.0), (3, 17.0)]
    history = [view.history.index(r, 1).data() for r in range(view.history.rowCount())]
    assert sum("signed the session" in h for h in history) == 3
    assert any("recorded the cold test" in h for h in history)
    assert any("recorded the screening" in h for h in history)
    assert history[-1].startswith("practitioner recorded the patient details")
    for model in (view.history, view.courses.courses, view.courses.sessions, window.model):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    # Today (the day plan): her course had its session today, nothing is left unsigned
    today = window.today
    with qtbot.waitSignal(today.loaded):
        window.tabs.setCurrentWidget(today)
    assert today.plan is not None and today.plan.day == date.today()
    assert today.plan.drafts == () and today.drafts.count() == 0
    assert course.id not in {d.course_id for d in today.plan.due_unbooked}
