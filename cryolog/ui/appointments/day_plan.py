"""The day plan, the window's Today tab: each resource's appointments in time order, then
who is due or overdue but not booked, then the sessions not signed yet (drafts, running or
completed, of this day or earlier).

The plan is read on the ``reads`` lane (the window's background lane), cancelling or
marking a no-show are saves on the ``runner`` lane (ui/ops.py). "Start session" emits
``start_requested`` with the patient, the course (or None) and the resource: the window
opens the record's session panel with them; a session not signed yet emits
``open_session`` to go on with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cryolog.db.files import write_private_bytes
from cryolog.domain import locale as loc
from cryolog.domain.messages import Message
from cryolog.domain.session_state import SessionState
from cryolog.services import Services
from cryolog.services.appointments_dto import AppointmentDTO, DayPlan
from cryolog.services.dto import DueCourse, TodaySession
from cryolog.ui.appointments.common import ask_cancel_reason, problem_text
from cryolog.ui.changes import Change
from cryolog.ui.errors import show_error
from cryolog.ui.read_only import disable_for
from cryolog.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from cryolog.services.today import DuePage

ROLE = Qt.ItemDataRole.UserRole
STATUS_TEXT = {
    "booked": "booked",
    "attended": "attended ✓",
    "cancelled": "cancelled",
    "no_show": "did not come",
}


def choose_pdf_path(parent: QWidget, suggested: str) -> str:
    """Where to save the printed plan ('' when the practitioner declines)."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("day_plan", "Save the day plan"),
        suggested,
        QCoreApplication.translate("day_plan", "PDF (*.pdf)"),
    )
    return path


def _due_text(due: DueCourse) -> str:
    when = (
        QCoreApplication.translate("day_plan", "overdue by {0}").format(
            Message("unit.days", n=due.days_late).render(loc.window_locale())
        )
        if due.overdue
        else QCoreApplication.translate("day_plan", "due")
    )
    done = (
        QCoreApplication.translate("day_plan", "{0} of {1} done").format(
            due.sessions_done, due.sessions_planned
        )
        if due.sessions_planned
        else QCoreApplication.translate("day_plan", "{0} done").format(due.sessions_done)
    )
    return f"{due.patient_name} — {due.protocol_label}, {done}, {when}"


def draft_text(s: TodaySession) -> str:
    """'28.11 10:15 — Иванова Мария — Whole-body chamber — draft'."""
    when = s.started_at.astimezone().strftime("%d.%m %H:%M")
    return f"{when} — {s.patient_name} — {s.modality_label} — {SessionState(s.state).label}"


