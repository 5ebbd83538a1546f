"""Courses and their sessions: open a course from the protocol library, start a new session."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import locale as loc
from cryolog.domain.catalog import MODALITIES, PROTOCOLS, protocol
from cryolog.domain.messages import Message
from cryolog.domain.schedule import course_schedule
from cryolog.domain.session_state import SessionState
from cryolog.domain.units import format_duration
from cryolog.services import Services
from cryolog.services.dto import CourseDTO, PatientRecord, SessionDTO
from cryolog.ui.forms import FieldErrors, error_label
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.models import Column
from cryolog.ui.read_only import disable_for
from cryolog.ui.record.common import SavingForm, date_edit, fmt
from cryolog.ui.record.shown_rows import ShownRowsModel


def counted_days(sessions: Sequence[SessionDTO]) -> dict[int, list[date]]:
    """The days of the sessions that count, by course, in order: one walk of a record's
    sessions for all its courses' cells (not one walk per cell)."""
    days: dict[int, list[date]] = {}
    for s in sessions:
        if s.course_id is not None and s.counts:
            days.setdefault(s.course_id, []).append(s.session_date)
    for found in days.values():
        found.sort()
    return days


def schedule_text(course: CourseDTO, done: list[date], today: date) -> str:
    """``done``: the days of the course's sessions that count, in order."""
    if course.status != "open":
        return QCoreApplication.translate("CoursesTab", "{0}, ended {1}").format(
            course.status, fmt(course.ended_on)
        )
    sched = course_schedule(
        course.protocol_id, course.started_on, done, today, course.planned_sessions
    )
    if sched.next is None:
        return QCoreApplication.translate("CoursesTab", "all planned sessions done")
    when = (
        QCoreApplication.translate("CoursesTab", "today")
        if sched.next.due == today
        else fmt(sched.next.due)
    )
    late = (
        QCoreApplication.translate("CoursesTab", " (overdue by {0})").format(
            Message("unit.days", n=sched.next.days_late).render(loc.window_locale())
        )
        if sched.next.overdue
        else ""
    )
    return QCoreApplication.translate("CoursesTab", "next from {0}{1}").format(when, late)


def course_columns(done_ref: Callable[[int], list[date]]) -> list[Column[CourseDTO]]:
    """``done_ref(course id)``: the days of the course's sessions that count, in order."""

    def count(c: CourseDTO) -> str:
        done = len(done_ref(c.id))
        if not c.planned_sessions:
            return loc.shown(done)
        return QCoreApplication.translate("CoursesTab", "{0} of {1}").format(
            loc.shown(done), loc.shown(c.planned_sessions)
        )

    return [
        Column(QT_TRANSLATE_NOOP("Column", "Course"), lambda c: protocol(c.protocol_id).label),
        Column(QT_TRANSLATE_NOOP("Column", "Started"), lambda c: fmt(c.started_on)),
        Column(QT_TRANSLATE_NOOP("Column", "Sessions"), count),
        Column(
            QT_TRANSLATE_NOOP("Column", "Schedule"),
            lambda c: schedule_text(c, done_ref(c.id), date.today()),
        ),
    ]


