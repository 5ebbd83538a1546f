"""The History tab's table: rows fitted to their text only when they come into view.

Fitting every row (``resizeRowsToContents``) writes every entry's sentence on the window's
thread before anything is painted; here the rows in the viewport are fitted when the table
is shown, scrolled, resized or given rows, and the others keep the default height until
they are scrolled to.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cryolog.ui.record.history_model import HistoryModel


class HistoryTable(QTableView):
    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._fitted: set[int] = set()
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.fit_visible_rows)
        self.verticalScrollBar().valueChanged.connect(self._soon)
        model.modelReset.connect(self._forget)
        model.rowsInserted.connect(self._soon)

    def _forget(self) -> None:
        self._fitted.clear()
        self._soon()

    def _soon(self, *_: Any) -> None:
        if self.isVisible():
            self._pending.start()

    def fit_visible_rows(self) -> None:
        """Fit the rows now in view (and a few below) to their text, once each."""
        rows = self.model().rowCount()
        if not rows or not self.isVisible():
            return
        first = max(0, self.rowAt(0))
        last = self.rowAt(self.viewport().height() - 1)
        last = rows - 1 if last < 0 else min(rows - 1, last + 5)
        for row in range(first, last + 1):
            if row not in self._fitted:
                self._fitted.add(row)
                self.resizeRowToContents(row)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._soon()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fitted.clear()  # the text wraps differently now
        self._soon()
