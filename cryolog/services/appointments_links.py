"""Where appointments meet the rest of the record: a recorded session marks the booking of
its day attended, and the printed documents list the patient's booked visits."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from cryolog.db.models import Appointment
from cryolog.domain.booking.bookings import AppointmentStatus
from cryolog.services import audit
from cryolog.services.appointments_dto import AppointmentDTO
from cryolog.services.appointments_query import appointment_dtos
from cryolog.services.appointments_zone import now_local, practice_zone

_A = Appointment.__table__.c
_BOOKED = (
    select(_A.id)
    .where(
        _A.patient_id == bindparam("patient"),
        _A.local_day == bindparam("day"),
        _A.status == AppointmentStatus.BOOKED.value,
        _A.session_id.is_(None),
    )
    .limit(1)
)
"""Is anything booked for the patient on the day and not linked yet (made once)."""


def _snapshot(row: Appointment) -> dict[str, Any]:
    return audit.snapshot(row)


class RecordedSession(Protocol):
    """What the booking link reads of a session (its mapped object, or one just inserted)."""

    @property
    def id(self) -> int: ...
    @property
    def patient_id(self) -> int: ...
    @property
    def course_id(self) -> int | None: ...
    @property
    def session_date(self) -> date: ...
    @property
    def started_at(self) -> datetime: ...


def mark_attended_for_session(
    session: Session, row: RecordedSession, actor: str, *, new: bool = False
) -> int | None:
    """Called inside the unit of work that records ``row``: the patient's booked appointment
    on the session's day (same course first, nearest in time) becomes attended, linked to
    the session. Returns its id, or None when nothing was booked that day. Once linked, a
    later call (the session goes on to be signed) changes nothing and returns the same id.
    ``new``: ``row`` was inserted in this unit of work, so nothing links to it yet."""
    if not new:
        linked = session.scalar(select(Appointment.id).where(Appointment.session_id == row.id))
        if linked is not None:
            return int(linked)
    session.flush()
    day = {"patient": row.patient_id, "day": row.session_date}
    if session.connection().execute(_BOOKED, day).first() is None:
        return None  # most sessions have no booking: no appointment is loaded
    candidates = list(
        session.scalars(
            select(Appointment).where(
                Appointment.patient_id == row.patient_id,
                Appointment.local_day == row.session_date,
                Appointment.status == AppointmentStatus.BOOKED.value,
                Appointment.session_id.is_(None),
            )
        )
    )
    if not candidates:
        return None
    started = row.started_at

    def rank(a: Appointment) -> tuple[bool, float]:
        return (a.course_id != row.course_id, abs((a.starts_at - started).total_seconds()))

    chosen = min(candidates, key=rank)
    before = _snapshot(chosen)
    chosen.status, chosen.session_id = AppointmentStatus.ATTENDED.value, row.id
    session.flush()
    audit.write(
        session,
        actor,
        "attend",
        "appointment",
        chosen.id,
        chosen.patient_id,
        before,
    )
    return chosen.id


def visits_for_patient(session: Session, patient_id: int, days: int = 366) -> list[AppointmentDTO]:
    """The patient's booked visits from now on, in time order (for the handout and card)."""
    zone = practice_zone(session)
    now = now_local(zone)
    found = appointment_dtos(
        session,
        zone,
        first=now.date(),
        last=now.date() + timedelta(days=days),
        patient_id=patient_id,
    )
    return [a for a in found if a.status == AppointmentStatus.BOOKED.value and a.start >= now]
