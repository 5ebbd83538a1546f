"""The treated areas of a local session: site, kind, size, passes, seconds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from cryolog.domain.enums import AreaKind
from cryolog.ui.forms import FieldErrors, error_label, number, row
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.session_fields import decimal

AREA_COLUMNS = (
    QT_TRANSLATE_NOOP("AreasBox", "Site"),
    QT_TRANSLATE_NOOP("AreasBox", "Kind"),
    QT_TRANSLATE_NOOP("AreasBox", "Area (dm²)"),
    QT_TRANSLATE_NOOP("AreasBox", "Passes"),
    QT_TRANSLATE_NOOP("AreasBox", "Seconds"),
)
KIND_LABELS = {
    AreaKind.AREA: QT_TRANSLATE_NOOP("AreasBox", "area"),
    AreaKind.SPOT: QT_TRANSLATE_NOOP("AreasBox", "spot"),
    AreaKind.PATCH: QT_TRANSLATE_NOOP("AreasBox", "patch"),
}


class AreasBox(QGroupBox):
    changed = Signal()

    def __init__(self, errors: FieldErrors) -> None:
        super().__init__()
        self.setTitle(self.tr("Treated areas"))
        self.table = QTableWidget(0, len(AREA_COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in AREA_COLUMNS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(110)
        self.add_button, self.remove_button = (
            QPushButton(self.tr("Add area")),
            QPushButton(self.tr("Remove area")),
        )
        self.add_button.clicked.connect(lambda: self.add_area())
        self.remove_button.clicked.connect(self._remove_area)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(row(self.add_button, self.remove_button))
        areas_error = error_label(2)  # a message for each row that is wrong
        errors.add_prefix("areas", areas_error)
        layout.addWidget(areas_error)
        self.table.itemChanged.connect(self.changed)

    def add_area(
        self, site: str = "", kind: str = "area", dm2: str = "", passes: str = "", secs: str = ""
    ) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        kinds = QComboBox()
        for k in AreaKind:
            kinds.addItem(self.tr(KIND_LABELS.get(k, k.value)), k.value)
        kinds.setCurrentIndex(max(kinds.findData(kind), 0))
        kinds.currentIndexChanged.connect(self.changed)
        self.table.setCellWidget(r, 1, kinds)
        for col, text in ((0, site), (2, dm2), (3, passes), (4, secs)):
            self.table.setItem(r, col, QTableWidgetItem(text))
        self.changed.emit()

    def _remove_area(self) -> None:
        r = self.table.currentRow()
        if r < 0:
            r = self.table.rowCount() - 1
        if r >= 0:
            self.table.removeRow(r)
            self.changed.emit()

    def _cell(self, r: int, c: int) -> str:
        item = self.table.item(r, c)
        return item.text() if item is not None else ""

    def rows(self) -> list[list[str]]:
        """Every row as typed (site, kind, size, passes, seconds), to keep typing aside."""
        kept = []
        for r in range(self.table.rowCount()):
            kind = self.table.cellWidget(r, 1)
            chosen = kind.currentData() if isinstance(kind, QComboBox) else "area"
            kept.append([self._cell(r, 0), str(chosen), *(self._cell(r, c) for c in (2, 3, 4))])
        return kept

    def set_rows(self, rows: list[list[str]]) -> None:
        """Put rows from ``rows()`` back (anything not five texts is left out)."""
        self.table.setRowCount(0)
        for kept in rows:
            if isinstance(kept, list) and len(kept) == 5 and all(isinstance(t, str) for t in kept):
                self.add_area(*kept)

    def values(self) -> list[dict[str, Any]]:
        result = []
        for r in range(self.table.rowCount()):
            texts = [self._cell(r, c) for c in (0, 2, 3, 4)]
            if not any(t.strip() for t in texts):
                continue
            kind = self.table.cellWidget(r, 1)
            result.append(
                {
                    "site": texts[0],
                    "kind": kind.currentData() if isinstance(kind, QComboBox) else "area",
                    "area_dm2": decimal(texts[1]),
                    "passes": number(texts[2]),
                    "exposure_s": number(texts[3]),
                }
            )
        return result
