"""The History tab's table: a page of entries at a time, each sentence written when a row
is first shown and kept, and the next (older) page asked for when the table is scrolled to
its end (Qt's canFetchMore / fetchMore)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from cryolog.services.audit_history import HistoryPage
from cryolog.services.dto import AuditEntryDTO
from cryolog.ui.models import RowsModel
from cryolog.ui.record.history_tab import HISTORY_COLUMNS

Index = QModelIndex | QPersistentModelIndex


class HistoryModel(RowsModel[AuditEntryDTO]):
    """``older_wanted(before)``: the view wants the page of entries older than ``before``;
    the owner reads it on the read lane and hands it to ``add_older``."""

    older_wanted = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HISTORY_COLUMNS, parent)
        self._texts: dict[tuple[int, int], str] = {}
        self.older: int | None = None
        self.asking = False

    def set_rows(self, rows: Any) -> None:
        self._texts.clear()
        super().set_rows(rows)

    def show_page(self, page: HistoryPage) -> None:
        """The newest page (a reload): what was loaded further down is dropped."""
        self.older, self.asking = page.older, False
        self.set_rows(page.entries)

    def add_older(self, before: int, page: HistoryPage) -> None:
        """Append the page older than ``before`` (ignored when the table was reloaded
        meanwhile and no longer ends there)."""
        if before != self.older:
            return
        self.asking = False
        self.older = page.older
        if not page.entries:
            return
        first = self.rowCount()
        self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
        self._rows.extend(page.entries)
        self.endInsertRows()

    def older_failed(self) -> None:
        self.asking = False  # scrolling to the end asks again

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self.older is not None and not self.asking

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent) and self.older is not None:
            self.asking = True
            self.older_wanted.emit(self.older)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return super().data(index, role)
        key = (index.row(), index.column())
        text = self._texts.get(key)
        if text is None:
            text = super().data(index, role)
            if text is not None:
                self._texts[key] = text
        return text
