"""What the day plan (the Today tab) reads besides the appointments: who is due a session
by their open courses' schedule, the sessions of a day, and those not signed yet."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select

from cryolog.db.models import Course, Patient, TreatmentSession
from cryolog.domain.catalog import MODALITIES, protocol
from cryolog.domain.enums import CourseStatus
from cryolog.domain.schedule import course_schedule
from cryolog.domain.session_state import COUNTED_STATES, OPEN_STATES
from cryolog.services.base import Service
from cryolog.services.dto import DueCourse, TodaySession

COUNTED = [s.value for s in COUNTED_STATES]
UNSIGNED = [s.value for s in OPEN_STATES]


def _name(family: str, given: str, middle: str) -> str:
    return " ".join(p for p in (family, given, middle) if p)


class TodayService(Service):
    def due(self, today: date | None = None) -> list[DueCourse]:
        """Open courses due on ``today`` or overdue: overdue first, then by date and name."""
        today = today or date.today()
        with self.read() as session:
            courses = session.execute(
                select(Course, Patient.family_name, Patient.given_name, Patient.middle_name)
                .join(Patient, Patient.id == Course.patient_id)
                .where(
                    Course.status == CourseStatus.OPEN.value,
                    Course.archived_at.is_(None),
                    Patient.archived_at.is_(None),
                )
            ).all()
            done = self._session_dates([c.id for c, *_ in courses])
        items = [
            item
            for course, family, given, middle in courses
            if (item := _due(course, _name(family, given, middle), done[course.id], today))
        ]
        return sorted(items, key=lambda i: (not i.overdue, i.earliest, i.patient_name.casefold()))

    def _session_dates(self, course_ids: list[int]) -> dict[int, list[date]]:
        dates: dict[int, list[date]] = defaultdict(list)
        if not course_ids:
            return dates
        with self.read() as session:
            rows = session.execute(
                select(TreatmentSession.course_id, TreatmentSession.session_date).where(
                    TreatmentSession.course_id.in_(course_ids),
                    TreatmentSession.archived_at.is_(None),
                    TreatmentSession.state.in_(COUNTED),
                )
            )
            for course_id, day in rows:
                if course_id is not None:
                    dates[course_id].append(day)
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


def _due(course: Course, name: str, done: list[date], today: date) -> DueCourse | None:
    schedule = course_schedule(
        course.protocol_id, course.started_on, sorted(done), today, course.planned_sessions
    )
    nxt = schedule.next
    if nxt is None or nxt.earliest > today:
        return None
    return DueCourse(
        course.patient_id,
        name,
        course.id,
        protocol(course.protocol_id).label,
        schedule.sessions_done,
        schedule.sessions_planned,
        nxt.earliest,
        nxt.overdue,
        nxt.days_late,
    )
