"""The day plan's reads run on indexes with no temporary B-tree and no scan, however many
open courses, sessions and bookings the practice has (EXPLAIN QUERY PLAN on a file made by
the real migrations): the due courses are one range of ``course_due``'s primary key, in the
order the plan lists them; the courses with a visit held from the day on come from an index
of the appointments alone; keeping a course's row reads its sessions from their index."""

from __future__ import annotations

from datetime import date

from cryolog.db import course_due
from cryolog.db.database import Database
from cryolog.domain.catalog import PROTOCOLS
from cryolog.services import today
from tests.perf.test_query_plans import _compiled

DAY = date(2026, 12, 1)


def test_the_due_courses_are_one_range_of_the_key_in_the_lists_order(db: Database) -> None:
    plan = _compiled(db, today.DUE.bindparams(day=DAY))
    assert "SEARCH course_due USING PRIMARY KEY (next_due<?)" in plan, plan
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan
    assert "course" not in plan.replace("course_due", ""), plan  # no other table read


def test_a_page_sorts_the_keys_of_that_range_then_reads_its_rows_by_course(
    db: Database,
) -> None:
    plan = _compiled(db, today.DUE_KEYS.bindparams(day=DAY))
    assert "SEARCH course_due USING PRIMARY KEY (next_due<?)" in plan, plan
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan
    plan = _compiled(db, today.DUE_SHOWN.bindparams(ids=[3, 5, 8]))
    assert "ix_course_due_course_id (course_id=?)" in plan, plan
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan


def test_the_held_visits_courses_come_from_the_index_alone(db: Database) -> None:
    plan = _compiled(db, today.HELD_COURSES.bindparams(day=DAY, held=today.HELD_STATUSES))
    assert "COVERING INDEX ix_appointment_day_course (local_day>?)" in plan, plan
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan


def test_keeping_a_courses_row_reads_its_sessions_from_their_index(db: Database) -> None:
    plan = _compiled(
        db, course_due.SOME_FACTS.bindparams(counted=course_due.COUNTED, ids=[3, 5, 8])
    )
    assert "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan
    assert "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan
    weekly = sum(1 for p in PROTOCOLS.values() if p.max_per_7_days)
    assert weekly  # the count, the last date, and each weekly limit's deciding date
    index = "COVERING INDEX ix_treatment_session_course_day (course_id=?)"
    assert plan.count(index) == 2 + weekly, plan
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan


def test_the_fill_reads_the_open_courses_from_their_status_index(db: Database) -> None:
    plan = _compiled(db, course_due.ALL_FACTS.bindparams(counted=course_due.COUNTED))
    assert "ix_course_status" in plan, plan
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan


def test_a_renamed_patients_courses_are_found_on_the_patient_index(db: Database) -> None:
    plan = _compiled(db, course_due.PATIENTS_COURSES.bindparams(ids=[4, 9]))
    assert "USING COVERING INDEX ix_course_patient_id (patient_id=?)" in plan, plan
    assert "SCAN" not in plan, plan
