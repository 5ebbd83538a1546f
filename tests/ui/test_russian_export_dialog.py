"""The export dialog's password problems in the Russian window: the service's rule and the
dialog's own check both read in Russian, and nothing is exported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from tests.ui.record_setup import open_record, seed


def test_password_problems_read_in_russian(
    qtbot: QtBot, db: Database, tmp_path: Path, russian: None
) -> None:
    view = open_record(qtbot, seed(db))
    qtbot.mouseClick(view.header.export, Qt.MouseButton.LeftButton)
    dialog = view.export_dialog
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "record.zip"
    dialog.path.setText(str(target))
    dialog.protect.setChecked(True)
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.repeat, "short")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.password_error.text() == "Пароль должен быть не короче 8 знаков."
    assert not dialog.password_error.isHidden()
    qtbot.keyClicks(dialog.password, " and longer")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.password_error.text() == "Пароли не совпадают."
    assert not target.exists()
