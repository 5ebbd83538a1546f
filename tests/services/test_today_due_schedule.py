"""The day plan's due list, worked out from each course's count, last date and the date
that decides its weekly limit, is what the domain's whole-course schedule says for every
open course of a demo practice, on days before, around and long after today."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import Course, Patient, TreatmentSession
from cryolog.domain.catalog import PROTOCOLS
from cryolog.domain.enums import CourseStatus
from cryolog.domain.schedule import course_schedule
from cryolog.services.demo import generate_demo
from cryolog.services.today import COUNTED, TodayService


def _expected(db: Database, day: date) -> dict[int, tuple[date, bool, int, int, int | None]]:
    with db.read() as s:
        courses = s.execute(
            select(Course.id, Course.protocol_id, Course.started_on, Course.planned_sessions)
            .join(Patient, Patient.id == Course.patient_id)
            .where(
                Course.status == CourseStatus.OPEN.value,
                Course.archived_at.is_(None),
                Patient.archived_at.is_(None),
            )
        ).all()
        dates: dict[int, list[date]] = defaultdict(list)
        for cid, when in s.execute(
            select(TreatmentSession.course_id, TreatmentSession.session_date).where(
                TreatmentSession.archived_at.is_(None), TreatmentSession.state.in_(COUNTED)
            )
        ):
            dates[cid].append(when)
    found = {}
    for cid, proto, started, planned in courses:
        plan = course_schedule(proto, started, dates[cid], day, planned)
        nxt = plan.next
        if nxt is not None and nxt.earliest <= day:
            found[cid] = (
                nxt.earliest,
                nxt.overdue,
                nxt.days_late,
                len(dates[cid]),
                plan.sessions_planned,
            )
    return found


def test_due_is_the_whole_schedule_for_every_open_course(db: Database) -> None:
    generate_demo(db, 60, seed=5)
    service = TodayService(db, "tester")
    weekly = {p.id for p in PROTOCOLS.values() if p.max_per_7_days}
    checked = moved = 0
    for offset in range(-30, 61, 3):
        day = date.today() + timedelta(days=offset)
        got = {
            d.course_id: (d.earliest, d.overdue, d.days_late, d.sessions_done, d.sessions_planned)
            for d in service.due(day)
        }
        assert got == _expected(db, day), day
        checked += len(got)
        with db.read() as s:  # courses whose next date the weekly limit decides
            for cid in got:
                if s.get(Course, cid).protocol_id in weekly:
                    moved += 1
    assert checked and moved  # the demo has due courses, weekly-limited ones among them
