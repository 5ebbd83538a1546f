"""What the booking rules need, read from the database: the held bookings, the course's
taken days and break, the patient's recorded sessions, and the validity of the pre-checks
on a visit's day (through the rule engine's own probe, as the patient header's alerts)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from cryolog.db.audit_plain import stored_instant
from cryolog.db.database import as_date
from cryolog.db.models import Appointment, Course, Patient, TreatmentSession
from cryolog.domain.booking.bookings import AppointmentStatus, Booking
from cryolog.domain.booking.checks import BookingFinding, CourseContext, Level, weekday
from cryolog.domain.booking.week import Resource
from cryolog.domain.catalog import MODALITIES, ModalityGroup, protocol
from cryolog.domain.messages import Message
from cryolog.domain.rules import evaluate
from cryolog.services.alerts import probe_case
from cryolog.services.appointments_zone import to_local

HELD = (AppointmentStatus.BOOKED.value, AppointmentStatus.ATTENDED.value)
VALIDITY_RULES = {
    "screening_missing": "screening_expires",
    "clearance_missing": "clearance_expires",
    "cold_test_missing": "cold_test_expires",
}
GENERAL_MODALITIES = tuple(m.id for m in MODALITIES.values() if m.group is ModalityGroup.GENERAL)


_HELD_SQL = (
    "SELECT id, patient_id, resource_id, starts_at, length_min, turnaround_min, course_id,"
    " general, local_day FROM appointment WHERE local_day >= :first AND local_day <= :last"
    " AND status IN ('booked', 'attended')"
)


def held_bookings(
    session: Session, zone: ZoneInfo, first: date, last: date, exclude: int | None = None
) -> list[Booking]:
    """Every appointment holding a place on the days ``first`` … ``last``.

    Read as plain rows (the proposer reads thousands): UTC times become wall-clock times
    by the day's offset, exactly where the clocks change during the day."""
    rows = session.execute(text(_HELD_SQL), {"first": first, "last": last})
    offsets: dict[date, timedelta | None] = {}
    found = []
    for i, p, r, s, n, t, c, g, d in rows:
        if i == exclude:
            continue
        utc = _utc(s)
        day = as_date(d)
        if day not in offsets:
            offsets[day] = _day_offset(zone, day)
        offset = offsets[day]
        local = utc + offset if offset is not None else to_local(utc.replace(tzinfo=UTC), zone)
        found.append(Booking(i, p, r, local, n, t, c, bool(g)))
    return found


def _utc(value: object) -> datetime:
    """A stored UTC time as a naive datetime (SQLite gives its integer, servers a datetime)."""
    return stored_instant(value).replace(tzinfo=None)


def _day_offset(zone: ZoneInfo, day: date) -> timedelta | None:
    """The zone's offset all day long, or None on a day the clocks change."""
    start = zone.utcoffset(datetime.combine(day, time(0, 0)))
    end = zone.utcoffset(datetime.combine(day, time(23, 59)))
    return start if start == end else None


def course_modality(course: Course | None, resource: Resource) -> str | None:
    """The session's modality: the protocol's that the resource offers, else the resource's
    only one; None when it cannot be told (a custom course on a versatile resource)."""
    if course is not None:
        wanted = protocol(course.protocol_id).modalities
        found = next((m for m in wanted if m in resource.modalities), None)
        if found is not None or wanted:
            return found
    return resource.modalities[0] if len(resource.modalities) == 1 else None


def course_context(session: Session, course: Course, exclude: int | None = None) -> CourseContext:
    proto = protocol(course.protocol_id)
    done = session.scalars(
        select(TreatmentSession.session_date).where(
            TreatmentSession.course_id == course.id, TreatmentSession.archived_at.is_(None)
        )
    ).all()
    stmt = select(Appointment.local_day).where(
        Appointment.course_id == course.id,
        Appointment.status == AppointmentStatus.BOOKED.value,
    )
    if exclude is not None:
        stmt = stmt.where(Appointment.id != exclude)
    booked = session.scalars(stmt).all()
    return CourseContext(
        proto,
        tuple(sorted([*done, *booked])),
        course.planned_sessions,
        _not_before(session, course),
    )


def _not_before(session: Session, course: Course) -> date | None:
    """The end of the break after the previous ended course of the same protocol."""
    breaks = protocol(course.protocol_id).break_days
    if not breaks:
        return None
    ended = session.scalars(
        select(Course.ended_on).where(
            Course.patient_id == course.patient_id,
            Course.protocol_id == course.protocol_id,
            Course.id != course.id,
            Course.archived_at.is_(None),
            Course.ended_on.is_not(None),
            Course.started_on <= course.started_on,
        )
    ).all()
    last = max((d for d in ended if d is not None), default=None)
    return None if last is None else last + timedelta(days=breaks)


def sessions_without_booking(session: Session, patient_id: int, day: date) -> int:
    """Whole-body sessions of the patient recorded on ``day`` that no appointment stands for."""
    linked = select(Appointment.session_id).where(Appointment.session_id.is_not(None))
    return len(
        session.scalars(
            select(TreatmentSession.id).where(
                TreatmentSession.patient_id == patient_id,
                TreatmentSession.session_date == day,
                TreatmentSession.archived_at.is_(None),
                TreatmentSession.modality.in_(GENERAL_MODALITIES),
                TreatmentSession.id.not_in(linked),
            )
        ).all()
    )


def validity_findings(
    session: Session, patient_id: int, modality: str | None, last: datetime, now: datetime
) -> list[BookingFinding]:
    """Warnings for pre-checks valid now that will have run out by ``last`` (a visit)."""
    if modality is None or last.date() <= now.date():
        return []
    patient = session.get(Patient, patient_id)
    if patient is None:
        return []
    today = {f.rule for f in evaluate(probe_case(session, patient, modality, now))}
    later = evaluate(
        probe_case(session, patient, modality, datetime.combine(last.date(), time(12)))
    )
    return [
        BookingFinding(
            VALIDITY_RULES[f.rule],
            Level.WARNING,
            Message("booking.runs_out", weekday=weekday(last.date()), day=last.date(), said=f.text),
        )
        for f in later
        if f.rule in VALIDITY_RULES and f.rule not in today
    ]
