"""The Today view: due and overdue courses by their schedule, and today's sessions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

from cryolog.db.database import Database
from cryolog.domain.catalog import CONDITIONS
from cryolog.services import Services
from cryolog.services.today import TodayService

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

TODAY = date.today()


def _patient(s: Services, family: str) -> int:
    pid = s.patients.register({"family_name": family, "birth_date": date(1980, 5, 1)}).id
    start = TODAY - timedelta(days=60)
    s.pretreatment.record_screening(
        pid, {"screened_on": start, "answers": dict.fromkeys(CONDITIONS, "no")}
    )
    s.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
    s.pretreatment.record_cold_test(pid, "ice_cube", {"performed_on": start, "result": "negative"})
    return pid


def _session(s: Services, pid: int, course_id: int, day: date) -> None:
    at = datetime.combine(day, time(10, 0)).astimezone()
    data: dict[str, Any] = {
        "modality": "ln2_applicator",
        "started_at": at,
        "course_id": course_id,
        "duration_s": 300,
        "set_temp": {"value": -150, "unit": "C"},
    }
    s.sessions.record_session(pid, data)


def _course(s: Services, pid: int, started: date, sessions: list[date]) -> int:
    cid = s.courses.open_course(pid, {"protocol_id": "acne", "started_on": started}).id
    for day in sessions:
        _session(s, pid, cid, day)
    return cid


def _today(db: Database) -> TodayService:
    return TodayService(db, "tester")


def test_due_lists_due_and_overdue_courses_overdue_first(db: Database) -> None:
    s = Services.open(db, "tester")
    due_pid = _patient(s, "Due")
    overdue_pid = _patient(s, "Overdue")
    early_pid = _patient(s, "Early")
    _course(s, due_pid, TODAY - timedelta(days=5), [TODAY - timedelta(days=5)])
    _course(s, overdue_pid, TODAY - timedelta(days=20), [TODAY - timedelta(days=20)])
    _course(s, early_pid, TODAY - timedelta(days=1), [TODAY - timedelta(days=1)])

    items = _today(db).due(TODAY)

    assert [i.patient_name for i in items] == ["Overdue", "Due"]
    overdue, due = items
    assert overdue.overdue and overdue.days_late == 17
    assert not due.overdue and due.earliest == TODAY - timedelta(days=2)
    assert due.sessions_done == 1 and due.sessions_planned == 15
    assert due.protocol_label == "Acne"


def test_a_new_course_without_sessions_is_due_from_its_start(db: Database) -> None:
    s = Services.open(db, "tester")
    pid = _patient(s, "Fresh")
    _course(s, pid, TODAY, [])
    _course(s, _patient(s, "Later"), TODAY + timedelta(days=3), [])

    assert [i.patient_name for i in _today(db).due(TODAY)] == ["Fresh"]


def test_closed_courses_and_archived_patients_are_not_due(db: Database) -> None:
    s = Services.open(db, "tester")
    closed = _course(s, _patient(s, "Closed"), TODAY - timedelta(days=9), [])
    s.courses.close_course(closed, {"ended_on": TODAY})
    archived = _patient(s, "Archived")
    _course(s, archived, TODAY - timedelta(days=9), [])
    s.patients.archive(archived, "moved away to another city")

    assert _today(db).due(TODAY) == []


def test_sessions_done_today_are_listed_and_the_course_is_no_longer_due(db: Database) -> None:
    s = Services.open(db, "tester")
    pid = _patient(s, "Сидорова")
    cid = _course(s, pid, TODAY - timedelta(days=7), [TODAY - timedelta(days=7), TODAY])

    recorded = _today(db).recorded(TODAY)

    assert [(r.patient_name, r.course_id, r.duration_s) for r in recorded] == [
        ("Сидорова", cid, 300)
    ]
    assert recorded[0].modality_label == "Liquid-nitrogen applicator"
    assert recorded[0].started_at.tzinfo is not None
    assert _today(db).due(TODAY) == []
    assert _today(db).recorded(TODAY - timedelta(days=1)) == []
