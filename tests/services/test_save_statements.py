"""What one session save runs inside its transaction: the statements the numbers in
docs/performance-data.md depend on (the window's database anchors after the commit)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import event

from cryolog.db.database import Database
from cryolog.services import Services
from tests.services.conftest import patient_data

pytestmark = pytest.mark.sqlite_only  # the anchor file and SQLite's statements


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        seen.append(" ".join(sql.split()))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


START = date.today() - timedelta(days=40)


def _save(services: Services, pid: int, course: int, n: int) -> None:
    moment = datetime.combine(START + timedelta(days=n + 1), time(10, 0)).astimezone()
    services.sessions.record_session(
        pid,
        {
            "modality": "ln2_applicator",
            "started_at": moment,
            "course_id": course,
            "duration_s": 30,
            "set_temp": {"value": -150, "unit": "C"},
        },
    )


def test_a_save_in_the_window_runs_16_statements_and_none_for_the_anchor(
    db: Database, services: Services
) -> None:
    db.anchor_after_commits()
    pid = services.patients.register(patient_data()).id
    services.pretreatment.record_consent(pid, {"signed_on": START, "form_version": 1})
    services.pretreatment.record_screening(pid, {"screened_on": START, "answers": {}})
    services.pretreatment.record_cold_test(
        pid, "ice_cube", {"performed_on": START, "result": "negative"}
    )
    course = services.courses.open_course(pid, {"protocol_id": "custom", "started_on": START}).id
    for n in range(5):
        _save(services, pid, course, n)
    db.settle_anchor()
    with statements(db) as seen:
        _save(services, pid, course, 6)
    assert not any("entry_hash FROM audit_log WHERE id" in sql for sql in seen)
    assert sum("FROM audit_log" in sql for sql in seen) == 1  # new id and head together
    assert not any("appointment.session_id = " in sql for sql in seen)  # a new row
    # the stored session is not read back for its audit entry (its state is in memory)
    assert not any("FROM session_" in sql or "WHERE id = " in sql for sql in seen), seen
    # the safety case reads columns, never whole records (no ORM object is loaded)
    assert not any(re.search(r"\.version\b", sql) for sql in seen if sql.startswith("SELECT"))
    # the course's kept next due date (cryolog.db.course_due): its facts, delete, insert
    due = [sql for sql in seen if "course_due" in sql or "AS nth_latest" in sql]
    assert len(due) == 3, "\n".join(due)
    assert len(seen) - len(due) == 16, "\n".join(seen)
    db.settle_anchor()
