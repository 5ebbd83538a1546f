"""File › Import patients…: choose a file, see every row as it would be imported, fix the
mapping, import all rows in one go; the patient list shows them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cryolog.db.database import Database
from cryolog.db.models import Patient
from cryolog.services import Services
from cryolog.ui.import_dialog import ImportDialog
from cryolog.ui.main_window import MainWindow
from tests.ui.record_setup import TIMEOUT_MS

LIST = (
    "Фамилия;Имя;Отчество;Дата рождения;Телефон\r\n"
    "Иванова;Мария;Петровна;02.05.1980;+7 912 123-45-67\r\n"
    "Ёлкин;Пётр;;13.11.1975;\r\n"
    "Сидоров;Иван;;;\r\n"
)


def _count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Patient)) or 0)


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    return window


def _open(qtbot: QtBot, window: MainWindow, path: Path) -> ImportDialog:
    window.import_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    dialog.open_file(path)
    _settle(qtbot, dialog)
    return dialog


def _settle(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.runner.is_busy(), timeout=TIMEOUT_MS)


def test_a_cp1251_list_with_a_rejected_row(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_bytes(LIST.encode("cp1251"))
    window = _window(qtbot, db)
    dialog = _open(qtbot, window, path)
    assert "3 rows (cp1251, delimiter semicolon)" in dialog.file_label.text()
    assert dialog.columns["family_name"].currentText() == "Фамилия"
    assert dialog.columns["birth_date"].currentText() == "Дата рождения"
    statuses = [dialog.model.data(dialog.model.index(r, 1)) for r in range(3)]
    assert statuses == ["new", "new", "rejected"]
    assert dialog.model.data(dialog.model.index(2, 8)) == "no birth date"
    assert "2 new" in dialog.summary.text() and "1 rejected" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()  # a rejected row: nothing until skipped
    qtbot.mouseClick(dialog.skip_bad, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "Imported 2 new patients" in dialog.summary.text()
    assert _count(db) == 2
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=TIMEOUT_MS)


def test_an_xlsx_list_with_one_name_column_and_a_chosen_date_layout(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Patient", "Born", "Mobile"])
    sheet.append(["Mary Ann Smith", "03/04/1990", "+44 20 7946 0018"])
    sheet.append(["John Doe", "01/02/1970", None])
    path = tmp_path / "patients.xlsx"
    book.save(path)
    window = _window(qtbot, db)
    dialog = _open(qtbot, window, path)
    assert "Excel workbook" in dialog.file_label.text()
    assert "could be dd/mm/yyyy or mm/dd/yyyy" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()
    dialog.date_format.setCurrentIndex(dialog.date_format.findData("mm/dd/yyyy"))
    dialog.name_order.setCurrentIndex(dialog.name_order.findData("given-first"))
    _settle(qtbot, dialog)
    assert dialog.name_order.isEnabled()
    assert dialog.model.data(dialog.model.index(0, 2)) == "Smith"
    assert dialog.model.data(dialog.model.index(0, 5)) == "04.03.1990"
    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    smith = Services.open(db).patients.get_patient(1)
    assert (smith.family_name, smith.given_name, smith.middle_name) == ("Smith", "Mary", "Ann")
    assert smith.birth_date == date(1990, 3, 4)


def test_changing_the_mapping_and_merging_duplicates(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    Services.open(db, "dr.test").patients.register(
        {"family_name": "Иванова", "given_name": "Мария", "birth_date": date(1980, 5, 2)}
    )
    path = tmp_path / "patients.csv"
    path.write_bytes(LIST.encode("cp1251"))
    window = _window(qtbot, db)
    dialog = _open(qtbot, window, path)
    assert dialog.model.data(dialog.model.index(0, 1)) == "duplicate"
    dialog.duplicates.setCurrentIndex(1)  # fill the patient's empty fields
    _settle(qtbot, dialog)
    assert dialog.model.data(dialog.model.index(0, 1)) == "merge"
    dialog.columns["birth_date"].setCurrentIndex(0)  # "not in the file"
    assert "birth date" in dialog.problem.text() and not dialog.import_button.isEnabled()
    dialog.columns["birth_date"].setCurrentIndex(4)
    _settle(qtbot, dialog)
    dialog.skip_bad.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    merged = Services.open(db).patients.get_patient(1)
    assert merged.middle_name == "Петровна" and merged.phone == "+7 912 123-45-67"
    assert _count(db) == 2


def test_an_unreadable_file_is_explained(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old workbook")
    window = _window(qtbot, db)
    dialog = _open(qtbot, window, path)
    assert "save it as .xlsx or CSV" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()
