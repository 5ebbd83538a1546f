"""The reads of opening a record run on the patient's indexes: none walks an index of the
whole practice (the header's alerts once picked every open course through the status
index; at 100,000 patients that was 32 ms on every record opened)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from cryolog.db.database import Database
from cryolog.ui.record.record_view import ALL_PARTS, load
from tests.ui.record_setup import seed

PRACTICE_WIDE = ("ix_course_status", "ix_treatment_session_state", "ix_treatment_session_day")


def _statements(db: Database, action: Any) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_every_read_of_opening_a_record_uses_the_patient_s_indexes(db: Database) -> None:
    seeded = seed(db)
    statements = _statements(db, lambda: load(seeded.services, seeded.patient_id, ALL_PARTS))
    assert statements
    raw = db.engine.raw_connection()
    try:
        for sql, params in statements:
            plan = " | ".join(
                str(row[-1]) for row in raw.cursor().execute(f"EXPLAIN QUERY PLAN {sql}", params)
            )
            for index in PRACTICE_WIDE:
                assert index not in plan, (sql, plan)
            assert "SCAN course" not in plan and "SCAN treatment_session" not in plan, (sql, plan)
    finally:
        raw.close()