class DayPlanView(QWidget):
    start_requested = Signal(int, object, int)  # patient id, course id or None, resource id
    open_session = Signal(int, int)  # patient id, session id of a session not signed yet
    open_patient = Signal(int)
    book_course = Signal(int, int)  # patient id, course id
    repropose = Signal(int, int)  # after a no-show: patient id, course id
    loaded = Signal()
    due_page = 200  # due courses read at a time (services.appointments_plan.DUE_PAGE)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        reads: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.reads = reads or runner
        self.read_only = ""  # why nothing can be written ('' when it can)
        self.plan: DayPlan | None = None
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd d MMMM yyyy")
        self.day.dateChanged.connect(lambda _: self.refresh())
        self.heading = QLabel()
        self.tree = QTreeWidget()
        self.tree.setObjectName("dayPlanAppointments")
        self.tree.setHeaderLabels(
            [self.tr("Time"), self.tr("Patient"), self.tr("Course"), self.tr("Status")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemSelectionChanged.connect(self._selection)
        self.tree.itemActivated.connect(lambda *_: self.start())
        self.due = QListWidget()
        self.due.setObjectName("dayPlanDue")
        self.due.itemActivated.connect(
            lambda item: self.open_patient.emit(item.data(ROLE).patient_id)
        )
        self._more_asked = False  # the next page of the due list is being read
        self.due.verticalScrollBar().valueChanged.connect(lambda _: self._more_due())
        self.drafts = QListWidget()
        self.drafts.setObjectName("dayPlanDrafts")
        self.drafts.itemActivated.connect(self._go_on)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.start_button = self._button(self.tr("Start session"), self.start)
        self.open_button = self._button(self.tr("Open patient"), self._open)
        self.cancel_button = self._button(self.tr("Cancel…"), self.cancel_selected)
        self.no_show_button = self._button(self.tr("Did not come"), self.no_show_selected)
        self.book_button = self._button(self.tr("Book visits…"), self._book_due)
        self.print_button = self._button(self.tr("Print…"), self.print_plan)
        self.due.itemSelectionChanged.connect(self._selection)
        self._layout()
        self._selection()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        nav = QHBoxLayout()
        for text, step in (("◀", -1), ("Today", 0), ("▶", 1)):
            nav.addWidget(self._button(text, partial(self.go, step)))
        nav.addWidget(self.day)
        nav.addWidget(self.heading, 1)
        nav.addWidget(self.print_button)
        actions = QHBoxLayout()
        for button in (
            self.start_button,
            self.open_button,
            self.no_show_button,
            self.cancel_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(QLabel(self.tr("<b>Appointments</b>")))
        layout.addWidget(self.tree, 5)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        due_bar = QHBoxLayout()
        self.due_label = QLabel(self.tr("<b>Due or overdue, not booked</b>"))
        due_bar.addWidget(self.due_label, 1)
        due_bar.addWidget(self.book_button)
        layout.addLayout(due_bar)
        layout.addWidget(self.due, 2)
        self.due.setMaximumHeight(180)
        self.drafts_label = QLabel(self.tr("<b>Sessions not signed yet</b>"))
        layout.addWidget(self.drafts_label)
        layout.addWidget(self.drafts, 1)
        self.drafts.setMaximumHeight(90)

    # --- loading -------------------------------------------------------------------------

    @property
    def current_day(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def go(self, step: int) -> None:
        day = date.today() if step == 0 else self.current_day + timedelta(days=step)
        self.day.setDate(QDate(day.year, day.month, day.day))  # refreshes

    def refresh(self) -> None:
        service, day = self.services.appointments, self.current_day
        self.reads.submit(
            "day_plan",
            lambda: service.day_plan(day, self.due_page),
            self.show_plan,
            self._failed,
            owner=self,
        )

    def show_plan(self, plan: DayPlan) -> None:
        self.plan = plan
        self._more_asked = False
        self.tree.clear()
        for part in plan.resources:
            res = part.resource
            head = QTreeWidgetItem(
                [
                    res.name,
                    self.tr("{0} at once · {1} + {2} min").format(
                        res.capacity, res.session_min, res.turnaround_min
                    ),
                    "",
                    "",
                ]
            )
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            if not part.appointments:
                self.tree.addTopLevelItem(QTreeWidgetItem(["", "no appointments", "", ""]))
            for a in part.appointments:
                self.tree.addTopLevelItem(self._item(a))
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        self.due.clear()
        self._add_due(plan.due_unbooked)
        self.due_label.setText(
            self.tr("<b>Due or overdue, not booked</b> — {0}").format(plan.due_count)
        )
        self._more_due()
        count = sum(1 for a in plan.appointments if a.holds_place)
        self.heading.setText(self.tr("Open {0} · {1} booked").format(plan.open_label, count))
        self.set_drafts([(draft_text(s), s) for s in plan.drafts])
        self._selection()
        self.loaded.emit()

    def set_drafts(self, items: Sequence[tuple[str, object]]) -> None:
        """The sessions not signed yet: (text, TodaySession) pairs, oldest first."""
        self.drafts.clear()
        for text, data in items:
            item = QListWidgetItem(text)
            item.setData(ROLE, data)
            self.drafts.addItem(item)
        self.drafts_label.setText(
            self.tr("<b>Sessions not signed yet</b> — {0}").format(len(items))
        )
        self.drafts_label.setStyleSheet("color:#8c1d18;" if items else "")

    def resource_name(self, resource_id: int) -> str:
        """The name of a resource of the plan shown ('' when it is not in it)."""
        parts = self.plan.resources if self.plan is not None else ()
        return next((p.resource.name for p in parts if p.resource.id == resource_id), "")

    def _go_on(self, item: QListWidgetItem) -> None:
        found = item.data(ROLE)
        if isinstance(found, TodaySession):
            self.open_session.emit(found.patient_id, found.session_id)

    def set_read_only(self, reason: str) -> None:
        """Browse and print only: no session starts, nothing is cancelled or booked."""
        self.read_only = reason
        self._selection()

    @staticmethod
    def _item(a: AppointmentDTO) -> QTreeWidgetItem:
        end = a.start + timedelta(minutes=a.length_min)
        item = QTreeWidgetItem(
            [
                f"{a.start:%H:%M}–{end:%H:%M}",
                a.patient_name,
                a.protocol_label or "one-off visit",
                STATUS_TEXT.get(a.status, a.status),
            ]
        )
        item.setData(0, ROLE, a)
        said = a.warnings_now
        if said:  # what it was booked despite, in today's language, and why
            tip = said if not a.warning_reason else f"{said}\n\n{a.warning_reason}"
            for column in range(4):
                item.setToolTip(column, tip)
        if not a.holds_place:
            for column in range(4):
                item.setForeground(column, Qt.GlobalColor.gray)
        return item

    # --- actions -------------------------------------------------------------------------

    def selected(self) -> AppointmentDTO | None:
        items = self.tree.selectedItems()
        found = items[0].data(0, ROLE) if items else None
        return found if isinstance(found, AppointmentDTO) else None

    def select(self, appointment_id: int) -> None:
        for n in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(n)
            data = item.data(0, ROLE) if item is not None else None
            if item is not None and isinstance(data, AppointmentDTO) and data.id == appointment_id:
                self.tree.setCurrentItem(item)
                return

    def _selection(self) -> None:
        a = self.selected()
        booked = a is not None and a.status == "booked"
        self.start_button.setEnabled(booked)
        self.open_button.setEnabled(a is not None)
        self.cancel_button.setEnabled(booked)
        self.no_show_button.setEnabled(booked)
        self.book_button.setEnabled(bool(self.due.selectedItems()))
        for button in (
            self.start_button,
            self.cancel_button,
            self.no_show_button,
            self.book_button,
        ):
            disable_for(button, self.read_only)

    def start(self) -> None:
        a = self.selected()
        if a is not None and a.status == "booked" and not self.read_only:
            self.start_requested.emit(a.patient_id, a.course_id, a.resource_id)

    def _open(self) -> None:
        a = self.selected()
        if a is not None:
            self.open_patient.emit(a.patient_id)

    def _book_due(self) -> None:
        items = self.due.selectedItems()
        if items:
            due: DueCourse = items[0].data(ROLE)
            self.book_course.emit(due.patient_id, due.course_id)

    def cancel_selected(self) -> None:
        a = self.selected()
        if a is None:
            return
        reason = ask_cancel_reason(self, f"{a.patient_name}'s visit at {a.start:%H:%M}")
        if reason is None:
            return
        service = self.services.appointments
        self.runner.save(
            lambda: service.cancel(a.id, reason, a.version),
            self._written,
            change=Change.of("appointment", a.patient_id),
            on_error=self._failed,
            owner=self,
        )

    def no_show_selected(self) -> None:
        a = self.selected()
        if a is None:
            return
        service = self.services.appointments

        def done(result: AppointmentDTO) -> None:
            self._written(result)
            if result.course_id is not None:
                self.repropose.emit(result.patient_id, result.course_id)

        self.runner.save(
            lambda: service.no_show(a.id, a.version),
            done,
            change=Change.of("appointment", a.patient_id),
            on_error=self._failed,
            owner=self,
        )

    def _written(self, _: object) -> None:
        self.message.setText("")
        self.refresh()

    def print_plan(self) -> None:
        if self.plan is None:
            return
        path = choose_pdf_path(self, f"day-plan-{self.plan.day.isoformat()}.pdf")
        if not path:
            return
        services, day = self.services, self.plan.day

        def work() -> str:
            from cryolog.reports.day_plan import DayPlanInput, render_day_plan

            plan = services.appointments.day_plan(day, due_limit=None)  # the whole due list
            pdf = render_day_plan(DayPlanInput(services.practice.practice(), plan))
            write_private_bytes(Path(path), pdf, make_folders=False)  # names and times
            return path

        self.runner.submit(
            "day_plan_print",
            work,
            lambda p: self.message.setText(
                QCoreApplication.translate("DayPlanView", "Saved the day plan to {0}.").format(p)
            ),
            self._failed,
            owner=self,
        )

    def _add_due(self, found: Sequence[DueCourse]) -> None:
        for due in found:
            item = QListWidgetItem(_due_text(due))
            item.setData(ROLE, due)
            self.due.addItem(item)

    def _more_due(self) -> None:
        """The due list's rows so far end in sight (scrolled to the end, or too few to
        scroll): read the next page (the plan holds the first one and the list's length)."""
        plan, shown = self.plan, self.due.count()
        if plan is None or self._more_asked or shown >= plan.due_count:
            return
        bar = self.due.verticalScrollBar()
        overflowing = max(self.due.sizeHintForRow(0), 1) * shown > self.due.viewport().height()
        if overflowing and (bar.maximum() == 0 or bar.value() < bar.maximum()):
            return  # rows below still to scroll to (or not laid out yet)
        self._more_asked = True
        service, day, size = self.services.appointments, plan.day, self.due_page

        def more(page: DuePage) -> None:
            if plan is self.plan:  # not a page of a plan shown no more
                self._more_asked = False
                self._add_due(page.items)
                if page.items:
                    self._more_due()

        self.reads.submit(
            "day_plan_due",
            lambda: service.due_unbooked(day, shown, size),
            more,
            self._failed,
            owner=self,
        )

    def _failed(self, exc: BaseException, details: str) -> None:
        text = problem_text(exc)
        if text is None:
            show_error(self, self.tr("The day plan could not be updated"), exc, details)
            return
        self.message.setText(text)
