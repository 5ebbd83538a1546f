"""Outcomes: the chart, adverse events (record, mark resolved) and outcome scores."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import locale as loc
from cryolog.services.dto import AdverseEventDTO, AssessmentDTO, PatientRecord
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.models import Column, RowsModel
from cryolog.ui.read_only import disable_for
from cryolog.ui.record.chart import OutcomeChart
from cryolog.ui.record.common import fmt
from cryolog.ui.record.outcome_dialogs import (
    EVENT_LABELS,
    SCALE_LABELS,
    SEVERITY_LABELS,
    course_label,
    session_label,
    shown,
)


def _label(labels: dict[Any, str], value: str) -> str:
    return next((shown(text) for key, text in labels.items() if key.value == value), value)


def _event(kind: str) -> str:
    return _label(EVENT_LABELS, kind)


def _scale(kind: str) -> str:
    return _label(SCALE_LABELS, kind)


def _severity(level: str) -> str:
    return _label(SEVERITY_LABELS, level)


def event_columns(record: Any) -> list[Column[AdverseEventDTO]]:
    def session(e: AdverseEventDTO) -> str:
        found = [s for s in record().sessions if s.id == e.session_id]
        return session_label(found[0]) if found else "—"

    return [
        Column(QT_TRANSLATE_NOOP("Column", "Onset"), lambda e: fmt(e.onset_on)),
        Column(QT_TRANSLATE_NOOP("Column", "Event"), lambda e: _event(e.event_type)),
        Column(QT_TRANSLATE_NOOP("Column", "Severity"), lambda e: _severity(e.severity)),
        Column(QT_TRANSLATE_NOOP("Column", "Session"), session),
        Column(
            QT_TRANSLATE_NOOP("Column", "Device fault"),
            lambda e: "yes" if e.device_malfunction else "",
        ),
        Column(
            QT_TRANSLATE_NOOP("Column", "Resolved"),
            lambda e: fmt(e.resolved_on) if e.resolved_on else "not yet",
        ),
        Column(
            QT_TRANSLATE_NOOP("Column", "Description"), lambda e: e.description.replace("\n", " ")
        ),
    ]


def score_columns(record: Any) -> list[Column[AssessmentDTO]]:
    def course(a: AssessmentDTO) -> str:
        found = [c for c in record().courses if c.id == a.course_id]
        return course_label(found[0]) if found else "—"

    return [
        Column(QT_TRANSLATE_NOOP("Column", "Date"), lambda a: fmt(a.assessed_on)),
        Column(QT_TRANSLATE_NOOP("Column", "Scale"), lambda a: _scale(a.kind)),
        Column(
            QT_TRANSLATE_NOOP("Column", "Score"), lambda a: loc.shown(a.value), align_right=True
        ),
        Column(QT_TRANSLATE_NOOP("Column", "Course"), course),
        Column(QT_TRANSLATE_NOOP("Column", "Notes"), lambda a: a.notes),
    ]


def table(model: RowsModel[Any]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class OutcomesTab(QWidget):
    """``record_event``, ``resolve_event(event)`` and ``record_score`` ask the record view."""

    record_event = Signal()
    resolve_event = Signal(object)
    record_score = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: PatientRecord | None = None
        self.read_only = ""  # why nothing can be written ('' when it can)
        self.chart = OutcomeChart()
        self.events: RowsModel[AdverseEventDTO] = RowsModel(event_columns(self._record), self)
        self.scores: RowsModel[AssessmentDTO] = RowsModel(score_columns(self._record), self)
        self.event_table, self.score_table = table(self.events), table(self.scores)
        self.new_event = QPushButton(self.tr("Record adverse event…"))
        self.resolve = QPushButton(self.tr("Mark resolved…"))
        self.new_score = QPushButton(self.tr("Record score…"))
        self.new_event.clicked.connect(self.record_event)
        self.resolve.clicked.connect(self._resolve)
        self.new_score.clicked.connect(self.record_score)
        self.event_table.selectionModel().selectionChanged.connect(self._selection)
        events = _box(self.tr("Adverse events"), self.event_table, self.new_event, self.resolve)
        scores = _box(self.tr("Outcome scores"), self.score_table, self.new_score)
        bottom = QWidget()
        row = QHBoxLayout(bottom)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(events, 3)
        row.addWidget(scores, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(bottom)
        self.splitter.setSizes([260, 240])
        QVBoxLayout(self).addWidget(self.splitter)
        self._selection()

    def _record(self) -> PatientRecord:
        assert self.record is not None
        return self.record

    def show_record(self, record: PatientRecord) -> None:
        self.record = record
        self.chart.set_sessions(record.sessions)
        self.events.set_rows([e for e in record.adverse_events if e.archived_at is None])
        self.scores.set_rows([a for a in record.assessments if a.archived_at is None])
        self._selection()

    def selected_event(self) -> AdverseEventDTO | None:
        rows = self.event_table.selectionModel().selectedRows()
        return self.events.row_at(rows[0].row()) if rows else None

    def _selection(self) -> None:
        event = self.selected_event()
        self.resolve.setEnabled(event is not None and event.resolved_on is None)
        for button in (self.new_event, self.resolve, self.new_score):
            disable_for(button, self.read_only)

    def set_read_only(self, reason: str) -> None:
        """Browse and print only: the writing buttons stay off whatever is selected."""
        self.read_only = reason
        self._selection()

    def _resolve(self) -> None:
        event = self.selected_event()
        if event is not None:
            self.resolve_event.emit(event)


def _box(title: str, view: QTableView, *buttons: QPushButton) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    bar = QHBoxLayout()
    for button in buttons:
        bar.addWidget(button)
    bar.addStretch(1)
    layout.addLayout(bar)
    layout.addWidget(view, 1)
    return box
