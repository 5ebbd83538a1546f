"""Every service input model, fed generated input (shaped like it, and garbage): only
domain errors come out, never an unhandled exception, and what is stored is valid — the
constraints hold, every stored row re-reads through its input model, and each has its
audit entry (``verify`` finds no break)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import (
    AdverseEvent,
    Assessment,
    Clearance,
    Consent,
    Course,
    Patient,
    TreatmentSession,
)
from cryolog.domain.errors import InvalidInput, RecordNotFound, SafetyStop, StaleRecord
from cryolog.domain.schemas import (
    AdverseEventInput,
    AssessmentInput,
    ClearanceInput,
    ColdPressorTestInput,
    ConsentInput,
    CourseCloseInput,
    CourseInput,
    IceCubeTestInput,
    PatientInput,
    PracticeInput,
    ScreeningInput,
    SessionInput,
    TempThresholdTestInput,
    parse,
)
from cryolog.services import Services
from cryolog.services.verify import verify_file
from tests.services.conftest import TODAY, patient_data, wbc_session
from tests.services.inputs import GARBAGE, TEXT, model_dicts
from tests.services.test_demo import _patient_input, session_input

CLEARANCE = {"issued_on": TODAY, "valid_until": TODAY, "ecg": True, "blood": True, "urine": True}
EVENT = {"event_type": "erythema", "severity": "mild", "onset_on": TODAY}
EXPECTED = (InvalidInput, SafetyStop, RecordNotFound, StaleRecord)
EXAMPLES = settings(max_examples=60, deadline=None, database=None)


def _attempt(call: Callable[[], Any]) -> bool:
    """Run one use case: True when it saved, False on a domain error; anything else fails."""
    try:
        call()
    except EXPECTED:
        return False
    return True


def _sound(db: Database, models: dict[Any, Callable[[Any], tuple[type[BaseModel], Any]]]) -> None:
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with db.read() as s:
        for model, as_input in models.items():
            for row in s.scalars(select(model)):
                schema, data = as_input(row)
                parse(schema, data)  # what is stored is what the input model accepts
    report = verify_file(db.path)
    assert report.breaks == [], [b.line() for b in report.breaks]
    assert report.exit_status == 0


def _fields(schema: type[BaseModel]) -> Callable[[Any], tuple[type[BaseModel], Any]]:
    return lambda row: (schema, {k: getattr(row, k) for k in schema.model_fields})


def test_patient_inputs(db: Database, services: Services) -> None:
    saved: list[int] = []

    @EXAMPLES
    @given(data=model_dicts(PatientInput, patient_data()), reason=st.one_of(TEXT, GARBAGE))
    def run(data: Any, reason: Any) -> None:
        if _attempt(lambda: saved.append(services.patients.register(data).id)) and saved:
            _attempt(lambda: services.patients.edit(saved[0], data, reason=reason))

    run()
    assert saved, "no generated patient was valid: the strategy needs looking at"
    _sound(db, {Patient: lambda p: (PatientInput, _patient_input(p))})


def test_course_inputs(db: Database, services: Services) -> None:
    pid = services.patients.register(patient_data()).id
    opened: list[int] = []

    @EXAMPLES
    @given(
        course=model_dicts(CourseInput, {"protocol_id": "acne", "started_on": TODAY}),
        close=model_dicts(CourseCloseInput, {"ended_on": TODAY}),
    )
    def run(course: Any, close: Any) -> None:
        if _attempt(lambda: opened.append(services.courses.open_course(pid, course).id)):
            _attempt(lambda: services.courses.close_course(opened[-1], close))

    run()
    assert opened
    _sound(db, {Course: _fields(CourseInput)})


def test_session_inputs(db: Database, services: Services, ready_patient: int) -> None:
    recorded: list[int] = []

    @EXAMPLES
    @given(
        data=model_dicts(SessionInput, wbc_session()),
        reason=st.one_of(TEXT, GARBAGE),
        valid=st.booleans(),
    )
    def run(data: Any, reason: Any, valid: bool) -> None:
        if valid:  # a sound session now and then, so that amendments have one to change
            overrides = {"daily_limit": "Physician approved another session today"}
            _attempt(
                lambda: recorded.append(
                    services.sessions.record_session(
                        ready_patient, wbc_session(overrides=overrides)
                    ).id
                )
            )
        if _attempt(
            lambda: recorded.append(services.sessions.record_session(ready_patient, data).id)
        ):
            pass
        if recorded:
            _attempt(lambda: services.sessions.amend_session(recorded[0], data, reason=reason))
        _attempt(lambda: services.sessions.preview_findings(ready_patient, data))

    run()
    assert recorded
    _sound(db, {TreatmentSession: lambda r: (SessionInput, session_input(r))})


def test_pretreatment_inputs(db: Database, services: Services) -> None:
    pid = services.patients.register(patient_data()).id
    cold_tests = {
        "ice_cube": IceCubeTestInput,
        "cold_pressor": ColdPressorTestInput,
        "temp_threshold": TempThresholdTestInput,
    }

    @EXAMPLES
    @given(
        screening=model_dicts(ScreeningInput, {"screened_on": TODAY, "answers": {}}),
        clearance=model_dicts(ClearanceInput, CLEARANCE),
        consent=model_dicts(ConsentInput, {"signed_on": TODAY, "form_version": 1}),
        kind=st.one_of(st.sampled_from(sorted(cold_tests)), st.text(max_size=8)),
        test=st.sampled_from(sorted(cold_tests)).flatmap(lambda k: model_dicts(cold_tests[k])),
    )
    def run(screening: Any, clearance: Any, consent: Any, kind: Any, test: Any) -> None:
        _attempt(lambda: services.pretreatment.record_screening(pid, screening))
        _attempt(lambda: services.pretreatment.record_clearance(pid, clearance))
        _attempt(lambda: services.pretreatment.record_consent(pid, consent))
        _attempt(lambda: services.pretreatment.record_cold_test(pid, kind, test))

    run()
    _sound(db, {Clearance: _fields(ClearanceInput), Consent: _fields(ConsentInput)})


def test_outcome_inputs(db: Database, services: Services) -> None:
    pid = services.patients.register(patient_data()).id
    events: list[int] = []

    @EXAMPLES
    @given(
        event=model_dicts(AdverseEventInput, EVENT),
        assessment=model_dicts(
            AssessmentInput, {"kind": "dlqi", "assessed_on": TODAY, "value": 3.0}
        ),
        resolved=st.one_of(st.fixed_dictionaries({"resolved_on": st.dates()}), GARBAGE),
        reason=st.one_of(TEXT, GARBAGE),
    )
    def run(event: Any, assessment: Any, resolved: Any, reason: Any) -> None:
        _attempt(lambda: events.append(services.outcomes.record_adverse_event(pid, event).id))
        _attempt(lambda: services.outcomes.record_assessment(pid, assessment))
        if events:
            _attempt(lambda: services.outcomes.resolve_adverse_event(events[0], resolved, reason))

    run()
    _sound(
        db,
        {AdverseEvent: _fields(AdverseEventInput), Assessment: _fields(AssessmentInput)},
    )


def test_practice_inputs_and_limits(db: Database, services: Services) -> None:
    @EXAMPLES
    @given(
        practice=model_dicts(PracticeInput, {"name": "Cryo Centre"}),
        limits=st.one_of(
            st.dictionaries(
                st.sampled_from(sorted(services.practice.thresholds())),
                st.one_of(st.floats(), st.integers(min_value=-10, max_value=10_000), GARBAGE),
                max_size=3,
            ),
            GARBAGE,
        ),
        reason=st.one_of(TEXT, GARBAGE),
    )
    def run(practice: Any, limits: Any, reason: Any) -> None:
        _attempt(lambda: services.practice.update_practice(practice))
        _attempt(lambda: services.practice.set_thresholds(limits, reason))

    run()
    _sound(db, {})


def test_document_and_archive_inputs(db: Database, services: Services) -> None:
    pid = services.patients.register(patient_data()).id
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": TODAY}).id

    @EXAMPLES
    @given(
        kind=st.one_of(st.sampled_from(["consent", "handout", "course_summary"]), GARBAGE),
        language=st.one_of(st.sampled_from(["en", "ru", "xx"]), GARBAGE),
        pdf=st.one_of(st.binary(max_size=50).map(lambda b: b"%PDF-1.4" + b), GARBAGE),
        course_id=st.one_of(st.none(), st.just(course), st.integers()),
        reason=st.one_of(TEXT, GARBAGE),
        target=st.integers(min_value=-2, max_value=5),
    )
    def run(kind: Any, language: Any, pdf: Any, course_id: Any, reason: Any, target: Any) -> None:
        _attempt(lambda: services.documents.record(pid, course_id, kind, pdf, language))
        _attempt(lambda: services.courses.archive(target, reason))
        _attempt(lambda: services.pretreatment.archive("consent", target, reason))

    run()
    _sound(db, {})
