"""What the day plan (the Today tab) reads besides the appointments: who is due a session
by their open courses' schedule, the sessions of a day, and those not signed yet."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import String, bindparam, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from cryolog.db.database import as_date
from cryolog.db.models import Patient, TreatmentSession
from cryolog.domain.catalog import MODALITIES, protocol
from cryolog.domain.enums import CourseStatus
from cryolog.domain.schedule import WEEK_DAYS, min_interval, next_due, planned_sessions
from cryolog.domain.session_state import COUNTED_STATES, OPEN_STATES
from cryolog.services.base import Service
from cryolog.services.dto import DueCourse, TodaySession

COUNTED = [s.value for s in COUNTED_STATES]
UNSIGNED = [s.value for s in OPEN_STATES]
RECENT_DAYS = 60
"""Courses whose last session is this recent read their last week's dates in one pass."""

_COUNTED_LIVE = "archived_at IS NULL AND state IN :counted"
_OPEN = f"c.status = '{CourseStatus.OPEN.value}' AND c.archived_at IS NULL"
_OPEN_COURSES_SQL = f"""
SELECT c.id, c.patient_id, c.protocol_id, c.started_on, c.planned_sessions,
       p.family_name, p.given_name, p.middle_name,
       (SELECT count(*) FROM treatment_session
         WHERE course_id = c.id AND {_COUNTED_LIVE}) AS done,
       (SELECT max(session_date) FROM treatment_session
         WHERE course_id = c.id AND {_COUNTED_LIVE}) AS last
FROM course c JOIN patient p ON p.id = c.patient_id
WHERE {_OPEN} AND p.archived_at IS NULL
"""
_DATES_SINCE_SQL = f"""
SELECT s.course_id, s.session_date FROM course c
CROSS JOIN treatment_session s
WHERE s.course_id = c.id AND {_OPEN} AND s.session_date >= :since
  AND s.archived_at IS NULL AND s.state IN :counted
"""
_DATES_OF_COURSE_SQL = f"""
SELECT session_date FROM treatment_session WHERE course_id = :course AND {_COUNTED_LIVE}
"""


def _counted_text(sql: str) -> TextClause:
    return text(sql).bindparams(bindparam("counted", expanding=True, type_=String()))


_OPEN_COURSES = _counted_text(_OPEN_COURSES_SQL)
_DATES_SINCE = _counted_text(_DATES_SINCE_SQL)
_DATES_OF_COURSE = _counted_text(_DATES_OF_COURSE_SQL)


def _name(family: str, given: str, middle: str) -> str:
    return " ".join(p for p in (family, given, middle) if p)


class TodayService(Service):
    def due(self, today: date | None = None) -> list[DueCourse]:
        """Open courses due on ``today`` or overdue: overdue first, then by date and name.

        One pass over the open courses (their status index) with each one's count and last
        date read from the sessions' course index; only the courses that may be due and
        have a weekly limit read the dates of their last week too (``_recent_dates``)."""
        today = today or date.today()
        with self.read() as session:
            courses = session.execute(_OPEN_COURSES, {"counted": COUNTED}).all()
            candidates: list[_OpenCourse] = []
            for row in courses:
                course = _OpenCourse(
                    int(row[0]),
                    int(row[1]),
                    str(row[2]),
                    as_date(row[3]),
                    row[4],
                    row[5],
                    row[6],
                    row[7],
                    int(row[8]),
                    as_date(row[9]) if row[9] else None,
                )
                if course.may_be_due(today):
                    candidates.append(course)
            recent = self._recent_dates(session, [c for c in candidates if c.needs_dates], today)
        items = [item for c in candidates if (item := c.due(recent.get(c.id, []), today))]
        return sorted(items, key=lambda i: (not i.overdue, i.earliest, i.patient_name.casefold()))

    @staticmethod
    def _recent_dates(
        session: Session, courses: list[_OpenCourse], today: date
    ) -> dict[int, list[date]]:
        """The session dates of ``courses`` from a week before each one's last: those within
        ``RECENT_DAYS`` in one read of the days' sessions, the others course by course."""
        dates: dict[int, list[date]] = defaultdict(list)
        since = today - timedelta(days=RECENT_DAYS)  # kept: last within, week read below
        recent = {c.id: c for c in courses if c.last is not None and c.last >= since}
        if recent:
            rows = session.execute(
                _DATES_SINCE,
                {"counted": COUNTED, "since": since - timedelta(days=WEEK_DAYS)},
            )
            for course_id, day in rows:
                if course_id in recent:
                    dates[course_id].append(as_date(day))
        for course in courses:
            if course.id not in recent:
                rows = session.execute(_DATES_OF_COURSE, {"course": course.id, "counted": COUNTED})
                dates[course.id] = [as_date(day) for (day,) in rows]
        return dates

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
                    TreatmentSession, Patient.family_name, Patient.given_name, Patient.middle_name
                )
                .join(Patient, Patient.id == TreatmentSession.patient_id)
                .where(*where, TreatmentSession.archived_at.is_(None))
                .order_by(TreatmentSession.started_at, TreatmentSession.id)
            ).all()
            return [
                TodaySession(
                    row.id,
                    row.patient_id,
                    _name(family, given, middle),
                    row.started_at,
                    MODALITIES[row.modality].label,
                    row.duration_s,
                    row.course_id,
                    row.state,
                )
                for row, family, given, middle in rows
            ]


@dataclass(frozen=True, slots=True)
class _OpenCourse:
    """One open course as the day plan needs it: its plan, its count and its last date."""

    id: int
    patient_id: int
    protocol_id: str
    started: date
    planned: int | None
    family: str
    given: str
    middle: str
    done: int
    last: date | None

    @property
    def target(self) -> int | None:
        return planned_sessions(protocol(self.protocol_id), self.planned)

    @property
    def needs_dates(self) -> bool:
        """The weekly limit may move the next session: the last week's dates decide."""
        return self.last is not None and protocol(self.protocol_id).max_per_7_days is not None

    def may_be_due(self, today: date) -> bool:
        """Sessions left, and the soonest the protocol could allow the next is not after
        ``today`` (the weekly limit only moves it later)."""
        target = self.target
        if target is not None and self.done >= target:
            return False
        if self.last is None:
            return self.started <= today
        return self.last + timedelta(days=min_interval(protocol(self.protocol_id))) <= today

    def due(self, recent: list[date], today: date) -> DueCourse | None:
        """``recent``: the dates from a week before the last one (all that the weekly limit
        looks at); the last date alone when the protocol has no weekly limit."""
        proto = protocol(self.protocol_id)
        done = sorted(recent) if self.needs_dates else ([self.last] if self.last else [])
        nxt = next_due(proto, self.started, done, today)
        if nxt.earliest > today:
            return None
        return DueCourse(
            self.patient_id,
            _name(self.family, self.given, self.middle),
            self.id,
            proto.label,
            self.done,
            self.target,
            nxt.earliest,
            nxt.overdue,
            nxt.days_late,
        )
