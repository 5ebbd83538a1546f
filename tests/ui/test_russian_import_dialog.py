"""File › Import patients… in the Russian window: a rejected row's problems, the plan and
what was imported are said in Russian (the command line says them in English)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.services.importing.mapping import guess_map
from cryolog.services.importing.plan import Duplicates, Status
from cryolog.services.importing.reading import read_table
from cryolog.services.importing.run import preview
from cryolog.ui.import_dialog import ImportDialog
from cryolog.ui.main_window import MainWindow
from cryolog.ui.tasks import TaskRunner
from tests.ui.record_setup import TIMEOUT_MS

LIST = (
    "Фамилия;Имя;Отчество;Дата рождения;Телефон\r\n"
    "Иванова;Мария;Петровна;02.05.1980;+7 912 123-45-67\r\n"
    "Сидоров;Иван;;;\r\n"
    "Петров;Олег;;31.02.1980;\r\n"
    "123;Анна;;01.01.1990;\r\n"
)


def test_rejected_rows_and_summaries_read_in_russian(
    qtbot: QtBot, db: Database, tmp_path: Path, russian: None
) -> None:
    path = tmp_path / "patients.csv"
    path.write_bytes(LIST.encode("cp1251"))
    window = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    window.import_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, ImportDialog)
    dialog.open_file(path)
    qtbot.waitUntil(lambda: not dialog.runner.is_busy(), timeout=TIMEOUT_MS)
    why = [dialog.model.data(dialog.model.index(r, 8)) for r in range(4)]
    assert why[1] == "нет даты рождения"
    assert why[2].startswith("дата рождения: '31.02.1980' — не дата в виде")
    assert why[3].startswith("фамилия: ")
    assert not any(w and ("birth" in w or "family" in w) for w in why)
    summary = dialog.summary.text()
    assert "4 строки: новых 1" in summary and "отклонено 3" in summary
    assert "3 отклонённые строки нужно исправить в файле или пропустить." in summary
    qtbot.mouseClick(dialog.skip_bad, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    done = dialog.summary.text()
    assert done.startswith("Импортировано: 1 новый пациент из ")
    assert "3 отклонённые строки" in done and "Imported" not in done


def test_the_same_rows_in_english_on_the_command_line_path(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_bytes(LIST.encode("cp1251"))
    table = read_table(path)
    plan = preview(Services.open(db, "t"), table, guess_map(table.header), Duplicates.SKIP)
    rejected = [row.reason() for row in plan.rows if row.status is Status.REJECTED]
    assert rejected[0] == "no birth date"
    assert rejected[1].startswith("birth date: '31.02.1980' is not a date written")
    assert plan.summary().startswith("4 rows: 1 new")


def test_a_file_that_cannot_be_read_is_refused_in_russian(
    qtbot: QtBot, db: Database, tmp_path: Path, russian: None
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"  \n")
    window = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    window.import_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, ImportDialog)
    dialog.open_file(empty)
    qtbot.waitUntil(lambda: not dialog.runner.is_busy(), timeout=TIMEOUT_MS)
    assert dialog.problem.text() == "empty.csv пуст."
    dialog.open_file(tmp_path)
    qtbot.waitUntil(lambda: not dialog.runner.is_busy(), timeout=TIMEOUT_MS)
    assert dialog.problem.text() == f"{tmp_path} — папка, а не файл."
    assert _count(db) == 0


def _count(db: Database) -> int:
    from sqlalchemy import func, select

    from cryolog.db.models import Patient

    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Patient)) or 0)


def test_the_import_choices_and_column_names_read_in_russian(
    qtbot: QtBot, db: Database, tmp_path: Path, russian: None
) -> None:
    from PySide6.QtWidgets import QLabel

    from cryolog.services.importing.mapping import FIELD_LABELS
    from cryolog.ui.import_dialog import FIELD_NAMES

    assert FIELD_NAMES.keys() == FIELD_LABELS.keys()  # the window names every import field
    path = tmp_path / "patients.csv"
    path.write_bytes(LIST.encode("cp1251"))
    runner = TaskRunner()
    dialog = ImportDialog(Services.open(db, "dr.test"), runner)
    qtbot.addWidget(dialog)
    dialog.open_file(path)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=TIMEOUT_MS)
    encodings = [dialog.encoding.itemText(i) for i in range(dialog.encoding.count())]
    assert encodings[0] == "Определить" and "Windows-1251 (кириллица)" in encodings
    assert dialog.delimiter.itemText(1) == "Точка с запятой ;"
    assert dialog.duplicates.itemText(0) == "Пропустить (только в отчёте)"
    assert dialog.name_order.itemText(0).startswith("Сначала фамилия")
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"Фамилия", "Отчество", "Дата рождения"} <= labels
    assert "разделитель — точка с запятой" in dialog.file_label.text()
    unmapped = dialog.columns["email"]
    assert unmapped.itemText(0) == "— нет в файле —"
