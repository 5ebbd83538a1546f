"""The History tab's table: a page of entries at a time, each sentence written when a row
is first shown and kept, and the next (older) page asked for when the table is scrolled to
its end (Qt's canFetchMore / fetchMore)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal

from cryolog.services.audit_history import HistoryPage
from cryolog.services.dto import AuditEntryDTO
from cryolog.ui.record.history_tab import HISTORY_COLUMNS
from cryolog.ui.record.shown_rows import ShownRowsModel

Index = QModelIndex | QPersistentModelIndex


class HistoryModel(ShownRowsModel[AuditEntryDTO]):
    """``older_wanted(before)``: the view wants the page of entries older than ``before``;
    the owner reads it on the read lane and hands it to ``add_older``."""

    older_wanted = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HISTORY_COLUMNS, parent)
        self.older: int | None = None
        self.asking = False

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
