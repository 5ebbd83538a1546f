"""The keyboard: Ctrl+F, Ctrl+N, Ctrl+T, Ctrl+W, F1, Esc and Ctrl+S do what the menus say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.db.models import TreatmentSession
from cryolog.ui.main_window import MainWindow
from cryolog.ui.patient_dialog import PatientDialog
from tests.ui.record_setup import count, seed, settle

CTRL = Qt.KeyboardModifier.ControlModifier


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(seed(db).services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    return window


def test_find_new_patient_today_and_close_patient(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    window.tabs.setCurrentWidget(window.today)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.tabs.currentIndex() == 0
    assert QApplication.focusWidget() is window.patients.search

    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    assert window.tabs.currentWidget() is window.today

    view = window.open_patient(window.model.row_at(0).id)
    assert window.tabs.currentWidget() is view
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL)
    assert window.tabs.indexOf(view) == -1 and not window.records

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    dialog = window.dialog
    assert isinstance(dialog, PatientDialog) and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible()


def test_f1_shows_version_and_shortcuts_and_esc_closes_it(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    box = window.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "cryolog" in box.text() and "Ctrl+N new patient" in box.text()
    assert str(db.path) in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible()


def test_ctrl_s_saves_the_session_form_and_esc_cancels_a_blank_one(
    qtbot: QtBot, db: Database
) -> None:
    window = _window(qtbot, db)
    view = window.open_patient(window.model.row_at(0).id)
    settle(qtbot, view)

    view.courses.new_session_button.click()
    blank = view.session_dialog
    assert blank is not None and blank.isVisible()
    qtbot.waitUntil(lambda: not view.runner.is_busy())
    qtbot.keyClick(blank, Qt.Key.Key_Escape)
    assert not blank.isVisible()
    assert count(db, TreatmentSession) == 1

    view.courses.new_session_button.click()
    dialog = view.session_dialog
    assert dialog is not None and dialog is not blank
    qtbot.waitUntil(lambda: not view.runner.is_busy() and dialog.save_button.isEnabled())
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog, Qt.Key.Key_S, CTRL)
    assert count(db, TreatmentSession) == 2
