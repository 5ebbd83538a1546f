"""A table of DTOs whose cells are written when first shown, and kept.

Qt asks a model for a cell's text on every paint and every size measure, and for eight or
so other roles each time (font, colours, check state, decoration…). A plain ``RowsModel``
formats the cell again on each of those asks: a long course's table formatted its rows
thousands of times before the tab was painted. Here a cell's text is written the first
time it is asked for and kept until the rows are replaced; the roles the record's tables
do not use are answered at once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from cryolog.ui.models import ROW_ROLE, RowsModel

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ShownRowsModel(RowsModel[T]):
    """``RowsModel`` with each cell's text formatted once, when first shown."""

    def __init__(self, columns: Sequence[Any], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._texts: dict[tuple[int, int], str] = {}
        self._right = {i for i, c in enumerate(self._columns) if c.align_right}

    def set_rows(self, rows: Sequence[T]) -> None:
        self._texts.clear()
        super().set_rows(rows)

    def distinct_texts(self, column: int, key: Callable[[T], Hashable]) -> list[str]:
        """The texts of ``column`` over every row, one per distinct ``key(row)`` (the value
        the text is written from): a long table's few catalog texts without writing each
        row's."""
        first: dict[Hashable, T] = {}
        for row in self._rows:
            first.setdefault(key(row), row)
        write = self._columns[column].text
        return [write(row) for row in first.values()]

    @property
    def formatted(self) -> int:
        """How many cells have been written so far (what showing the table cost)."""
        return len(self._texts)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY:
            row, column = index.row(), index.column()
            key = (row, column)
            text = self._texts.get(key)
            if text is None:
                if not index.isValid() or not 0 <= row < len(self._rows):
                    return None
                text = self._columns[column].text(self._rows[row])
                self._texts[key] = text
            return text
        if role == ROW_ROLE:
            return super().data(index, role)
        if role == _ALIGN and index.column() in self._right:
            return _RIGHT
        return None