SESSION_COLUMNS: list[Column[SessionDTO]] = [
    Column(
        QT_TRANSLATE_NOOP("Column", "Date"),
        lambda s: s.started_at.astimezone().strftime("%d.%m.%Y %H:%M"),
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Modality"), lambda s: MODALITIES[s.modality].label),
    Column(
        QT_TRANSLATE_NOOP("Column", "Temp °C"),
        lambda s: "" if s.set_temp_c is None else loc.shown(s.set_temp_c),
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Duration"), lambda s: _duration(s)),
    Column(QT_TRANSLATE_NOOP("Column", "NRS"), lambda s: f"{_n(s.nrs_pre)} → {_n(s.nrs_post)}"),
    Column(QT_TRANSLATE_NOOP("Column", "State"), lambda s: SessionState(s.state).label),
    Column(
        QT_TRANSLATE_NOOP("Column", "Overrides"),
        lambda s: "; ".join(
            f"{f.rule}: {f.override_reason}" for f in s.findings if f.override_reason
        ),
    ),
]


SESSION_CATALOG_COLUMNS: dict[int, Callable[[SessionDTO], Hashable]] = {
    1: lambda s: s.modality,
    5: lambda s: s.state,
}
"""The sessions table's columns written from a catalog (modality, state): fitted to every
row's text, not only the first rows' (see ``_Fit``)."""


def _n(value: int | None) -> str:
    return "–" if value is None else str(value)


def _duration(s: SessionDTO) -> str:
    """The exposure the patient had (the timer's when it measured one)."""
    exposure = s.exposure_s
    return "–" if exposure is None else format_duration(exposure)


class OpenCourseForm(SavingForm):
    def __init__(self, services: Services, patient_id: int) -> None:
        super().__init__(FieldErrors(error_label()))
        self.services, self.patient_id = services, patient_id
        self.protocol = QComboBox()
        for p in PROTOCOLS.values():
            self.protocol.addItem(p.label, p.id)
        self.started = date_edit()
        self.planned = QSpinBox()
        self.planned.setRange(1, 100)
        self.body_area = QLineEdit()
        self.indication = QLineEdit()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setStyleSheet("color:#444;")
        layout = QFormLayout(self)
        layout.addRow(self.tr("Protocol"), self.protocol)
        layout.addRow("", self.info)
        layout.addRow(self.tr("Starts"), self.started)
        layout.addRow("", self.errors.add("started_on", error_label()))
        layout.addRow(self.tr("Planned sessions"), self.planned)
        layout.addRow(self.tr("Body area"), self.body_area)
        layout.addRow(self.tr("Indication"), self.indication)
        layout.addRow(self.errors.general)
        self.save_button.setText(self.tr("Open course"))
        layout.addRow(self.save_button, self.status)
        self.protocol.currentIndexChanged.connect(self._protocol_changed)
        self._protocol_changed()

    def _protocol_changed(self) -> None:
        p = protocol(self.protocol.currentData())
        self.planned.setValue(p.sessions_max or 10)
        self.indication.setText(p.indication if p.id != "custom" else "")
        self.indication.setCursorPosition(0)  # show how it begins, not how it ends
        self.indication.setToolTip(self.indication.text())
        sessions = (
            Message("summary.recommended_sessions", low=p.sessions_min, n=p.sessions_max).render(
                loc.window_locale()
            )
            if p.sessions_max
            else ""
        )
        self.info.setText(" · ".join(x for x in (sessions, p.frequency, p.notes) if x))

    def action(self) -> Callable[[], Any]:
        data = {
            "protocol_id": self.protocol.currentData(),
            "started_on": self.started.date().toPython(),
            "planned_sessions": self.planned.value(),
            "body_area": self.body_area.text(),
            "indication": self.indication.text(),
        }
        allow = self.allow_duplicate  # asked first when an open course is alike
        return lambda: self.services.courses.open_course(
            self.patient_id, data, allow_duplicate=allow
        )


class CoursesTab(QWidget):
    """Signals ask the record view to act on the selected course or session."""

    new_session = Signal(object)  # course id or None
    amend_session = Signal(object)  # SessionDTO, signed
    open_session = Signal(object)  # SessionDTO not signed yet: go on with it
    archive_session = Signal(object)  # SessionDTO
    close_course = Signal(object)  # CourseDTO
    void_course = Signal(object)  # CourseDTO opened by mistake
    course_document = Signal(str, int)  # kind, course id
    book_visits = Signal(int)  # course id

    def __init__(self, services: Services, patient_id: int) -> None:
        super().__init__()
        self.record: PatientRecord | None = None
        self.read_only = ""  # why nothing can be written ('' when it can)
        self._done: dict[int, list[date]] = {}
        self.courses: ShownRowsModel[CourseDTO] = ShownRowsModel(course_columns(self._days), self)
        self.sessions: ShownRowsModel[SessionDTO] = ShownRowsModel(SESSION_COLUMNS, self)
        self.course_table = _table(self.courses)
        self.session_table = _table(self.sessions, SESSION_CATALOG_COLUMNS)
        self.new_session_button = QPushButton(self.tr("Start session"))
        self.new_session_button.setObjectName("newSession")
        self.new_session_button.clicked.connect(self._new_session)
        self.amend_button = QPushButton(self.tr("Amend…"))
        self.archive_button = QPushButton(self.tr("Archive…"))
        self.archive_button.setToolTip(
            self.tr("For a session entered in error (a reason is required)")
        )
        self.all_sessions = QCheckBox(self.tr("all courses"))
        self.all_sessions.setToolTip(
            self.tr("Show the sessions of every course and those outside one")
        )
        self.all_sessions.toggled.connect(self._show_sessions)
        self.close_button = QPushButton(self.tr("Close course…"))
        self.void_button = QPushButton(self.tr("Void…"))
        self.void_button.setToolTip(
            self.tr(
                "For a course opened by mistake, before any of its sessions ran (drafts are"
                " abandoned with it)"
            )
        )
        self.void_button.clicked.connect(lambda: self._emit_course(self.void_course))
        self.summary_button = QPushButton(self.tr("Course summary…"))
        self.handout_button = QPushButton(self.tr("Handout…"))
        self.book_button = QPushButton(self.tr("Book visits…"))
        self.book_button.setObjectName("bookVisits")
        self.book_button.clicked.connect(self._book)
        self.amend_button.clicked.connect(self._amend_or_go_on)
        self.archive_button.clicked.connect(lambda: self._emit_session(self.archive_session))
        self.close_button.clicked.connect(self._close)
        self.summary_button.clicked.connect(lambda: self._document("course_summary"))
        self.handout_button.clicked.connect(lambda: self._document("handout"))
        for view in (self.course_table, self.session_table):
            view.selectionModel().selectionChanged.connect(self._selection)
        self.course_table.selectionModel().selectionChanged.connect(self._show_sessions)
        self.session_table.doubleClicked.connect(lambda _: self._amend_or_go_on())
        self.open_form = OpenCourseForm(services, patient_id)
        box = QGroupBox(self.tr("Open a course"))
        QVBoxLayout(box).addWidget(self.open_form)
        box.setMaximumWidth(420)
        left = QVBoxLayout()
        left.addLayout(
            _bar(
                self.tr("<b>Courses</b>"),
                self.book_button,
                self.summary_button,
                self.handout_button,
                self.close_button,
                self.void_button,
            )
        )
        left.addWidget(self.course_table, 1)
        left.addLayout(
            _bar(
                self.tr("<b>Sessions</b>"),
                self.all_sessions,
                self.amend_button,
                self.archive_button,
                self.new_session_button,
            )
        )
        left.addWidget(self.session_table, 2)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(box)

    def _days(self, course_id: int) -> list[date]:
        return self._done.get(course_id, [])

    def show_record(self, record: PatientRecord) -> None:
        course, session = self.selected_course(), self.selected_session()
        self.record = record
        self._done = counted_days(record.sessions)
        self.courses.set_rows([c for c in record.courses if c.archived_at is None])
        if course is not None:
            self.select_course(course)
        if self.courses.rowCount() and not self.course_table.selectionModel().hasSelection():
            self.course_table.selectRow(0)  # the latest course: its buttons work at once
        self._show_sessions()
        if session is not None:
            self.select_session(session.id)
        self._selection()

    def _show_sessions(self) -> None:
        """The selected course's sessions, or every session when asked (or no course)."""
        if self.record is None:
            return
        course = self.selected_course()
        everything = self.all_sessions.isChecked() or course is None
        rows = [
            s
            for s in self.record.sessions
            if s.archived_at is None and (everything or s.course_id == course)
        ]
        shown = self.sessions.rows
        if len(rows) == len(shown) and all(a is b for a, b in zip(rows, shown, strict=True)):
            return  # the same rows (a selection made while the record was being shown)
        self.sessions.set_rows(rows)

    def selected_course(self) -> int | None:
        rows = self.course_table.selectionModel().selectedRows()
        return self.courses.row_at(rows[0].row()).id if rows else None

    def selected_course_dto(self) -> CourseDTO | None:
        rows = self.course_table.selectionModel().selectedRows()
        return self.courses.row_at(rows[0].row()) if rows else None

    def selected_session(self) -> SessionDTO | None:
        rows = self.session_table.selectionModel().selectedRows()
        return self.sessions.row_at(rows[0].row()) if rows else None

    def select_session(self, session_id: int) -> None:
        for r, s in enumerate(self.sessions.rows):
            if s.id == session_id:
                self.session_table.selectRow(r)

    def select_course(self, course_id: int) -> None:
        for r, c in enumerate(self.courses.rows):
            if c.id == course_id:
                self.course_table.selectRow(r)

    def _selection(self) -> None:
        course, session = self.selected_course_dto(), self.selected_session()
        for button in (self.summary_button, self.handout_button):
            button.setEnabled(course is not None)
        self.close_button.setEnabled(course is not None and course.status == "open")
        self.book_button.setEnabled(course is not None and course.status == "open")
        self.void_button.setEnabled(course is not None and course.status == "open")
        is_open = session is not None and SessionState(session.state).open
        self.amend_button.setText(self.tr("Go on with it") if is_open else self.tr("Amend…"))
        self.amend_button.setEnabled(session is not None)
        self.archive_button.setEnabled(session is not None and session.state != "draft")
        for button in self.writing_buttons():
            disable_for(button, self.read_only)

    def writing_buttons(self) -> tuple[QPushButton, ...]:
        """The buttons that lead to a write (off in a read-only database)."""
        return (
            self.new_session_button,
            self.amend_button,
            self.archive_button,
            self.close_button,
            self.void_button,
            self.book_button,
        )

    def set_read_only(self, reason: str) -> None:
        """Browse and print only: the writing buttons stay off whatever is selected."""
        self.read_only = reason
        self._selection()

    def _amend_or_go_on(self) -> None:
        session = self.selected_session()
        if session is not None and SessionState(session.state).open:
            self.open_session.emit(session)
        elif session is not None:
            self.amend_session.emit(session)

    def _emit_session(self, signal: Any) -> None:
        session = self.selected_session()
        if session is not None:
            signal.emit(session)

    def _emit_course(self, signal: Any) -> None:
        course = self.selected_course_dto()
        if course is not None:
            signal.emit(course)

    def _close(self) -> None:
        course = self.selected_course_dto()
        if course is not None:
            self.close_course.emit(course)

    def _document(self, kind: str) -> None:
        course = self.selected_course_dto()
        if course is not None:
            self.course_document.emit(kind, course.id)

    def _book(self) -> None:
        course = self.selected_course_dto()
        if course is not None and course.status == "open":
            self.book_visits.emit(course.id)

    def _new_session(self) -> None:
        self.new_session.emit(self.selected_course())


FIT_ROWS = 25
"""How many rows the columns are fitted to: the first ones (about a screen's worth, those
in view when the rows are replaced)."""


class _Fit:
    """Fits a table's columns to the texts of its first rows and to their titles, once
    each time the rows are replaced: each text measured with the table's font metrics
    (taken once), not through the item delegate, which asks the model for every role
    of every cell it measures and builds a style option for each.

    A column in ``every_row`` (column → the value its text is written from) takes few
    texts, from a catalog: it is fitted to the widest text of every row, each distinct
    value written and measured once (a long course's older sessions may use a modality
    whose name is longer than any of the first rows')."""

    def __init__(
        self,
        table: QTableView,
        model: ShownRowsModel[Any],
        every_row: Mapping[int, Callable[[Any], Hashable]] | None = None,
    ) -> None:
        self.table, self.model = table, model
        self.every_row = dict(every_row or {})
        self.metrics: QFontMetrics | None = None
        self.margin = 0

    def __call__(self) -> None:
        table, model = self.table, self.model
        if self.metrics is None:
            self.metrics = table.fontMetrics()
            focus = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
            self.margin = 2 * (focus + 1)  # the item delegate's text margins
        advance = self.metrics.horizontalAdvance
        header = table.horizontalHeader()
        rows = min(model.rowCount(), FIT_ROWS)
        last = model.columnCount() - 1
        for column in range(last + 1):
            if column == last and header.stretchLastSection():
                continue  # it takes the room left
            key = self.every_row.get(column)
            if key is None:
                texts: Iterable[str] = (model.data(model.index(row, column)) for row in range(rows))
            else:
                texts = model.distinct_texts(column, key)
            widest = max((advance(text) for text in texts if text), default=0)
            header.resizeSection(column, max(widest + self.margin, header.sectionSizeHint(column)))


def _table(
    model: ShownRowsModel[Any], every_row: Mapping[int, Callable[[Any], Hashable]] | None = None
) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    # columns fitted when the rows are replaced, to the first rows, not to every row of a
    # long course, and not measured again on every layout
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    model.modelReset.connect(_Fit(table, model, every_row))
    return table


def _bar(title: str, *buttons: QWidget) -> QHBoxLayout:
    bar = QHBoxLayout()
    bar.addWidget(QLabel(title))
    bar.addStretch(1)
    for button in buttons:
        bar.addWidget(button)
    return bar
