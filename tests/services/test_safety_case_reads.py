"""The safety case read as columns is the case the rules saw when it was built from the
mapped objects: for every session of a demo practice, with and without that session."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cryolog.db.database import Database
from cryolog.db.models import (
    Clearance,
    ColdTest,
    Consent,
    Course,
    Patient,
    Screening,
    TreatmentSession,
)
from cryolog.domain.enums import Answer
from cryolog.domain.rules import case as rc
from cryolog.domain.schemas import SessionInput
from cryolog.domain.session_state import COUNTED_STATES
from cryolog.services import Services, safety
from cryolog.services.demo import generate_demo
from cryolog.services.record_reads import load_thresholds

COUNTED = [state.value for state in COUNTED_STATES]


# --- the case as it was built from mapped objects (the reference) -------------------------


def _local(moment: datetime) -> datetime:
    return moment.astimezone().replace(tzinfo=None)


def _live(model: Any, patient_id: int) -> Any:
    return select(model).where(model.patient_id == patient_id, model.archived_at.is_(None))


def _past(row: Any) -> rc.PastSession:
    exposure = row.actual_exposure_s if row.actual_exposure_s is not None else row.duration_s
    return rc.PastSession(
        _local(row.started_at), row.modality, exposure or 0, row.nrs_pre, row.nrs_post
    )


def reference_case(
    s: Session, patient_id: int, values: SessionInput, exclude: int | None
) -> rc.Case:
    as_of = _local(values.started_at)
    day = as_of.date()
    patient = s.get(Patient, patient_id)
    assert patient is not None
    screening = s.scalars(
        _live(Screening, patient_id)
        .where(Screening.screened_on <= day)
        .order_by(Screening.screened_on.desc(), Screening.id.desc())
        .limit(1)
    ).first()
    clearance = s.scalars(
        _live(Clearance, patient_id)
        .where(Clearance.issued_on <= day)
        .order_by(Clearance.issued_on.desc(), Clearance.id.desc())
        .limit(1)
    ).first()
    consent = s.scalars(
        _live(Consent, patient_id)
        .where(Consent.signed_on <= day)
        .order_by(Consent.form_version.desc(), Consent.signed_on.desc())
        .limit(1)
    ).first()
    tests = s.scalars(
        _live(ColdTest, patient_id)
        .where(ColdTest.performed_on <= day)
        .order_by(ColdTest.performed_on, ColdTest.id)
    )
    counted = (
        TreatmentSession.archived_at.is_(None),
        TreatmentSession.state.in_(COUNTED),
        TreatmentSession.id != (exclude or -1),
    )
    course = None
    if values.course_id is not None and (found := s.get(Course, values.course_id)):
        earlier = s.scalars(
            select(TreatmentSession)
            .where(TreatmentSession.course_id == found.id, *counted)
            .order_by(TreatmentSession.started_at, TreatmentSession.id)
        )
        previous = s.scalars(
            select(Course)
            .where(
                Course.patient_id == found.patient_id,
                Course.id != found.id,
                Course.archived_at.is_(None),
                Course.started_on <= found.started_on,
            )
            .order_by(Course.started_on)
        )
        course = rc.Course(
            protocol=found.protocol_id,
            started=found.started_on,
            sessions=tuple(p for row in earlier if (p := _past(row)).at <= as_of),
            previous_courses=tuple(
                rc.PreviousCourse(c.protocol_id, c.started_on, c.ended_on) for c in previous
            ),
        )
    others = select(TreatmentSession).where(
        TreatmentSession.patient_id == patient_id, TreatmentSession.session_date == day, *counted
    )
    if values.course_id is not None:
        others = others.where(
            (TreatmentSession.course_id.is_(None))
            | (TreatmentSession.course_id != values.course_id)
        )
    return rc.Case(
        as_of=as_of,
        patient=rc.Patient(patient.birth_date, patient.height_cm),
        session=safety._proposed(values),
        screening=None
        if screening is None
        else rc.Screening(
            screening.screened_on, {a.condition_id: Answer(a.answer) for a in screening.answers}
        ),
        clearance=None
        if clearance is None
        else rc.Clearance(
            clearance.issued_on,
            clearance.ecg,
            clearance.blood,
            clearance.urine,
            clearance.valid_until,
        ),
        consent=None if consent is None else rc.Consent(consent.signed_on, consent.form_version),
        cold_tests=tuple(t for row in tests if (t := safety.cold_test_case(row)) is not None),
        course=course,
        other_sessions=tuple(_past(row) for row in s.scalars(others)),
        settings=load_thresholds(s),
    )


# --- the comparison -----------------------------------------------------------------------


def _proposals(s: Session) -> Iterator[tuple[int, SessionInput, int | None]]:
    """Every stored session as a proposal (without itself), and each again as a new one
    in no course on the same day (the other sessions of the day)."""
    for row in s.scalars(select(TreatmentSession).order_by(TreatmentSession.id)):
        values = SessionInput.model_validate(
            {
                "modality": row.modality,
                "started_at": row.started_at,
                "course_id": row.course_id,
                "duration_s": row.duration_s or 30,
                "set_temp": None
                if row.set_temp_c is None
                else {"value": row.set_temp_c, "unit": "C"},
            }
        )
        yield row.patient_id, values, row.id
        yield row.patient_id, values.model_copy(update={"course_id": None}), None


def _compare(db: Database) -> dict[str, int]:
    seen = dict.fromkeys(
        ("cases", "answers", "clearance", "cold_tests", "course_sessions", "previous", "others"),
        0,
    )
    with db.read() as s:
        for patient_id, values, exclude in _proposals(s):
            expected = reference_case(s, patient_id, values, exclude)
            got = safety.build_case(s, patient_id, values, exclude)
            assert got == expected, (patient_id, values.started_at, exclude)
            seen["cases"] += 1
            seen["answers"] += bool(got.screening and got.screening.answers)
            seen["clearance"] += got.clearance is not None
            seen["cold_tests"] += bool(got.cold_tests)
            seen["course_sessions"] += len(got.course.sessions) if got.course else 0
            seen["previous"] += bool(got.course and got.course.previous_courses)
            seen["others"] += bool(got.other_sessions)
    return seen


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from cryolog.db.database import open_database

    database = open_database(tmp_path_factory.mktemp("case") / "demo.db")
    generate_demo(database, 25, seed=11, today=date(2026, 11, 20))
    services = Services.open(database, actor="dr.test")
    with database.read() as s:
        courses = s.execute(select(Course.patient_id, Course.started_on).limit(6)).all()
        screening = s.scalars(select(Screening.id).order_by(Screening.id.desc())).first()
        cold_test = s.scalars(select(ColdTest.id).order_by(ColdTest.id.desc())).first()
    for patient_id, started_on in courses:  # earlier courses the rules look back on
        earlier = {"protocol_id": "custom", "started_on": started_on - timedelta(days=200)}
        services.courses.open_course(patient_id, earlier, allow_duplicate=True)
    assert screening is not None and cold_test is not None
    services.pretreatment.archive("screening", screening, "entered for the wrong patient")
    services.pretreatment.archive("cold_test", cold_test, "entered for the wrong patient")
    yield database
    database.dispose()


def test_the_case_from_columns_equals_the_case_from_objects(demo_db: Database) -> None:
    seen = _compare(demo_db)
    assert all(seen.values()), seen  # the demo has every part of a case in it


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kathmandu"])
def test_a_change_of_zone_is_seen_by_the_next_case(demo_db: Database, zone: str) -> None:
    """Earlier sessions' local times are remembered, and forgotten when the zone changes."""
    _compare(demo_db)  # remembered in the machine's zone
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        seen = _compare(demo_db)
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()
    assert seen["course_sessions"]
