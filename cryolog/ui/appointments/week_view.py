"""The week view: the calendar grid with its week navigation; moves and bookings made on
the grid are checked and written on the worker, and refusals are said in plain words."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from cryolog.domain.booking.errors import ReasonNeeded
from cryolog.domain.booking.week import PracticeWeek
from cryolog.services import Services
from cryolog.services.appointments_dto import AppointmentDTO, BookingRequest
from cryolog.ui.appointments import common
from cryolog.ui.appointments.week_grid import WeekGrid
from cryolog.ui.errors import show_error
from cryolog.ui.tasks import TaskRunner


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class WeekView(QWidget):
    loaded = Signal()
    changed = Signal()  # an appointment was booked or moved

    def __init__(
        self, services: Services, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.monday = monday_of(date.today())
        self.booking: tuple[int, int | None] | None = None  # patient, course
        self.grid = WeekGrid()
        self.grid.setObjectName("weekGrid")
        self.grid.move_requested.connect(self.move_appointment)
        self.grid.book_requested.connect(self.book_slot)
        self.grid.selection_changed.connect(self._selected)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid)
        self.title = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        nav = QHBoxLayout()
        for text, step in (("◀ Week", -7), ("This week", 0), ("Week ▶", 7)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=step: self.go(s))
            nav.addWidget(button)
        nav.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)

    def go(self, days: int) -> None:
        self.monday = monday_of(date.today()) if days == 0 else self.monday + timedelta(days=days)
        self.refresh()

    def show_week_of(self, day: date) -> None:
        self.monday = monday_of(day)
        self.refresh()

    def set_booking_patient(
        self, patient_id: int | None, course_id: int | None = None, label: str = ""
    ) -> None:
        """Clicking a free slot books it for this patient (None: clicking only selects)."""
        self.booking = None if patient_id is None else (patient_id, course_id)
        self.grid.booking_enabled = patient_id is not None
        if patient_id is not None:
            self.message.setText(
                self.tr("Click a free slot to book a visit for {0}.").format(label or "the patient")
            )

    def refresh(self) -> None:
        services, monday = self.services, self.monday

        def work() -> tuple[PracticeWeek, list[AppointmentDTO]]:
            week = services.week.week()
            return week, services.appointments.between(monday, monday + timedelta(days=6))

        self.runner.submit("week_view", work, self._arrived, self._failed, owner=self)

    def _arrived(self, result: tuple[PracticeWeek, list[AppointmentDTO]]) -> None:
        week, items = result
        self.grid.set_data(week, self.monday, items)
        end = self.monday + timedelta(days=6)
        booked = sum(1 for a in items if a.holds_place)
        self.title.setText(
            self.tr("<b>{0:%d.%m}–{1:%d.%m.%Y}</b> · {2} booked").format(self.monday, end, booked)
        )
        self.loaded.emit()

    def _selected(self, a: AppointmentDTO | None) -> None:
        if a is not None:
            end = a.start + timedelta(minutes=a.length_min)
            self.message.setText(
                self.tr("{0}: {1:%a %d.%m %H:%M}–{2:%H:%M}, {3} ({4})").format(
                    a.patient_name, a.start, end, a.resource_name, a.status.replace("_", " ")
                )
            )

    def move_appointment(
        self, appointment_id: int, start: datetime, resource_id: int, reason: str = ""
    ) -> None:
        service = self.services.appointments
        version = next((a.version for a in self.grid.appointments if a.id == appointment_id), None)

        def failed(exc: BaseException, details: str) -> None:
            if isinstance(exc, ReasonNeeded) and not reason:
                given = common.ask_reason(self, exc.findings)
                if given:
                    self.move_appointment(appointment_id, start, resource_id, given)
                    return
            self._failed(exc, details)

        self.runner.submit(
            "week_write",
            lambda: service.move(appointment_id, start, resource_id, reason, version),
            self._written,
            failed,
            owner=self,
        )

    def book_slot(self, resource_id: int, start: datetime, reason: str = "") -> None:
        if self.booking is None:
            return
        service = self.services.appointments
        request = BookingRequest(self.booking[0], resource_id, start, self.booking[1])

        def failed(exc: BaseException, details: str) -> None:
            if isinstance(exc, ReasonNeeded) and not reason:
                given = common.ask_reason(self, exc.findings)
                if given:
                    self.book_slot(resource_id, start, given)
                    return
            self._failed(exc, details)

        self.runner.submit(
            "week_write", lambda: service.book(request, reason), self._written, failed, owner=self
        )

    def _written(self, a: AppointmentDTO) -> None:
        self.message.setText(
            self.tr("{0}: booked for {1:%a %d.%m %H:%M}, {2}.").format(
                a.patient_name, a.start, a.resource_name
            )
        )
        self.changed.emit()
        self.refresh()

    def _failed(self, exc: BaseException, details: str) -> None:
        text = common.problem_text(exc)
        if text is None:
            show_error(self, self.tr("The appointment was not changed"), exc, details)
            return
        self.message.setText(text)
        self.grid.pending = None
        self.grid.update()
