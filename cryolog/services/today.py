"""What the day plan (the Today tab) reads besides the appointments: who is due a session
by their open courses' schedule, the sessions of a day, and those not signed yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import String, bindparam, select, text
from sqlalchemy.sql.elements import TextClause

from cryolog.db.database import as_date
from cryolog.db.models import Patient, TreatmentSession
from cryolog.domain.catalog import MODALITIES, PROTOCOLS, Protocol, protocol
from cryolog.domain.enums import CourseStatus
from cryolog.domain.schedule import WEEK_DAYS, min_interval, overdue_grace_days
from cryolog.domain.session_state import COUNTED_STATES, OPEN_STATES
from cryolog.services.base import Service
from cryolog.services.dto import DueCourse, TodaySession

COUNTED = [s.value for s in COUNTED_STATES]
UNSIGNED = [s.value for s in OPEN_STATES]

_COUNTED_LIVE = "archived_at IS NULL AND state IN :counted"
_OPEN = f"c.status = '{CourseStatus.OPEN.value}' AND c.archived_at IS NULL"


def _nth_latest_sql() -> str:
    """The date that decides a weekly limit of L sessions: the course's L-th latest counted
    session (a CASE on the protocol, so each course runs one subquery, on its index)."""
    whens = [
        f"WHEN '{p.id}' THEN (SELECT session_date FROM treatment_session"
        f" WHERE course_id = c.id AND {_COUNTED_LIVE}"
        f" ORDER BY session_date DESC LIMIT 1 OFFSET {int(p.max_per_7_days) - 1})"
        for p in PROTOCOLS.values()
        if p.max_per_7_days
    ]
    return f"CASE c.protocol_id {' '.join(whens)} END" if whens else "NULL"


_OPEN_COURSES_SQL = f"""
SELECT c.id, c.patient_id, c.protocol_id, c.started_on, c.planned_sessions,
       p.family_name, p.given_name, p.middle_name,
       (SELECT count(*) FROM treatment_session
         WHERE course_id = c.id AND {_COUNTED_LIVE}) AS done,
       (SELECT max(session_date) FROM treatment_session
         WHERE course_id = c.id AND {_COUNTED_LIVE}) AS last,
       {_nth_latest_sql()} AS nth_latest
FROM course c JOIN patient p ON p.id = c.patient_id
WHERE {_OPEN} AND p.archived_at IS NULL
"""


def _counted_text(sql: str) -> TextClause:
    return text(sql).bindparams(bindparam("counted", expanding=True, type_=String()))


_OPEN_COURSES = _counted_text(_OPEN_COURSES_SQL)


@dataclass(frozen=True, slots=True)
class _Pace:
    """What the next date of a protocol's course depends on, worked out once per call."""

    interval: timedelta
    weekly: bool
    grace: int
    most: int | None
    label: str


def _pace(p: Protocol) -> _Pace:
    return _Pace(
        timedelta(days=min_interval(p)),
        p.max_per_7_days is not None,
        overdue_grace_days(p),
        p.max_sessions,
        p.label,
    )


def _name(family: str, given: str, middle: str) -> str:
    return " ".join(p for p in (family, given, middle) if p)


class TodayService(Service):
    def due(self, today: date | None = None) -> list[DueCourse]:
        """Open courses due on ``today`` or overdue: overdue first, then by date and name.

        One pass over the open courses (their status index) with each one's count, last
        date and, for a protocol with a weekly limit of L, its L-th latest date, all read
        from the sessions' course index. Only the next date is worked out: the minimum
        interval after the last session, and no sooner than a week after the L-th latest
        (the first day on which one more keeps every 7 days within the limit)."""
        today = today or date.today()
        with self.read() as session:
            rows = session.execute(_OPEN_COURSES, {"counted": COUNTED}).all()
        paces = {p.id: _pace(p) for p in PROTOCOLS.values()}  # labels in today's language
        week = timedelta(days=WEEK_DAYS)
        items: list[DueCourse] = []
        for cid, pid, proto, started, planned, family, given, middle, done, last, nth in rows:
            pace = paces.get(proto) or _pace(protocol(proto))
            target = planned if planned is not None else pace.most
            if target is not None and done >= target:
                continue
            if last is None:
                earliest = as_date(started)
            else:
                earliest = as_date(last) + pace.interval
                if pace.weekly and nth is not None:
                    earliest = max(earliest, as_date(nth) + week)
            if earliest > today:
                continue
            late = (today - earliest).days
            items.append(
                DueCourse(
                    int(pid),
                    _name(family, given, middle),
                    int(cid),
                    pace.label,
                    int(done),
                    target,
                    earliest,
                    late > pace.grace,
                    late,
                )
            )
        return sorted(items, key=lambda i: (not i.overdue, i.earliest, i.patient_name.casefold()))

    def recorded(self, today: date | None = None) -> list[TodaySession]:
        """Sessions of ``today`` (its calendar day), drafts included, earliest first."""
        today = today or date.today()
        return self._sessions(TreatmentSession.session_date == today)

    def to_complete(self, today: date | None = None) -> list[TodaySession]:
        """Sessions of earlier days still not signed (a draft, running or completed)."""
        today = today or date.today()
        return self._sessions(
            TreatmentSession.session_date < today,
            TreatmentSession.state.in_(UNSIGNED),
            _not_signed(),
        )

    def unfinished(self, today: date | None = None) -> list[TodaySession]:
        """Every session not signed yet (a draft, running or completed) up to ``today``,
        oldest first: what the day plan lists to be completed."""
        today = today or date.today()
        return self._sessions(
            TreatmentSession.session_date <= today,
            TreatmentSession.state.in_(UNSIGNED),
            _not_signed(),
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


def _not_signed() -> Any:
    """``state <> 'signed'``: the condition of the partial index on the sessions' state
    (revision 0021), which SQLite uses only when the query states that condition."""
    from cryolog.domain.session_state import SessionState

    return TreatmentSession.state != SessionState.SIGNED.value
