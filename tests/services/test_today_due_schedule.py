"""The day plan's due list, read from each open course's kept next date (``course_due``),
is what the domain's whole-course schedule says for every open course of a demo practice,
on days before, around and long after today, and stays so after every write that moves a
date."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from cryolog.db.course_due import rebuild
from cryolog.db.database import Database
from cryolog.db.models import Course, CourseDue, Patient, TreatmentSession
from cryolog.domain.catalog import CONDITIONS, PROTOCOLS
from cryolog.domain.enums import CourseStatus
from cryolog.domain.schedule import course_schedule
from cryolog.services import Services
from cryolog.services.demo import generate_demo
from cryolog.services.today import COUNTED, TodayService
from tests.services.conftest import TODAY, patient_data


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


# Every write that moves a course's next date keeps ``course_due`` exact, in its own
# transaction: after each one the due list is still the whole-course schedule of every open
# course, the kept rows are what a fill from scratch gives, and the course the write was
# about really moved (or left the list, or came back).

REASON = "entered for the wrong course"


def _kept(db: Database) -> list[tuple[object, ...]]:
    with db.read() as s:
        return [tuple(r) for r in s.execute(select(CourseDue.__table__).order_by("course_id"))]


def _filled_afresh(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn, conn.begin() as tx:
        rebuild(conn)
        rows = conn.execute(select(CourseDue.__table__).order_by("course_id")).all()
        tx.rollback()
    return [tuple(r) for r in rows]


def _check(db: Database) -> None:
    service = TodayService(db, "tester")
    for offset in (-20, -3, 0, 1, 4, 9, 40):
        day = date.today() + timedelta(days=offset)
        got = {
            d.course_id: (d.earliest, d.overdue, d.days_late, d.sessions_done, d.sessions_planned)
            for d in service.due(day)
        }
        assert got == _expected(db, day), day
    assert _kept(db) == _filled_afresh(db)


def _row(db: Database, course_id: int) -> tuple[object, ...] | None:
    return next((r for r in _kept(db) if r[2] == course_id), None)


def _ln2(day: date, course_id: int) -> dict[str, Any]:
    return {
        "modality": "ln2_applicator",
        "started_at": datetime.combine(day, time(10, 0)).astimezone(),
        "course_id": course_id,
        "duration_s": 300,
        "set_temp": {"value": -150, "unit": "C"},
    }


@dataclass
class Practice:
    services: Services
    patient: int
    course: int  # acne: 3 days apart, at most 2 in any 7 days
    sessions: list[int]


@pytest.fixture
def practice(db: Database) -> Practice:
    generate_demo(db, 20, seed=5)
    s = Services.open(db, "tester")
    pid = s.patients.register(patient_data(family_name="Weekly")).id
    start = TODAY - timedelta(days=60)
    s.pretreatment.record_screening(
        pid, {"screened_on": start, "answers": dict.fromkeys(CONDITIONS, "no")}
    )
    s.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
    s.pretreatment.record_cold_test(pid, "ice_cube", {"performed_on": start, "result": "negative"})
    cid = s.courses.open_course(pid, {"protocol_id": "acne", "started_on": TODAY - timedelta(9)}).id
    sessions = [s.sessions.record_session(pid, _ln2(TODAY - timedelta(d), cid)).id for d in (9, 5)]
    _check(db)
    # the weekly limit decides: 3 days after the 5th is sooner than a week after the 9th
    assert _row(db, cid)[0] == TODAY - timedelta(days=2)
    return Practice(s, pid, cid, sessions)


def _record_today(p: Practice) -> None:
    p.services.sessions.record_session(p.patient, _ln2(TODAY, p.course))


def _amend_to_earlier(p: Practice) -> None:
    p.services.sessions.amend_session(
        p.sessions[1], _ln2(TODAY - timedelta(days=4), p.course), reason="the date was wrong"
    )


def _void_last(p: Practice) -> None:
    p.services.sessions.archive(p.sessions[1], REASON)


def _run_a_draft(p: Practice) -> None:
    flow = p.services.sessions
    draft = flow.start_draft(p.patient, _ln2(TODAY, p.course))
    flow.start_timer(draft.id, _ln2(TODAY, p.course))  # running: it counts from now on


def _abandon_a_draft(p: Practice) -> None:
    flow = p.services.sessions
    draft = flow.start_draft(p.patient, _ln2(TODAY, p.course))
    flow.abandon(draft.id, REASON)


def _close(p: Practice) -> None:
    p.services.courses.close_course(p.course, {"ended_on": TODAY, "reason": "asked to stop"})


def _void_course(p: Practice) -> None:
    p.services.sessions.archive(p.sessions[0], REASON)
    p.services.sessions.archive(p.sessions[1], REASON)
    p.services.courses.void_course(p.course, REASON)


def _archive_course(p: Practice) -> None:
    p.services.courses.archive(p.course, REASON)


def _open_another(p: Practice) -> None:
    p.services.courses.open_course(
        p.patient, {"protocol_id": "local_pain", "started_on": TODAY - timedelta(days=1)}
    )


def _rename(p: Practice) -> None:
    p.services.patients.edit(
        p.patient, patient_data(family_name="Renamed"), reason="married, new family name"
    )


def _archive_patient(p: Practice) -> None:
    p.services.patients.archive(p.patient, "moved to another city")


def _archive_and_restore(p: Practice) -> None:
    p.services.patients.archive(p.patient, "moved to another city")
    p.services.patients.restore(p.patient, "came back to the practice")


WRITES = {
    "session recorded": _record_today,
    "session amended to another day": _amend_to_earlier,
    "session voided": _void_last,
    "draft run (running counts)": _run_a_draft,
    "draft abandoned": _abandon_a_draft,
    "course closed": _close,
    "course voided": _void_course,
    "course archived": _archive_course,
    "another course opened": _open_another,
    "patient renamed": _rename,
    "patient archived": _archive_patient,
    "patient archived and restored": _archive_and_restore,
}
UNMOVED = {"draft abandoned", "another course opened", "patient archived and restored"}
"""Writes after which the course's own row stays as it was (the check is the rest)."""


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_each_write_keeps_the_due_dates_exact(practice: Practice, db: Database, write: Any) -> None:
    before = _row(db, practice.course)
    rows_before = len(_kept(db))
    write(practice)
    _check(db)
    after = _row(db, practice.course)
    name = next(k for k, v in WRITES.items() if v is write)
    if name in UNMOVED:
        assert after == before
        assert len(_kept(db)) == rows_before + (name == "another course opened")
    else:
        assert after != before, name


