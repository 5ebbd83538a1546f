"""The patient list: search as you type, show archived, new and open patient; empty state."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cryolog.services.dto_list import PatientSummary
from cryolog.services.search import COUNT_CAP
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.models import ROW_ROLE, PatientListModel

SEARCH_HINT = QT_TRANSLATE_NOOP(
    "PatientListView", "Search by name, birth date (31.12.1980) or phone — Ctrl+F"
)


class PatientListView(QWidget):
    """Layout only; ``PatientListController`` (in main_window) wires the behaviour."""

    open_patient = Signal(int)
    new_patient = Signal()

    def __init__(self, model: PatientListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit()
        self.search.setObjectName("patientSearch")
        self.search.setPlaceholderText(self.tr(SEARCH_HINT))
        # its icon is looked up in the style's theme: once the first page is there
        model.loaded.connect(self._offer_clearing)
        model.failed.connect(self._offer_clearing)
        self.archived = QCheckBox(self.tr("Show archived"))
        self.new_button = QPushButton(self.tr("New patient"))
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.clicked.connect(self.new_patient)
        self.table = QTableView()
        self.table.setObjectName("patientTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultSectionSize(130)
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.status = QLabel()
        self.status.setObjectName("listStatus")
        self.no_match = QLabel(self.tr("No patient matches this search."))
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.results = QStackedWidget()
        self.results.addWidget(self.table)
        self.results.addWidget(self.no_match)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.archived)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        model.loaded.connect(self._loaded)
        model.counted.connect(self._counted)
        self.search.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Down in the search field moves into the results (Enter there opens one)."""
        if (
            obj is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
            return True
        return super().eventFilter(obj, event)

    def _offer_clearing(self, *_args: object) -> None:
        if not self.search.isClearButtonEnabled():
            self.search.setClearButtonEnabled(True)

    def _open(self, row: int) -> None:
        item: PatientSummary = self.model.index(row, 0).data(ROW_ROLE)
        self.open_patient.emit(item.id)

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._open(rows[0].row())
        elif self.model.rowCount() == 1:
            self._open(0)

    def _loaded(self, _text: str) -> None:
        count = self.model.rowCount()
        self.results.setCurrentWidget(self.table if count else self.no_match)
        more = "+" if self.model.canFetchMore() else ""
        self.status.setText(
            self.tr("%n patient(s)", "", count).replace(str(count), f"{count}{more}", 1)
        )

    def _counted(self, text: str, archived: bool, total: int) -> None:
        if (text, archived) == self.model.query:
            if total > COUNT_CAP:  # the count stops there: "10,000+ patients"
                number = QLocale().toString(COUNT_CAP)  # as %Ln writes numbers
                self.status.setText(self.tr("{0}+ patients").format(number))
            else:
                self.status.setText(self.tr("%Ln patient(s)", "", total))
