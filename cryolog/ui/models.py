"""Table models: the lazily fetched patient list, and a small model for short lists of DTOs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from cryolog.domain.age import age_on
from cryolog.services.dto_list import PatientSummary
from cryolog.services.search import PageKey, SearchPage, SearchService
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.tasks import TaskRunner

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""data(index, ROW_ROLE) is the DTO behind the row."""

PAGE = 200
COUNT_DELAY_MS = 300
"""The total of a long result list is counted once typing has paused this long."""


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    align_right: bool = False


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only table of DTOs, replaced as a whole with ``set_rows``."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    @property
    def rows(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == ROW_ROLE:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return QCoreApplication.translate("Column", self._columns[section].title)
        return None


def age_text(birth: date, today: date | None = None) -> str:
    return str(age_on(birth, today or date.today()))


PATIENT_COLUMNS: list[Column[PatientSummary]] = [
    Column(
        QT_TRANSLATE_NOOP("Column", "Name"),
        lambda p: p.display_name + ("  (archived)" if p.archived else ""),
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Born"), lambda p: p.birth_date.strftime("%d.%m.%Y")),
    Column(QT_TRANSLATE_NOOP("Column", "Age"), lambda p: age_text(p.birth_date), align_right=True),
    Column(QT_TRANSLATE_NOOP("Column", "Phone"), lambda p: p.phone),
]


class PatientListModel(RowsModel[PatientSummary]):
    """Search results fetched a page at a time on the worker, as the view scrolls.

    Pages are keyed (``SearchService.search_page``): the next one starts after the last
    row's name, so the thousandth page costs what the first does.
    ``set_query`` starts over; results of an older query are dropped by the runner.
    ``loaded`` fires after each page arrives (with the query it belongs to). When the first
    page is full and typing has paused, the matches are counted and ``counted(text,
    archived, n)`` follows.
    """

    loaded = Signal(str)
    failed = Signal(object, str)
    counted = Signal(str, bool, int)

    def __init__(self, runner: TaskRunner, search: Callable[[], SearchService]) -> None:
        super().__init__(PATIENT_COLUMNS)
        self._runner = runner
        self._search = search
        self._text = ""
        self._archived = False
        self._more = False
        self._next: PageKey | None = None
        self._fetching = False
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count)

    @property
    def query(self) -> tuple[str, bool]:
        return self._text, self._archived

    def set_query(self, text: str, include_archived: bool = False) -> None:
        self._text, self._archived = text, include_archived
        self._fetch(None)

    def refresh(self) -> None:
        self._fetch(None)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent) and self._next is not None:
            self._fetch(self._next)

    def _fetch(self, after: PageKey | None) -> None:
        if after is None:
            self._count_timer.stop()
        text, archived, search = self._text, self._archived, self._search()
        self._fetching = True

        def work() -> SearchPage:
            return search.search_page(text, include_archived=archived, limit=PAGE, after=after)

        self._runner.submit(
            "patients",
            work,
            lambda page: self._arrived(after is None, page),
            lambda exc, details: self._failed(exc, details),
        )

    def _arrived(self, first: bool, page: SearchPage) -> None:
        rows = page.rows
        self._fetching = False
        self._next = page.after
        self._more = page.after is not None
        if first:
            self.set_rows(rows)
            if self._more:
                self._count_timer.start()
        elif rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit(self._text)

    def _count(self) -> None:
        text, archived, search = self._text, self._archived, self._search()
        self._runner.submit(
            "patient-count",
            lambda: search.count(text, include_archived=archived),
            lambda n: self.counted.emit(text, archived, n),
            lambda _exc, _details: None,  # the list itself is there; only the total is missing
        )

    def _failed(self, exc: BaseException, details: str) -> None:
        self._fetching = False
        self._more = False
        self.failed.emit(exc, details)
