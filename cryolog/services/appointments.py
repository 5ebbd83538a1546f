"""Book, move, cancel and mark appointments; propose the rest of a course.

Each use case is one unit of work: the calendar is locked first (``lock_calendar``), the
booking rules are checked on what the database holds, then the appointment and the places
it holds are written with an audit row. Refusals raise ``BookingRefused``; warnings raise
``ReasonNeeded`` until the practitioner gives a reason (``domain.reasons``), which is kept
with the appointment and in the audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from cryolog.db.models import Appointment, Course
from cryolog.domain.booking.bookings import AppointmentStatus, DayBookings
from cryolog.domain.booking.checks import (
    BookingFinding,
    Level,
    Proposed,
    calendar_findings,
    course_findings,
    place_findings,
    refusals,
)
from cryolog.domain.booking.errors import BookingRefused, ReasonNeeded
from cryolog.domain.booking.stored import to_columns
from cryolog.domain.booking.week import PracticeWeek, Resource
from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.enums import CourseStatus
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.messages import Message, Ref
from cryolog.domain.reasons import check_reason
from cryolog.services import audit
from cryolog.services.appointments_dto import (
    AppointmentDTO,
    BookingRequest,
    DayPlan,
    ProposalDTO,
)
from cryolog.services.appointments_plan import (
    DUE_PAGE,
    day_plan,
    due_unbooked,
    propose_for_course,
)
from cryolog.services.appointments_query import appointment_dtos
from cryolog.services.appointments_rules import (
    course_context,
    course_modality,
    held_bookings,
    sessions_without_booking,
    validity_findings,
)
from cryolog.services.appointments_seats import hold, lock_calendar, release
from cryolog.services.appointments_week import load_week
from cryolog.services.appointments_zone import now_local, practice_zone, to_local, to_utc
from cryolog.services.base import Service
from cryolog.services.safety import load_thresholds
from cryolog.services.today import DuePage, TodayService


@dataclass(frozen=True)
class _Checked:
    """A booking request with everything the rules found about it."""

    request: BookingRequest
    resource: Resource
    course: Course | None
    modality: str | None
    general: bool
    findings: tuple[BookingFinding, ...]


def _snapshot(row: Appointment) -> dict[str, Any]:
    return audit.snapshot(row)


def keep_warnings(row: Appointment, findings: Sequence[BookingFinding], accepted: str) -> None:
    """The warnings the booking was made despite, as shown and keyed, and the reason."""
    kept = to_columns(findings)
    row.warnings, row.warnings_said, row.warnings_language = kept.text, kept.said, kept.language
    row.warning_reason = accepted


class AppointmentService(Service):
    # --- reading -------------------------------------------------------------------------

    def appointment(self, appointment_id: int) -> AppointmentDTO:
        with self.read() as s:
            zone = practice_zone(s)
            found = appointment_dtos(s, zone, select_ids=[appointment_id])
            if not found:
                raise InvalidInput([FieldError("appointment", said("no_appointment"))])
            return found[0]

    def between(
        self, first: date, last: date, *, patient_id: int | None = None
    ) -> list[AppointmentDTO]:
        """Appointments on the days ``first`` … ``last`` (every status), in time order."""
        with self.read() as s:
            return appointment_dtos(
                s, practice_zone(s), first=first, last=last, patient_id=patient_id
            )

    def future(
        self, *, patient_id: int | None = None, course_id: int | None = None
    ) -> list[AppointmentDTO]:
        """Booked appointments from now on of a patient or a course."""
        with self.read() as s:
            zone = practice_zone(s)
            return [
                a
                for a in appointment_dtos(
                    s,
                    zone,
                    first=now_local(zone).date(),
                    patient_id=patient_id,
                    course_id=course_id,
                )
                if a.status == AppointmentStatus.BOOKED.value and a.start >= now_local(zone)
            ]

    def propose_rest(
        self, course_id: int, count: int | None = None, resource_id: int | None = None
    ) -> ProposalDTO:
        """Dates and times for the course's remaining visits (nothing is written)."""
        with self.read() as s:
            return propose_for_course(s, course_id, count, resource_id)

    def day_plan(self, day: date, due_limit: int | None = DUE_PAGE) -> DayPlan:
        """The day plan with the first ``due_limit`` due courses (None: all of them)."""
        with self.read() as s:
            return day_plan(s, TodayService(self.db, self.actor, s), day, due_limit)

    def due_unbooked(self, day: date, offset: int, limit: int = DUE_PAGE) -> DuePage:
        """More of the day plan's due list (``limit`` courses from ``offset`` on)."""
        with self.read() as s:
            return due_unbooked(s, TodayService(self.db, self.actor, s), day, offset, limit)

    def check(
        self,
        request: BookingRequest,
        moving: int | None = None,
        planned: Sequence[BookingRequest] = (),
    ) -> list[BookingFinding]:
        """What the rules say about a booking, without writing anything; ``planned`` are the
        other visits about to be booked with it (their days count for the course rules)."""
        with self.read() as s:
            extra = tuple(p.start.date() for p in planned if p.course_id == request.course_id)
            return list(self._check(s, request, moving, extra).findings)

    # --- writing -------------------------------------------------------------------------

    def book(self, request: BookingRequest, reason: str = "") -> AppointmentDTO:
        return self.book_many([request], reason)[0]

    def book_many(
        self, requests: Sequence[BookingRequest], reason: str = ""
    ) -> list[AppointmentDTO]:
        """Book several visits (a confirmed proposal) together, or none of them."""
        if not requests:
            raise InvalidInput([FieldError("visits", said("choose_visit"))])
        with self.write() as s:
            lock_calendar(s)
            zone = practice_zone(s)
            rows: list[Appointment] = []
            found: list[BookingFinding] = []
            last: _Checked | None = None
            for request in sorted(requests, key=lambda r: r.start):
                last = self._check(s, request, None)
                found += last.findings
                if not refusals(last.findings):
                    rows.append(self._insert(s, last, zone))
            assert last is not None
            found += validity_findings(
                s, last.request.patient_id, last.modality, last.request.start, now_local(zone)
            )
            accepted = self._accept(found, reason)
            for row in rows:
                keep_warnings(row, found, accepted)
                audit.write(
                    s,
                    self.actor,
                    "book",
                    "appointment",
                    row.id,
                    row.patient_id,
                    reason=accepted or None,
                )
            s.flush()
            return appointment_dtos(s, zone, select_ids=[r.id for r in rows])

    def move(
        self,
        appointment_id: int,
        start: datetime,
        resource_id: int | None = None,
        reason: str = "",
        expected_version: int | None = None,
    ) -> AppointmentDTO:
        """Move a booked appointment to another slot (and resource); the rules are re-checked."""
        with self.write() as s:
            lock_calendar(s)
            row = self._booked(s, appointment_id, expected_version)
            zone = practice_zone(s)
            request = BookingRequest(
                row.patient_id, resource_id or row.resource_id, start, row.course_id
            )
            checked = self._check(s, request, row.id)
            found = [*checked.findings]
            found += validity_findings(s, row.patient_id, checked.modality, start, now_local(zone))
            accepted = self._accept(found, reason)
            before = _snapshot(row)
            release(s, row)
            self._fill(row, checked, zone)
            keep_warnings(row, found, accepted)
            s.flush()
            hold(s, row, checked.resource.capacity, load_week(s).staff)
            audit.write(
                s,
                self.actor,
                "move",
                "appointment",
                row.id,
                row.patient_id,
                before,
                reason=accepted or None,
            )
            return appointment_dtos(s, zone, select_ids=[row.id])[0]

    def cancel(
        self, appointment_id: int, reason: str, expected_version: int | None = None
    ) -> AppointmentDTO:
        text = check_reason(reason)
        with self.write() as s:
            row = self._booked(s, appointment_id, expected_version)
            self._end(s, row, AppointmentStatus.CANCELLED, text)
            return appointment_dtos(s, practice_zone(s), select_ids=[row.id])[0]

    def no_show(self, appointment_id: int, expected_version: int | None = None) -> AppointmentDTO:
        """The patient did not come: the place is freed; the rest may be proposed again."""
        with self.write() as s:
            row = self._booked(s, appointment_id, expected_version)
            zone = practice_zone(s)
            if to_local(row.starts_at, zone) > now_local(zone):
                raise InvalidInput([FieldError("status", said("appointment_not_begun"))])
            self._end(s, row, AppointmentStatus.NO_SHOW, "")
            return appointment_dtos(s, zone, select_ids=[row.id])[0]

    def cancel_future(
        self, reason: str, *, patient_id: int | None = None, course_id: int | None = None
    ) -> int:
        """Cancel every booked appointment from now on of a patient or a course."""
        text = check_reason(reason)
        if patient_id is None and course_id is None:
            raise InvalidInput([FieldError("", said("patient_or_course"))])
        with self.write() as s:
            zone = practice_zone(s)
            stmt = select(Appointment).where(
                Appointment.status == AppointmentStatus.BOOKED.value,
                Appointment.starts_at >= to_utc(now_local(zone), zone),
            )
            if patient_id is not None:
                stmt = stmt.where(Appointment.patient_id == patient_id)
            if course_id is not None:
                stmt = stmt.where(Appointment.course_id == course_id)
            rows = list(s.scalars(stmt))
            for row in rows:
                self._end(s, row, AppointmentStatus.CANCELLED, text)
            return len(rows)

    # --- helpers -------------------------------------------------------------------------

    def _booked(self, s: Session, appointment_id: int, expected: int | None) -> Appointment:
        row = s.get(Appointment, appointment_id)
        if row is None:
            raise InvalidInput([FieldError("appointment", said("no_appointment"))])
        self.check_version(row, expected)
        if row.status != AppointmentStatus.BOOKED.value:
            raise InvalidInput(
                [
                    FieldError(
                        "status", said("appointment_status", status=row.status.replace("_", " "))
                    )
                ]
            )
        return row

    def _end(self, s: Session, row: Appointment, status: AppointmentStatus, reason: str) -> None:
        before = _snapshot(row)
        release(s, row)
        row.status, row.cancel_reason = status.value, reason
        s.flush()
        action = "cancel" if status is AppointmentStatus.CANCELLED else "no_show"
        audit.write(
            s,
            self.actor,
            action,
            "appointment",
            row.id,
            row.patient_id,
            before,
            reason=reason or None,
        )

    @staticmethod
    def _accept(found: Sequence[BookingFinding], reason: str) -> str:
        stops = refusals(found)
        if stops:
            raise BookingRefused(stops)
        if not found:
            return ""
        if not reason.strip():
            raise ReasonNeeded(found)
        return check_reason(reason)

    def _check(
        self,
        s: Session,
        request: BookingRequest,
        moving: int | None,
        extra_days: tuple[date, ...] = (),
    ) -> _Checked:
        week, zone = load_week(s), practice_zone(s)
        resource = week.resource(request.resource_id)
        if resource is None:
            raise InvalidInput([FieldError("resource", said("no_resource"))])
        self.live_patient(s, request.patient_id)
        course = self._course(s, request)
        modality = course_modality(course, resource)
        if course is not None and modality is None:
            raise BookingRefused([_no_modality(resource)])
        general = (
            (MODALITIES[modality].group is ModalityGroup.GENERAL) if modality else resource.general
        )
        proposed = Proposed(
            request.patient_id,
            resource,
            request.start.replace(second=0, microsecond=0),
            resource.session_min,
            moving,
        )
        found = calendar_findings(week, proposed, now_local(zone))
        if not found:
            found = self._place(s, week, proposed, zone, general)
        if course is not None and not refusals(found):
            context = course_context(s, course, moving)
            context = replace(context, taken=tuple(sorted(context.taken + extra_days)))
            found += course_findings(context, proposed.day)
        return _Checked(
            replace(request, start=proposed.start),
            resource,
            course,
            modality,
            general,
            tuple(found),
        )

    @staticmethod
    def _place(
        s: Session, week: PracticeWeek, proposed: Proposed, zone: ZoneInfo, general: bool
    ) -> list[BookingFinding]:
        day = proposed.day
        bookings = held_bookings(s, zone, day, day, exclude=proposed.id)
        stop = int(load_thresholds(s)["daily_general_stop_others"])
        today = sessions_without_booking(s, proposed.patient_id, day) if general else 0
        return place_findings(
            week,
            proposed,
            DayBookings(tuple(bookings)),
            stop_others=stop,
            general=general,
            sessions_today=today,
        )

    @staticmethod
    def _course(s: Session, request: BookingRequest) -> Course | None:
        if request.course_id is None:
            return None
        course = s.get(Course, request.course_id)
        if course is None or course.patient_id != request.patient_id:
            raise InvalidInput([FieldError("course", said("not_patient_course"))])
        if course.status != CourseStatus.OPEN.value or course.archived_at is not None:
            raise InvalidInput([FieldError("course", said("course_closed"))])
        return course

    def _insert(self, s: Session, checked: _Checked, zone: ZoneInfo) -> Appointment:
        row = Appointment(
            patient_id=checked.request.patient_id,
            status=AppointmentStatus.BOOKED.value,
            warnings_said=None,  # set with the insert, so keeping no warnings is no update
            warnings_language=None,
        )
        self._fill(row, checked, zone)
        s.add(row)
        s.flush()
        hold(s, row, checked.resource.capacity, load_week(s).staff)
        return row

    @staticmethod
    def _fill(row: Appointment, checked: _Checked, zone: ZoneInfo) -> None:
        start = checked.request.start
        row.course_id = checked.request.course_id
        row.resource_id = checked.resource.id
        row.modality, row.general = checked.modality, checked.general
        row.starts_at = to_utc(start, zone)
        row.local_day = start.date()
        row.length_min = checked.resource.session_min
        row.turnaround_min = checked.resource.turnaround_min


def _no_modality(resource: Resource) -> BookingFinding:
    offered = tuple(Ref("modality", m) for m in resource.modalities)
    return BookingFinding(
        "modality",
        Level.REFUSAL,
        Message("booking.no_modality", resource=resource.name, offered=offered),
    )
