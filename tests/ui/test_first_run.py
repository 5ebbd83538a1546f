"""First run on an empty database: the welcome card, practice details, demo data."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.ui.main_window import MainWindow
from cryolog.ui.patient_dialog import PatientDialog


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
    assert "too long" in fields.errors.messages("name")
    assert Services.open(db).practice.practice().name == ""

    fields.name.setText("Крио-клиника «Север»")
    fields.address.setPlainText("ул. Ленина, 1\nМосква")
    fields.phone.setText("+7 495 123-45-67")
    fields.practitioner.setText("Dr Kuznetsova")
    window.empty.save_button.click()
    assert fields.errors.messages("name") == ""
    assert "Saved" in window.empty.practice_saved.text()
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


def test_demo_data_loads_off_the_ui_thread_and_fills_the_list(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    window.empty.demo_button.click()
    assert not window.empty.demo_button.isEnabled()
    assert "Loading" in window.empty.demo_status.text()
    qtbot.waitUntil(lambda: window.patients_page.currentWidget() is window.patients, timeout=60_000)
    assert window.model.rowCount() == 200
    assert Services.open(db).search.count("") == 200
    assert window.empty.demo_button.isEnabled() and window.empty.demo_status.text() == ""
