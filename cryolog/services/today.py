"""What the day plan (the Today tab) reads besides the appointments: who is due a session
by their open courses' schedule, the sessions of a day, and those not signed yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, String, bindparam, select, text

from cryolog.db.course_due import COUNTED as COUNTED
from cryolog.db.database import as_date
from cryolog.db.models import Patient, TreatmentSession
from cryolog.domain.booking.bookings import AppointmentStatus
from cryolog.domain.catalog import MODALITIES, Protocol, protocol
from cryolog.domain.enums import CourseStatus
from cryolog.domain.schedule import overdue_grace_days
from cryolog.domain.session_state import OPEN_STATES
from cryolog.services.base import Service
from cryolog.services.dto import DueCourse, TodaySession

UNSIGNED = [s.value for s in OPEN_STATES]
HELD_STATUSES = [AppointmentStatus.BOOKED.value, AppointmentStatus.ATTENDED.value]
"""A visit in one of these states holds its course's next session (appointments_rules.HELD)."""

_DUE_SQL = f"""
SELECT d.course_id, c.patient_id, c.protocol_id, c.planned_sessions, d.next_due,
       d.sessions_done, p.family_name, p.given_name, p.middle_name
FROM course_due d
JOIN course c ON c.id = d.course_id
JOIN patient p ON p.id = c.patient_id
WHERE d.next_due <= :day
  AND c.status = '{CourseStatus.OPEN.value}' AND c.archived_at IS NULL
  AND p.archived_at IS NULL
"""
_UNBOOKED_SQL = """
  AND NOT EXISTS (SELECT 1 FROM appointment a
                  WHERE a.course_id = d.course_id AND a.local_day >= :day
                    AND a.status IN :held)
"""
_DAY = bindparam("day", type_=Date())
DUE = text(_DUE_SQL).bindparams(_DAY)
DUE_UNBOOKED = text(_DUE_SQL + _UNBOOKED_SQL).bindparams(
    _DAY, bindparam("held", expanding=True, type_=String())
)


@dataclass(frozen=True, slots=True)
class _Pace:
    """What a protocol's due courses show, worked out once per call."""

    grace: int
    most: int | None
    label: str


def _pace(p: Protocol) -> _Pace:
    return _Pace(overdue_grace_days(p), p.max_sessions, p.label)


def _name(family: str, given: str, middle: str) -> str:
    return " ".join(p for p in (family, given, middle) if p)


class TodayService(Service):
    def due(self, today: date | None = None, *, unbooked: bool = False) -> list[DueCourse]:
        """Open courses due on ``today`` or overdue: overdue first, then by date and name;
        with ``unbooked``, only those with no visit held for them from ``today`` on.

        The courses come from ``course_due`` (each open course's next due date and count,
        kept exact by every write that moves them, cryolog.db.course_due): one range of
        its ``next_due`` index, so the read is as long as the list, however many open
        courses the practice has; a booked visit is one search of the appointments'
        course index per due course."""
        today = today or date.today()
        params: dict[str, object] = {"day": today}
        if unbooked:
            params["held"] = HELD_STATUSES
        with self.read() as session:
            rows = session.execute(DUE_UNBOOKED if unbooked else DUE, params).all()
        paces: dict[str, _Pace] = {}
        items: list[DueCourse] = []
        for cid, pid, proto, planned, nxt, done, family, given, middle in rows:
            pace = paces.get(proto)
            if pace is None:
                pace = paces[proto] = _pace(protocol(proto))  # labels in today's language
            earliest = as_date(nxt)
            late = (today - earliest).days
            items.append(
                DueCourse(
                    pid,
                    _name(family, given, middle),
                    cid,
                    pace.label,
                    done,
                    planned if planned is not None else pace.most,
                    earliest,
                    late > pace.grace,
                    late,
                )
            )
        items.sort(key=lambda i: (not i.overdue, i.earliest, i.patient_name.casefold()))
        return items

    def recorded(self, today: date | None = None) -> list[TodaySession]:
        """Sessions of ``today`` (its calendar day), drafts included, earliest first."""
        today = today or date.today()
        return self._sessions(TreatmentSession.session_date == today)

    def to_complete(self, today: date | None = None) -> list[TodaySession]:
        """Sessions of earlier days still not signed (a draft, running or completed)."""
        today = today or date.today()
        return self._sessions(
            TreatmentSession.session_date < today, TreatmentSession.state.in_(UNSIGNED)
        )

    def unfinished(self, today: date | None = None) -> list[TodaySession]:
        """Every session not signed yet (a draft, running or completed) up to ``today``,
        oldest first: what the day plan lists to be completed."""
        today = today or date.today()
        return self._sessions(
            TreatmentSession.session_date <= today, TreatmentSession.state.in_(UNSIGNED)
        )

    def _sessions(self, *where: Any) -> list[TodaySession]:
        with self.read() as session:
            rows = session.execute(
                select(
                    TreatmentSession.id,
                    TreatmentSession.patient_id,
                    TreatmentSession.started_at,
                    TreatmentSession.modality,
                    TreatmentSession.duration_s,
                    TreatmentSession.course_id,
                    TreatmentSession.state,
                    Patient.family_name,
                    Patient.given_name,
                    Patient.middle_name,
                )
                .join(Patient, Patient.id == TreatmentSession.patient_id)
                .where(*where, TreatmentSession.archived_at.is_(None))
                .order_by(TreatmentSession.started_at, TreatmentSession.id)
            ).all()
        labels: dict[str, str] = {}
        found: list[TodaySession] = []
        for sid, pid, at, modality, duration, cid, state, family, given, middle in rows:
            if modality not in labels:
                labels[modality] = MODALITIES[modality].label
            found.append(
                TodaySession(
                    sid,
                    pid,
                    _name(family, given, middle),
                    at,
                    labels[modality],
                    duration,
                    cid,
                    state,
                )
            )
        return found
