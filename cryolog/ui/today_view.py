"""Today: courses due or overdue, and the sessions recorded today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain.session_state import SessionState
from cryolog.domain.units import format_duration
from cryolog.services.dto import DueCourse, TodaySession
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.models import ROW_ROLE, Column, RowsModel
from cryolog.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from cryolog.services.today import TodayService


def _due_when(item: DueCourse) -> str:
    if item.overdue:
        return f"Overdue by {item.days_late} days"
    if item.earliest == date.today():
        return "Due today"
    return f"Due since {item.earliest.strftime('%d.%m')}"


DUE_COLUMNS: list[Column[DueCourse]] = [
    Column(QT_TRANSLATE_NOOP("Column", "Patient"), lambda i: i.patient_name),
    Column(QT_TRANSLATE_NOOP("Column", "Course"), lambda i: i.protocol_label),
    Column(
        "Sessions",
        lambda i: (
            f"{i.sessions_done} of {i.sessions_planned}"
            if i.sessions_planned
            else str(i.sessions_done)
        ),
    ),
    Column(QT_TRANSLATE_NOOP("Column", "When"), _due_when),
]


def _duration(s: TodaySession) -> str:
    return "–" if s.duration_s is None else format_duration(s.duration_s)


RECORDED_COLUMNS: list[Column[TodaySession]] = [
    Column(
        QT_TRANSLATE_NOOP("Column", "Time"), lambda s: s.started_at.astimezone().strftime("%H:%M")
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Patient"), lambda s: s.patient_name),
    Column(QT_TRANSLATE_NOOP("Column", "Modality"), lambda s: s.modality_label),
    Column(QT_TRANSLATE_NOOP("Column", "Duration"), _duration),
    Column(QT_TRANSLATE_NOOP("Column", "State"), lambda s: SessionState(s.state).label),
]

TO_COMPLETE_COLUMNS: list[Column[TodaySession]] = [
    Column(
        QT_TRANSLATE_NOOP("Column", "Started"),
        lambda s: s.started_at.astimezone().strftime("%d.%m.%Y %H:%M"),
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Patient"), lambda s: s.patient_name),
    Column(QT_TRANSLATE_NOOP("Column", "Modality"), lambda s: s.modality_label),
    Column(QT_TRANSLATE_NOOP("Column", "State"), lambda s: SessionState(s.state).label),
]

Lists = tuple[list[DueCourse], list[TodaySession], list[TodaySession]]


def _table(model: RowsModel[object], stretch: int) -> QTableView:
    """A read-only list; column ``stretch`` (the patient's name) takes the spare width."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # short lists
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(90)
    return table


class TodayView(QWidget):
    open_patient = Signal(int)
    refreshed = Signal()

    def __init__(
        self, runner: TaskRunner, service: Callable[[], TodayService], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.service = service
        self.due_model: RowsModel[DueCourse] = RowsModel(DUE_COLUMNS, self)
        self.recorded_model: RowsModel[TodaySession] = RowsModel(RECORDED_COLUMNS, self)
        self.to_complete_model: RowsModel[TodaySession] = RowsModel(TO_COMPLETE_COLUMNS, self)
        self.due_table = _table(self.due_model, 0)  # type: ignore[arg-type]
        self.recorded_table = _table(self.recorded_model, 1)  # type: ignore[arg-type]
        self.to_complete_table = _table(self.to_complete_model, 1)  # type: ignore[arg-type]
        for table in (self.due_table, self.recorded_table, self.to_complete_table):
            table.activated.connect(
                lambda index: self.open_patient.emit(index.data(ROW_ROLE).patient_id)
            )
        self.due_label = QLabel()
        self.recorded_label = QLabel()
        self.to_complete_label = QLabel()
        self.to_complete_part = QWidget()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        for label, table in (
            (self.due_label, self.due_table),
            (self.recorded_label, self.recorded_table),
        ):
            part = QWidget()
            box = QVBoxLayout(part)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(label)
            box.addWidget(table)
            self.splitter.addWidget(part)
        self.splitter.setStretchFactor(0, 2)  # who is due matters most; a saved layout wins
        self.splitter.setStretchFactor(1, 1)
        box = QVBoxLayout(self.to_complete_part)  # sessions of earlier days not yet signed
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.to_complete_label)
        box.addWidget(self.to_complete_table)
        self.to_complete_table.setMaximumHeight(130)
        self.to_complete_part.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.to_complete_part)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(refresh, 0, Qt.AlignmentFlag.AlignRight)
        self._show_counts()

    def refresh(self) -> None:
        service = self.service()

        def work() -> Lists:
            return service.due(), service.recorded(), service.to_complete()

        self.runner.submit("today", work, self._arrived, owner=self)

    def _arrived(self, result: Lists) -> None:
        due, recorded, to_complete = result
        self.due_model.set_rows(due)
        self.recorded_model.set_rows(recorded)
        self.to_complete_model.set_rows(to_complete)
        self.to_complete_part.setVisible(bool(to_complete))
        self._show_counts()
        self.refreshed.emit()

    def _show_counts(self) -> None:
        due = self.due_model.rowCount()
        late = sum(1 for i in self.due_model.rows if i.overdue)
        late_text = self.tr(" ({0} overdue)").format(late) if late else ""
        self.due_label.setText(self.tr("<b>Due for a session</b> — {0}{1}").format(due, late_text))
        self.recorded_label.setText(
            self.tr("<b>Recorded today</b> — %n session(s)", "", self.recorded_model.rowCount())
        )
        self.to_complete_label.setText(
            self.tr(
                "<b>To complete</b> — %n session(s) of earlier days not signed yet",
                "",
                self.to_complete_model.rowCount(),
            )
        )
        self.to_complete_label.setStyleSheet("color:#8c1d18;")
