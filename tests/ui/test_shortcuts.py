"""The keyboard: Ctrl+F, Ctrl+N, Ctrl+T, Ctrl+K, Ctrl+W, F1, Esc and Ctrl+S do what the menus
and the About box say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import TreatmentSession
from cryolog.ui.main_window import MainWindow
from cryolog.ui.patient_dialog import PatientDialog
from tests.ui.record_setup import count, seed, settle, stored

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
    assert window.tabs.currentWidget() is window.today  # the day plan

    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    assert window.calendar is not None
    assert window.tabs.currentWidget() is window.calendar.week_view

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
    for keys in ("Ctrl+F find", "Ctrl+T today", "Ctrl+W close patient", "F1 this help"):
        assert keys in box.text()
    assert "Ctrl+S sign a completed session" in box.text()  # what Ctrl+S does (below)
    assert "Ctrl+K week" in box.text() and "Ctrl+D" not in box.text()
    assert str(db.path) in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible()


def test_ctrl_s_signs_a_completed_session(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    view = window.open_patient(window.model.row_at(0).id)
    settle(qtbot, view)
    view.session_host.start_button.click()
    panel = view.session_panel
    assert panel is not None
    stored(qtbot, panel)
    assert count(db, TreatmentSession) == 2  # the draft is stored at once
    qtbot.waitUntil(lambda: panel.done_button.isEnabled())
    panel.done_button.click()
    qtbot.waitUntil(lambda: panel.sign_button.isVisible() and panel.sign_button.isEnabled())
    with qtbot.waitSignal(panel.finished):
        qtbot.keyClick(panel, Qt.Key.Key_S, CTRL)
    with db.read() as s:
        states = sorted(r.state for r in s.scalars(select(TreatmentSession)))
    assert states == ["signed", "signed"]
