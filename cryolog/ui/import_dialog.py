"""File › Import patients…: bring an existing patient list in from CSV or Excel.

Choose the file; cryolog guesses its encoding, delimiter and which column holds what, and
shows every row as it would be imported — new, a duplicate (skipped, or merged into the
empty fields of the patient on file), or rejected with the reason. Nothing is written until
Import is pressed, and then all rows land in one transaction or none does. Reading,
checking and importing run on the database worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain.messages import Message
from cryolog.services import Services
from cryolog.services.importing.mapping import (
    FIELDS,
    ColumnMap,
    NameOrder,
    guess_map,
)
from cryolog.services.importing.plan import Duplicates, ImportPlan
from cryolog.services.importing.reading import SourceTable, read_table
from cryolog.services.importing.run import ImportResult, RowsRejected, preview, run_import
from cryolog.services.importing.values import DATE_FORMATS, AmbiguousDates
from cryolog.ui.errors import plain_message
from cryolog.ui.forms import error_label
from cryolog.ui.import_preview import PreviewModel
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.tasks import TaskRunner

_DETECT = QT_TRANSLATE_NOOP("ImportDialog", "Detect")
ENCODINGS = ((_DETECT, None), ("UTF-8", "utf-8"),
             (QT_TRANSLATE_NOOP("ImportDialog", "UTF-8 with BOM"), "utf-8-sig"),
             (QT_TRANSLATE_NOOP("ImportDialog", "Windows-1251 (Cyrillic)"), "cp1251"),
             (QT_TRANSLATE_NOOP("ImportDialog", "Windows-1252 (Western)"), "cp1252"),
             ("UTF-16", "utf-16"))  # fmt: skip
DELIMITERS = ((_DETECT, None), (QT_TRANSLATE_NOOP("ImportDialog", "Semicolon ;"), ";"),
              (QT_TRANSLATE_NOOP("ImportDialog", "Comma ,"), ","),
              (QT_TRANSLATE_NOOP("ImportDialog", "Tab"), "\t"),
              (QT_TRANSLATE_NOOP("ImportDialog", "Bar |"), "|"))  # fmt: skip
NOT_IN_FILE = QT_TRANSLATE_NOOP("ImportDialog", "— not in the file —")
# the window's names of the import's fields and name orders (services/importing/mapping.py
# keeps the command line's English ones under the same keys; a test holds the keys equal)
FIELD_NAMES: dict[str, str] = {
    "family_name": QT_TRANSLATE_NOOP("ImportDialog", "Family name"),
    "given_name": QT_TRANSLATE_NOOP("ImportDialog", "Given name"),
    "middle_name": QT_TRANSLATE_NOOP("ImportDialog", "Middle name / patronymic"),
    "full_name": QT_TRANSLATE_NOOP("ImportDialog", "Full name (one column)"),
    "birth_date": QT_TRANSLATE_NOOP("ImportDialog", "Birth date"),
    "phone": QT_TRANSLATE_NOOP("ImportDialog", "Phone"),
    "email": QT_TRANSLATE_NOOP("ImportDialog", "E-mail"),
    "notes": QT_TRANSLATE_NOOP("ImportDialog", "Notes"),
}
NAME_ORDER_NAMES: dict[NameOrder, str] = {
    NameOrder.FAMILY_FIRST: QT_TRANSLATE_NOOP(
        "ImportDialog", "Family name first (Ivanova Maria Petrovna)"
    ),
    NameOrder.GIVEN_FIRST: QT_TRANSLATE_NOOP("ImportDialog", "Given name first (Mary Ann Smith)"),
}


class ImportDialog(QDialog):
    """``imported`` carries the ``ImportResult`` once the patients are in."""

    imported = Signal(object)

    def __init__(
        self, services: Services, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.table: SourceTable | None = None
        self.mapping = ColumnMap()
        self.plan: ImportPlan | None = None
        self.path: Path | None = None
        self.setWindowTitle(self.tr("Import patients"))
        self.resize(1100, 680)
        self._build()
        self._refresh_buttons()

    # layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.file_label = QLabel(
            self.tr("Choose a CSV file or an Excel workbook (.xlsx) to import.")
        )
        self.choose = QPushButton(self.tr("Choose file…"))
        self.choose.clicked.connect(self.choose_file)
        self.encoding = _combo(ENCODINGS)
        self.delimiter = _combo(DELIMITERS)
        for combo in (self.encoding, self.delimiter):
            combo.currentIndexChanged.connect(lambda _: self._reread())
        self.columns: dict[str, QComboBox] = {}
        mapping = QGroupBox(self.tr("Which column holds what"))
        grid = QGridLayout(mapping)
        for index, name in enumerate(FIELDS):
            combo = QComboBox()
            # filled once a file is read: as wide as its headings then (never squeezed
            # below them by the options beside), not as when empty
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(lambda _, n=name: self._column_chosen(n))
            self.columns[name] = combo
            grid.addWidget(QLabel(_tr(FIELD_NAMES[name])), index // 2, (index % 2) * 2)
            grid.addWidget(combo, index // 2, (index % 2) * 2 + 1)
        self.name_order = _combo([(label, order) for order, label in NAME_ORDER_NAMES.items()])
        self.date_format = _combo(
            [(self.tr("Detect from the dates"), None), *((k, k) for k in DATE_FORMATS)]
        )
        self.duplicates = _combo(
            [
                (self.tr("Skip them (report only)"), Duplicates.SKIP),
                (self.tr("Fill the patient's empty fields"), Duplicates.MERGE),
            ]
        )
        self.skip_bad = QCheckBox(self.tr("Import the other rows and skip rejected ones"))
        for widget in (self.name_order, self.date_format, self.duplicates):
            widget.currentIndexChanged.connect(lambda _: self._replan())
        self.skip_bad.toggled.connect(lambda _: self._refresh_buttons())
        options = QFormLayout()
        options.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        options.addRow(self.tr("Full name order"), self.name_order)
        options.addRow(self.tr("Birth dates written as"), self.date_format)
        options.addRow(self.tr("Patients already on file"), self.duplicates)
        options.addRow("", self.skip_bad)
        self.problem = error_label(3)  # a whole sentence about the file
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.model)
        self.preview.verticalHeader().hide()
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(QLabel(self.tr("Encoding")))
        top.addWidget(self.encoding)
        top.addWidget(QLabel(self.tr("Delimiter")))
        top.addWidget(self.delimiter)
        top.addWidget(self.choose)
        middle = QVBoxLayout()  # the options below the columns: side by side, a longer
        middle.addWidget(mapping)  # language's labels made the dialog wider than the screen
        middle.addLayout(options)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

    # reading the file -------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import patients from"),
            "",
            self.tr("Patient lists (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)"),
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        self.path = path
        self.table = None
        self._reread()

    def _reread(self) -> None:
        if self.path is None:
            return
        path = self.path
        encoding, delimiter = self.encoding.currentData(), self.delimiter.currentData()
        self._waiting(self.tr("Reading the file…"))
        self.runner.submit(
            "import-read",
            lambda: read_table(path, encoding=encoding, delimiter=delimiter),
            self._read,
            self._read_failed,
            owner=self,
        )

    def _read(self, table: SourceTable) -> None:
        same_header = self.table is not None and self.table.header == table.header
        self.table = table
        how = (
            self.tr("{0}, delimiter {1}").format(table.encoding, _delimiter_name(table.delimiter))
            if table.kind == "csv"
            else self.tr("Excel workbook, first sheet")
        )
        self.file_label.setText(
            self.tr("<b>{0}</b>: {1} rows ({2})").format(table.name, len(table.rows), how)
        )
        is_csv = table.kind == "csv"
        self.encoding.setEnabled(is_csv)
        self.delimiter.setEnabled(is_csv)
        if not same_header:
            self._fill_columns(table, guess_map(table.header))
        self._replan()

    def _read_failed(self, exc: BaseException, _details: str) -> None:
        self.table = None
        self.plan = None
        self.model.set_rows([])
        self._show_problem(str(exc) or plain_message(exc))

    def _fill_columns(self, table: SourceTable, guessed: ColumnMap) -> None:
        self.mapping = replace(guessed, name_order=self.mapping.name_order)
        for name, combo in self.columns.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_tr(NOT_IN_FILE), None)
            for index, heading in enumerate(table.header):
                combo.addItem(heading, index)
            chosen = guessed.columns.get(name)
            combo.setCurrentIndex(0 if chosen is None else chosen + 1)
            combo.blockSignals(False)

    def _column_chosen(self, name: str) -> None:
        self.mapping = self.mapping.with_column(name, self.columns[name].currentData())
        self._replan()

    # checking the rows ------------------------------------------------------------------

    def _current_mapping(self) -> ColumnMap:
        order = NameOrder(self.name_order.currentData() or NameOrder.FAMILY_FIRST)
        return replace(self.mapping, name_order=order, date_format=self.date_format.currentData())

    def _replan(self) -> None:
        table = self.table
        self.name_order.setEnabled(self._current_mapping().uses_full_name)
        if table is None:
            return
        mapping = self._current_mapping()
        missing = mapping.problems()
        if missing:
            self.plan = None
            self.model.set_rows([])
            self._show_problem(" ".join(missing))
            return
        services, duplicates = self.services, self._duplicates()
        self._waiting(self.tr("Checking every row…"))
        self.runner.submit(
            "import-plan",
            lambda: preview(services, table, mapping, duplicates),
            self._planned,
            self._plan_failed,
            owner=self,
        )

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.problem.hide()
        self.model.set_rows(plan.rows)
        self.preview.resizeColumnsToContents()
        rejected = len(plan.rejected)
        note = " " + Message("import.rejected_note", n=rejected).render() if rejected else ""
        self.summary.setText(
            self.tr(
                "Birth dates read as {0}. {1}.{2} Nothing is written until you press Import."
            ).format(plan.date_format, plan.summary(), note)
        )
        self._refresh_buttons()

    def _plan_failed(self, exc: BaseException, _details: str) -> None:
        self.plan = None
        self.model.set_rows([])
        if isinstance(exc, AmbiguousDates):
            self._show_problem(
                self.tr("{0} under “Birth dates written as”.").format(str(exc).capitalize())
            )
        else:
            self._show_problem(plain_message(exc))

    # importing --------------------------------------------------------------------------

    def start_import(self) -> None:
        table, plan = self.table, self.plan
        if table is None or plan is None:
            return
        services, mapping = self.services, self._current_mapping()
        duplicates, skip_bad = self._duplicates(), self.skip_bad.isChecked()
        self._waiting(self.tr("Importing…"))
        self.runner.submit(
            "import-run",
            lambda: run_import(services, table, mapping, duplicates=duplicates, skip_bad=skip_bad),
            self._imported,
            self._import_failed,
            owner=self,
        )

    def _imported(self, result: ImportResult) -> None:
        self.plan = None
        self.summary.setText(result.summary())
        self.import_button.setEnabled(False)
        self.choose.setEnabled(True)
        self.imported.emit(result)

    def _import_failed(self, exc: BaseException, _details: str) -> None:
        if isinstance(exc, RowsRejected):
            self._planned(exc.plan)
            self._show_problem(str(exc))
            return
        self._show_problem(self.tr("Nothing was imported: {0}").format(plain_message(exc)))
        self._refresh_buttons()

    # helpers ----------------------------------------------------------------------------

    def _duplicates(self) -> Duplicates:
        return Duplicates(self.duplicates.currentData() or Duplicates.SKIP)

    def _waiting(self, text: str) -> None:
        self.summary.setText(text)
        self.import_button.setEnabled(False)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
        self.summary.clear()
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        plan = self.plan
        ready = plan is not None and bool(plan.rows)
        if plan is not None and plan.rejected and not self.skip_bad.isChecked():
            ready = False
        self.import_button.setEnabled(ready)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


def _combo(items: Iterable[tuple[str, Any]]) -> QComboBox:
    """A choice of ``items`` (label, data), each label in the window's language."""
    combo = QComboBox()
    for label, data in items:
        combo.addItem(_tr(label), data)
    return combo


def _delimiter_name(delimiter: str | None) -> str:
    names = {
        "\t": QT_TRANSLATE_NOOP("ImportDialog", "tab"),
        ";": QT_TRANSLATE_NOOP("ImportDialog", "semicolon"),
        ",": QT_TRANSLATE_NOOP("ImportDialog", "comma"),
        "|": QT_TRANSLATE_NOOP("ImportDialog", "bar"),
    }
    return _tr(names[delimiter]) if delimiter in names else "?"
