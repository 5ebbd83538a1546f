"""Plain results of the appointment use cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from cryolog.domain.booking.checks import BookingFinding
from cryolog.domain.booking.stored import StoredWarnings, shown_now
from cryolog.domain.booking.week import Resource
from cryolog.services.dto import DueCourse, TodaySession


@dataclass(frozen=True, slots=True)
class AppointmentDTO:
    """One appointment; ``start`` is the practice's wall-clock time, ``starts_at`` UTC."""

    id: int
    version: int
    patient_id: int
    patient_name: str
    patient_phone: str
    course_id: int | None
    protocol_label: str
    resource_id: int
    resource_name: str
    modality: str | None
    start: datetime
    starts_at: datetime
    length_min: int
    status: str
    cancel_reason: str
    session_id: int | None
    warnings: str  # the text shown when it was booked (see ``kept``)
    kept: StoredWarnings | None = None
    warning_reason: str = ""

    @property
    def warnings_now(self) -> str:
        """The warnings it was booked despite, in today's language ('rule: sentence' a
        line); an appointment booked before keyed messages shows its saved text."""
        return self.warnings if self.kept is None else shown_now(self.kept)

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def holds_place(self) -> bool:
        return self.status in ("booked", "attended")


@dataclass(frozen=True, slots=True)
class BookingRequest:
    """What the practitioner asks for: ``start`` in the practice's wall-clock time."""

    patient_id: int
    resource_id: int
    start: datetime
    course_id: int | None = None


@dataclass(frozen=True, slots=True)
class ProposedVisitDTO:
    resource_id: int
    resource_name: str
    start: datetime
    length_min: int
    outside_preferences: bool


@dataclass(frozen=True, slots=True)
class ProposalDTO:
    """Visits proposed for a course; ``wanted`` how many were asked for."""

    course_id: int
    patient_id: int
    wanted: int
    visits: tuple[ProposedVisitDTO, ...]
    asks_count: bool  # the protocol sets no number: the practitioner says how many
    findings: tuple[BookingFinding, ...] = ()  # warnings (validity of the pre-checks)

    @property
    def complete(self) -> bool:
        return len(self.visits) == self.wanted


@dataclass(frozen=True, slots=True)
class ResourcePlan:
    resource: Resource
    appointments: tuple[AppointmentDTO, ...]


@dataclass(frozen=True, slots=True)
class DayPlan:
    """The day: appointments per resource in time order, who is due but not booked, and
    the sessions not signed yet (drafts, running or completed, up to the day)."""

    day: date
    open_label: str
    resources: tuple[ResourcePlan, ...]
    due_unbooked: tuple[DueCourse, ...]
    drafts: tuple[TodaySession, ...] = field(default_factory=tuple)
    due_total: int | None = None
    """How many are due but not booked, when ``due_unbooked`` is only the list's first
    page (None: it is the whole list)."""

    @property
    def due_count(self) -> int:
        return len(self.due_unbooked) if self.due_total is None else self.due_total

    @property
    def appointments(self) -> tuple[AppointmentDTO, ...]:
        return tuple(a for plan in self.resources for a in plan.appointments)
