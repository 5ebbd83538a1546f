"""Erase patient… in the window: warned, asked twice, exported first, gone afterwards."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from cryolog.services.verify import verify_file
from cryolog.ui.app import DesktopApp
from cryolog.ui.erase_dialog import EraseDialog
from tests.ui.storage_setup import desktop, make_db, started

__all__ = ["desktop"]


def test_erase_patient_from_the_record(qtbot: QtBot, desktop: DesktopApp, tmp_path: Path) -> None:
    path = make_db(tmp_path / "practice.db")
    started(qtbot, desktop, path)
    window = desktop.window
    assert window is not None
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    view = window.open_patient(1)
    qtbot.waitUntil(lambda: view.data is not None, timeout=10_000)
    button = view.erase_button  # type: ignore[attr-defined]
    assert button.isEnabled() and button.text().startswith("Erase patient")
    button.click()
    dialog = window.dialog
    assert isinstance(dialog, EraseDialog)
    assert "younger than the retention period" in dialog.retention.text()
    export = tmp_path / "record.zip"
    dialog.export_path.setText(str(export))
    dialog.erase_button.click()
    assert "Tick" in dialog.error.text()
    dialog.requested.setChecked(True)
    dialog.confirm.setText("Wrong")
    dialog.erase_button.click()
    assert "family name" in dialog.error.text()
    assert not export.exists()  # nothing happened yet
    assert dialog.erase_all.isChecked() and not dialog.anonymise.isChecked()
    dialog.confirm.setText("name0")  # case does not matter
    dialog.erase_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert export.is_file()
    assert 1 not in window.records
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    report = verify_file(path)
    assert report.breaks == []
    assert b"Name0" not in path.read_bytes()