def test_the_due_list_in_pages_is_the_whole_list(db: Database) -> None:
    """The due list read a page at a time, end to end, is the whole list in its order
    (overdue first), with the whole list's length on every page; so is the day plan's
    first page and the pages after it."""
    generate_demo(db, 60, seed=5)
    services = Services.open(db, "tester")
    days = (date.today() + timedelta(days=n) for n in range(0, 30, 2))
    day = next(d for d in days if len({x.overdue for x in services.today.due(d)}) == 2)
    whole = [d.course_id for d in services.today.due(day)]
    for size in (1, 3, 7):
        got: list[int] = []
        while True:
            page = services.today.due_page(day, offset=len(got), limit=size)
            assert page.total == len(whole)
            if not page.items:
                break
            got += [d.course_id for d in page.items]
        assert got == whole, size

    unbooked = services.today.due(day, unbooked=True)
    plan = services.appointments.day_plan(day, due_limit=2)
    booked = {a.patient_id for a in plan.appointments if a.holds_place}
    expected = [d.course_id for d in unbooked if d.patient_id not in booked]
    assert plan.due_count == len(expected) > 2
    got = [d.course_id for d in plan.due_unbooked]
    while len(got) < plan.due_count:
        more = services.appointments.due_unbooked(day, len(got), 3)
        assert more.total == plan.due_count and more.items
        got += [d.course_id for d in more.items]
    assert got == expected
    full = services.appointments.day_plan(day, due_limit=None)
    assert [d.course_id for d in full.due_unbooked] == expected
