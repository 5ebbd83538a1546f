"""The day plan's read of who is booked already searches the due patients' day index, not
every future booking of the practice (EXPLAIN QUERY PLAN on the real migrations)."""

from __future__ import annotations

from datetime import date

from cryolog.db.database import Database
from cryolog.services import appointments_plan
from tests.perf.test_query_plans import _compiled


def test_booked_courses_search_the_patients_day_index(db: Database) -> None:
    plan = _compiled(db, appointments_plan.booked_courses_query([3, 5, 8], date(2026, 12, 1)))
    assert "ix_appointment_patient_day (patient_id=? AND local_day>?)" in plan, plan
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan
