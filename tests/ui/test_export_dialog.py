"""Export record… from the patient's record: the health-data warning, a password that
must be typed twice, the ZIP written on the worker and the export in the history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import pyzipper
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.services.export import protection
from cryolog.ui.export_dialog import ExportDialog
from cryolog.ui.record.record_view import PatientRecordView
from tests.ui.record_setup import TIMEOUT_MS, open_record, seed, settle


def _dialog(qtbot: QtBot, view: PatientRecordView) -> ExportDialog:
    qtbot.mouseClick(view.header.export, Qt.MouseButton.LeftButton)
    dialog = view.export_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_export_with_a_password_from_the_record(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    dialog = _dialog(qtbot, view)
    assert "health data" in dialog.warning.text()
    assert not dialog.protect.isChecked()  # a plain database: no password by default
    target = tmp_path / "exports" / "record.zip"
    dialog.path.setText(str(target))
    dialog.protect.setChecked(True)
    qtbot.keyClicks(dialog.password, "two words secret")
    qtbot.keyClicks(dialog.repeat, "two words secrets")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "differ" in dialog.password_error.text() and not dialog.password_error.isHidden()
    assert not target.exists()
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "Saved" in dialog.status.text() and "AES-256" in dialog.status.text()
    with pyzipper.AESZipFile(target) as zf:
        zf.setpassword(b"two words secret")
        record = json.loads(zf.read("record.json"))
    assert record["patient_id"] == seeded.patient_id
    assert record["tables"]["treatment_session"]["rows"][0]["id"] == seeded.session_id
    settle(qtbot, view)
    history = seeded.services.records.history(seeded.patient_id)
    assert history[0].action == "export"
    assert "exported" in view.history.data(view.history.index(0, 1))


def test_an_existing_file_is_replaced_only_on_a_second_press(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    view = open_record(qtbot, seed(db))
    dialog = _dialog(qtbot, view)
    target = tmp_path / "record.zip"
    target.write_bytes(b"an older export")
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "Press Export again" in dialog.path_error.text()
    assert target.read_bytes() == b"an older export"
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"PK")


def test_a_failed_export_says_so_and_keeps_the_fields(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    view = open_record(qtbot, seed(db))
    dialog = _dialog(qtbot, view)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    dialog.path.setText(str(blocker / "record.zip"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=TIMEOUT_MS)
    assert "Not exported" in dialog.status.text() and "Nothing was written" in dialog.status.text()
    assert dialog.path.text() == str(blocker / "record.zip")


def test_an_encrypted_database_asks_for_a_password_by_default(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(protection, "database_is_encrypted", lambda _db: True)
    view = open_record(qtbot, seed(db))
    dialog = _dialog(qtbot, view)
    assert dialog.protect.isChecked() and dialog.password.isEnabled()
