"""The practitioner's day in the window: unsaved typing asks, no accidental values,
duplicates asked about, void a course, the read-only banner."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.db.models import Consent, Course, Patient, Screening
from cryolog.services import Services
from cryolog.ui.main_window import MainWindow
from cryolog.ui.prompts import DuplicateChoice, Unsaved
from cryolog.ui.record.record_view import PatientRecordView
from tests.ui.conftest import DiscardAnswers, PromptAnswers
from tests.ui.record_setup import count, open_record, seed, settle


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(window)
    window.resize(1300, 740)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    return window


def _opened(qtbot: QtBot, window: MainWindow, pid: int) -> PatientRecordView:
    view = window.open_patient(pid)
    qtbot.waitUntil(lambda: view.data is not None and not window.runner.is_busy())
    return view


def wheel(widget: QWidget, steps: int = -3) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


# --- never lose typing ---------------------------------------------------------------


def _edit(view: PatientRecordView, which: str) -> None:
    if which == "screening":
        view.screening.set_all(_no())
    elif which == "consent":
        view.consent.notes.setText("signed in the waiting room")
    elif which == "clearance":
        view.clearance.issued_by.setText("Dr Petrov")
    elif which == "ice":
        view.cold_tests.ice.antihistamine.setChecked(True)
    elif which == "pressor":
        view.cold_tests.pressor.water.setText("4")
    elif which == "threshold":
        view.cold_tests.threshold.ctt.setText("12")
    elif which == "course":
        view.courses.open_form.body_area.setText("left knee")


def _no():  # type: ignore[no-untyped-def]
    from cryolog.domain.enums import Answer

    return Answer.NO


@pytest.mark.parametrize(
    "which", ["screening", "consent", "clearance", "ice", "pressor", "threshold", "course"]
)
def test_each_in_tab_form_asks_before_its_tab_closes_and_on_quit(
    qtbot: QtBot, db: Database, discard: DiscardAnswers, which: str
) -> None:
    seeded = seed(db)
    window = _window(qtbot, db)
    view = _opened(qtbot, window, seeded.patient_id)
    assert not view.unsaved_forms()
    _edit(view, which)
    assert len(view.unsaved_forms()) == 1
    discard.choice = Unsaved.CANCEL
    assert not window.close_tab(window.tabs.indexOf(view))
    assert seeded.patient_id in window.records and len(discard.asked) == 1
    assert not window.close()  # quitting asks too, and Cancel keeps the window
    assert window.isVisible() and len(discard.asked) == 2
    discard.choice = Unsaved.DISCARD
    assert window.close_tab(window.tabs.indexOf(view))
    assert seeded.patient_id not in window.records


def test_typing_a_value_back_makes_the_form_clean(qtbot: QtBot, db: Database) -> None:
    view = open_record(qtbot, seed(db))
    form = view.consent
    form.notes.setText("x")
    assert form.has_unsaved_changes()
    form.notes.setText("")
    assert not form.has_unsaved_changes()


def test_save_in_the_question_really_saves_then_closes(
    qtbot: QtBot, db: Database, discard: DiscardAnswers
) -> None:
    seeded = seed(db)
    window = _window(qtbot, db)
    view = _opened(qtbot, window, seeded.patient_id)
    before = count(db, Consent)
    view.consent.notes.setText("signed again after the new form")
    discard.choice = Unsaved.SAVE
    window.close_tab(window.tabs.indexOf(view))
    qtbot.waitUntil(lambda: seeded.patient_id not in window.records)
    assert count(db, Consent) == before + 1


def test_save_that_fails_keeps_the_tab_open(
    qtbot: QtBot, db: Database, discard: DiscardAnswers
) -> None:
    seeded = seed(db)
    window = _window(qtbot, db)
    view = _opened(qtbot, window, seeded.patient_id)
    view.clearance.valid_until.setDate(QDate.currentDate().addDays(-400))  # before issue
    discard.choice = Unsaved.SAVE
    window.close_tab(window.tabs.indexOf(view))
    qtbot.waitUntil(lambda: bool(view.clearance.errors.messages("valid_until")))
    assert seeded.patient_id in window.records and view.clearance.has_unsaved_changes()


def test_the_saved_mark_goes_on_the_next_edit(qtbot: QtBot, db: Database) -> None:
    view = open_record(qtbot, seed(db))
    form = view.screening
    form.set_all(_no())
    form.save_button.click()
    assert not form.save_button.isEnabled()  # off while the save is pending
    qtbot.waitUntil(lambda: form.status.text() == "Saved.")
    assert form.save_button.isEnabled() and not form.has_unsaved_changes()
    form.day.setDate(QDate.currentDate().addDays(-1))
    assert form.status.text() == "" and form.has_unsaved_changes()
    assert count(db, Screening) == 2


# --- no accidental values -------------------------------------------------------------


def test_the_wheel_over_an_unfocused_box_changes_nothing(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    Services.open(db).practice.set_thresholds(
        {"consent_form_version": 4}, "new consent form printed"
    )
    window = _window(qtbot, db)
    view = _opened(qtbot, window, seeded.patient_id)
    view.tabs.setCurrentWidget(view.pretreatment)
    window.patients.search.setFocus()
    version, day = view.consent.version, view.consent.day
    assert version.value() == 4 and version.maximum() == 4
    version.setValue(1)
    combo: QComboBox = view.courses.open_form.protocol
    before = (version.value(), day.date(), combo.currentIndex())
    for widget in (version, day, combo, version.lineEdit(), day.lineEdit()):
        wheel(widget)
        wheel(widget, 3)
    assert (version.value(), day.date(), combo.currentIndex()) == before
    assert day.buttonSymbols() != QAbstractSpinBox.ButtonSymbols.UpDownArrows or (
        day.calendarPopup()
    )


def test_a_typed_date_replaces_the_whole_date(qtbot: QtBot, db: Database) -> None:
    view = open_record(qtbot, seed(db))
    view.tabs.setCurrentWidget(view.pretreatment)
    day = view.consent.day
    day.setFocus()
    qtbot.waitUntil(day.hasFocus)
    qtbot.wait(20)  # the day is selected just after focus arrives
    qtbot.keyClicks(day, "15032024")
    assert day.date() == QDate(2024, 3, 15) and day.text() == "15.03.2024"


def test_a_new_patient_has_no_birth_date_until_typed(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    dialog = window.new_patient()
    assert dialog.form.birth.text() == "" and dialog.form.birth.value() is None
    dialog.form.family.insert("Петров")
    dialog.save()
    qtbot.waitUntil(lambda: "is required" in dialog.form.errors.messages("birth_date"))
    qtbot.keyClicks(dialog.form.birth, "31.02.1980")
    dialog.save()
    qtbot.waitUntil(lambda: "date" in dialog.form.errors.messages("birth_date"))
    assert count(db, Patient) == 0


def test_the_clearance_form_says_which_tests_are_missing(qtbot: QtBot, db: Database) -> None:
    view = open_record(qtbot, seed(db))
    text = view.clearance.missing.text
    assert "ECG, blood, urine" in text()
    view.clearance.ecg.setChecked(True)
    view.clearance.urine.setChecked(True)
    assert "missing: blood." in text()
    view.clearance.blood.setChecked(True)
    assert "missing" not in text()


# --- duplicates ------------------------------------------------------------------------


def _register(qtbot: QtBot, window: MainWindow, family: str, birth: str, phone: str = "") -> None:
    dialog = window.new_patient()
    dialog.form.family.insert(family)
    qtbot.keyClicks(dialog.form.birth, birth)
    if phone:
        qtbot.keyClicks(dialog.form.phone, phone)
    dialog.save()
    qtbot.waitUntil(lambda: not window.runner.is_busy())


def test_a_duplicate_patient_is_shown_and_opened_instead(
    qtbot: QtBot, db: Database, answers: PromptAnswers
) -> None:
    first = Services.open(db).patients.register(
        {"family_name": "Müller", "birth_date": date(1962, 7, 2)}
    )
    window = _window(qtbot, db)
    answers.duplicate_patient = DuplicateChoice("open", first.id)
    _register(qtbot, window, "MULLER", "02.07.1962")
    qtbot.waitUntil(lambda: bool(answers.asked))  # the look-up runs before any write
    (kind, matches), *_ = answers.asked
    assert kind == "duplicate_patient" and [m.patient.id for m in matches] == [first.id]
    qtbot.waitUntil(lambda: first.id in window.records)  # the match opened instead
    assert count(db, Patient) == 1


def test_register_anyway_and_restore_an_archived_match(
    qtbot: QtBot, db: Database, answers: PromptAnswers
) -> None:
    s = Services.open(db)
    first = s.patients.register({"family_name": "Novák", "birth_date": date(1994, 11, 23)})
    answers.duplicate_patient = DuplicateChoice("register")
    window = _window(qtbot, db)
    _register(qtbot, window, "Novak", "23.11.1994")
    qtbot.waitUntil(lambda: count(db, Patient) == 2)
    s.patients.archive(first.id, "entered twice by mistake")
    answers.duplicate_patient = None  # back to the form: nothing written
    _register(qtbot, window, "Smith", "01.01.1990", "+7 912 111-22-33")
    s.patients.archive(s.search.search("smith")[0].id, "moved to another city for good")
    answers.asked.clear()
    answers.duplicate_patient = DuplicateChoice("register")
    _register(qtbot, window, "Smith", "01.01.1990")
    ((_, matches),) = answers.asked
    assert matches[0].archived  # archived patients are among the matches
    assert count(db, Patient) == 4


def test_a_second_open_course_of_a_protocol_asks(
    qtbot: QtBot, db: Database, answers: PromptAnswers
) -> None:
    seeded = seed(db)  # has an open acne course
    view = open_record(qtbot, seeded)
    form = view.courses.open_form
    form.protocol.setCurrentIndex(form.protocol.findData("acne"))
    form.save_button.click()
    qtbot.waitUntil(lambda: bool(answers.asked))
    settle(qtbot, view)
    assert answers.asked[0][0] == "another_course" and count(db, Course) == 1
    assert form.has_unsaved_changes() or form.protocol.currentData() == "acne"
    answers.another_course = True
    form.save_button.click()
    qtbot.waitUntil(lambda: count(db, Course) == 2)


def test_void_a_course_opened_by_mistake(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    s = seeded.services
    mistake = s.courses.open_course(
        seeded.patient_id, {"protocol_id": "rosacea", "started_on": date.today()}
    )
    view = open_record(qtbot, seeded)
    view.courses.select_course(mistake.id)
    assert view.courses.void_button.isEnabled()
    view.courses.void_button.click()
    dialog = view.act.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.edit, "x")  # type: ignore[attr-defined]
    dialog.ok.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.act.error_box is not None)
    assert "too short" in view.act.error_box.text()  # type: ignore[attr-defined]
    view.courses.select_course(mistake.id)
    view.courses.void_button.click()
    dialog = view.act.dialog
    qtbot.keyClicks(dialog.edit, "opened for the wrong patient")  # type: ignore[union-attr]
    dialog.ok.click()  # type: ignore[union-attr]
    settle(qtbot, view)
    qtbot.waitUntil(lambda: mistake.id not in {c.id for c in view.courses.courses.rows})
    assert seeded.course_id in {c.id for c in view.courses.courses.rows}


# --- read-only ---------------------------------------------------------------------------


def test_a_read_only_database_shows_why_and_every_save_is_off(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    db.read_only = True
    db.read_only_reason = "The file is on a read-only disk."
    window = _window(qtbot, db)
    assert window.banner.isVisible() and "read-only disk" in window.banner.text()
    assert not window.new_action.isEnabled() and not window.patients.new_button.isEnabled()
    view = _opened(qtbot, window, seeded.patient_id)
    assert view.banner.isVisible()
    for form in view.editable_forms:
        assert not form.save_button.isEnabled()
        assert form.save_button.toolTip() == "The file is on a read-only disk."
    for button in (view.header.edit, view.header.archive, view.courses.new_session_button):
        assert not button.isEnabled() and "read-only" in button.toolTip()
    assert view.documents.summary_button.isEnabled()  # printing still works


# --- finding and opening ----------------------------------------------------------------


def test_down_moves_into_the_results_and_enter_opens(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    window = _window(qtbot, db)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.focus_search()
    qtbot.keyClick(window.patients.search, Qt.Key.Key_Down)
    assert window.patients.table.hasFocus()
    qtbot.keyClick(window.patients.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: seeded.patient_id in window.records)


def test_a_patient_opens_on_the_tab_used_last(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    other = seeded.services.patients.register(
        {"family_name": "Dupont", "birth_date": date(1975, 1, 3)}
    )
    window = _window(qtbot, db)
    view = _opened(qtbot, window, seeded.patient_id)
    view.tabs.setCurrentWidget(view.courses)
    second = _opened(qtbot, window, other.id)
    assert second.tabs.currentWidget() is second.courses
