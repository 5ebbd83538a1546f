"""First run on an empty database: the welcome card, practice details, demo data."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database, open_database
from cryolog.services import Services
from cryolog.ui.main_window import MainWindow
from cryolog.ui.patient_dialog import PatientDialog
from tests.ui.conftest import PromptAnswers


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.patients_page.currentWidget() is window.empty)
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    return window


def test_practice_details_are_asked_once_and_saved(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    fields = window.empty.practice
    assert fields.values() == {"name": "", "address": "", "phone": "", "practitioner": ""}

    fields.name.setText("x" * 201)  # too long: refused next to the field, nothing written
    window.empty.save_button.click()
    qtbot.waitUntil(lambda: "too long" in fields.errors.messages("name"))
    assert Services.open(db).practice.practice().name == ""

    fields.name.setText("Крио-клиника «Север»")
    fields.address.setPlainText("ул. Ленина, 1\nМосква")
    fields.phone.setText("+7 495 123-45-67")
    fields.practitioner.setText("Dr Kuznetsova")
    window.empty.save_button.click()
    qtbot.waitUntil(lambda: "Saved" in window.empty.practice_saved.text())
    assert fields.errors.messages("name") == ""
    saved = Services.open(db).practice.practice()
    assert (saved.name, saved.address, saved.practitioner) == (
        "Крио-клиника «Север»",
        "ул. Ленина, 1\nМосква",
        "Dr Kuznetsova",
    )

    again = _window(qtbot, db)  # the next start shows what was saved
    qtbot.waitUntil(lambda: again.empty.practice.name.text() == "Крио-клиника «Север»")
    assert again.empty.practice.phone.text() == "+7 495 123-45-67"


def test_create_the_first_patient_opens_the_patient_form(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    window.empty.create_button.click()
    assert isinstance(window.dialog, PatientDialog) and window.dialog.isVisible()


def test_demo_data_asks_and_goes_to_a_separate_file_by_default(
    qtbot: QtBot, db: Database, answers: PromptAnswers
) -> None:
    window = _window(qtbot, db)
    with qtbot.waitSignal(window.switch_database, timeout=60_000) as switched:
        window.empty.demo_button.click()
    assert [kind for kind, _ in answers.asked] == ["demo"]
    demo = Path(switched.args[0])
    assert demo != db.path and demo.parent == db.path.parent and demo.name.endswith("-demo.db")
    assert Services.open(db).search.count("") == 0  # the real database stays empty
    other = open_database(demo)
    try:
        assert Services.open(other).search.count("") == 200
    finally:
        other.dispose()


def test_demo_question_cancelled_writes_nothing(
    qtbot: QtBot, db: Database, answers: PromptAnswers
) -> None:
    answers.demo = "cancel"
    window = _window(qtbot, db)
    window.empty.demo_button.click()
    assert window.empty.demo_button.isEnabled() and not window.background.is_busy()
    assert Services.open(db).search.count("") == 0


def test_demo_data_into_this_database_when_chosen(
    qtbot: QtBot, db: Database, answers: PromptAnswers
) -> None:
    answers.demo = "here"
    window = _window(qtbot, db)
    window.empty.demo_button.click()
    assert not window.empty.demo_button.isEnabled()
    assert "Loading" in window.empty.demo_status.text()
    qtbot.waitUntil(lambda: window.patients_page.currentWidget() is window.patients, timeout=60_000)
    assert window.model.rowCount() == 200
    assert Services.open(db).search.count("") == 200
    assert window.empty.demo_button.isEnabled() and window.empty.demo_status.text() == ""
