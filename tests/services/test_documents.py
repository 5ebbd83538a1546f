"""Document inputs built from a real migrated database, and kept copies with their audit."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from cryolog.db.database import Database
from cryolog.db.revisions import HEAD_REVISION
from cryolog.domain.errors import InvalidInput, RecordNotFound
from cryolog.reports import render
from cryolog.services import Services
from cryolog.services.documents import DocumentService
from cryolog.services.safety import SafetyStop
from tests.reports.pdftools import text as pdf_text
from tests.services.conftest import TODAY, patient_data, wbc_session

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

REASON = "Checked by phone with Dr. O'Brien <cardiology> & agreed"


def record_with_overrides(services: Services, pid: int, data: dict[str, Any]) -> None:
    """Save a session, giving a written reason for any hard stop the rules raise."""
    try:
        services.sessions.record_session(pid, data)
    except SafetyStop as stop:
        reasons = {f.rule: f"{REASON} ({f.rule})" for f in stop.unresolved}
        services.sessions.record_session(pid, {**data, "overrides": reasons})


@pytest.fixture
def course_id(services: Services, ready_patient: int) -> int:
    services.practice.update_practice(
        {
            "name": "Nordic Cryo",
            "address": "Main St 1",
            "phone": "+358 40 123 4567",
            "practitioner": "Dr. Zoë Ørsted",
        }
    )
    start = TODAY - timedelta(days=12)
    course = services.courses.open_course(
        ready_patient, {"protocol_id": "wbc_course", "started_on": start, "planned_sessions": 10}
    )
    for n in range(4):
        day = start + timedelta(days=3 * n)
        moment = datetime.combine(day, time(10, 0)).astimezone()
        record_with_overrides(
            services,
            ready_patient,
            wbc_session(
                started_at=moment,
                course_id=course.id,
                nrs_pre=6 - n,
                nrs_post=4 - n,
                notes="Said <b>fine</b> & smiled",
            ),
        )
    return course.id


def documents(services: Services) -> DocumentService:
    return DocumentService(services.db, services.actor)


def test_course_summary_input_holds_the_course(services: Services, course_id: int) -> None:
    data = documents(services).course_summary(course_id)
    assert [s.session_date for s in data.sessions] == sorted(s.session_date for s in data.sessions)
    assert len(data.sessions) == 4
    assert data.patient.family_name == "Иванова"
    assert data.practice.phone == "+358 40 123 4567"
    assert data.consent is not None and data.screening is not None
    assert data.cold_tests and data.cold_tests[0].kind == "ice_cube"
    content = " ".join(pdf_text(render(data)).split())
    for s in data.sessions:
        assert s.session_date.strftime("%d.%m.%Y") in content  # dates the language's way
    reasons = {f.override_reason for s in data.sessions for f in s.findings if f.override_reason}
    assert reasons, "the backdated sessions needed overrides"
    for reason in reasons:
        assert reason in content


def test_handout_without_bookings_lists_no_visits(services: Services, course_id: int) -> None:
    data = documents(services).handout(course_id, "en")
    assert data.sessions_done == 4 and data.sessions_planned == 10
    assert data.visits == ()


def test_handout_language_defaults_to_the_patients(services: Services, course_id: int) -> None:
    assert documents(services).handout(course_id).language == "en"
    assert documents(services).handout(course_id, "de").language == "de"
    with pytest.raises(InvalidInput) as caught:
        documents(services).handout(course_id, "zz")
    assert caught.value.for_field("language")


def test_generate_keeps_the_exact_pdf_and_audits(
    services: Services, course_id: int, ready_patient: int
) -> None:
    docs = documents(services)
    record, pdf = docs.generate("course_summary", course_id, render)
    assert record.sha256 == hashlib.sha256(pdf).hexdigest()
    assert record.course_id == course_id and record.actor == "dr.test"
    assert docs.pdf(record.id) == pdf
    listed = docs.documents(ready_patient)
    assert [d.id for d in listed] == [record.id] and listed[0].size == len(pdf)
    history = services.records.history(ready_patient)
    entry = next(h for h in history if h.entity == "document")
    assert entry.action == "generate" and entry.entity_id == record.id
    assert json.loads(entry.after_json or "{}")["sha256"] == record.sha256


def test_every_kind_generates(services: Services, course_id: int, ready_patient: int) -> None:
    docs = documents(services)
    for kind, target in (
        ("handout", course_id),
        ("consent", ready_patient),
        ("screening", ready_patient),
    ):
        record, pdf = docs.generate(kind, target, render, language="ru")
        assert record.kind == kind and record.language == "ru"
        assert "Иванова Мария Петровна" in pdf_text(pdf)
    blank, _ = docs.generate("screening", ready_patient, render, blank=True)
    assert blank.kind == "screening"
    assert len(docs.documents(ready_patient)) == 4


def test_unknown_ids_and_bad_input_write_nothing(
    services: Services, db: Database, ready_patient: int
) -> None:
    docs = documents(services)
    with pytest.raises(RecordNotFound, match="No course with id 999"):
        docs.generate("course_summary", 999, render)
    with pytest.raises(RecordNotFound):
        docs.consent_form(12345)
    with pytest.raises(InvalidInput):
        docs.build("letter", ready_patient)
    with pytest.raises(InvalidInput) as caught:
        docs.record(ready_patient, None, "consent", b"not a pdf", "en")
    assert caught.value.for_field("pdf")
    with pytest.raises(InvalidInput):
        docs.record(ready_patient, None, "consent", b"%PDF-1.4", "xx")
    other = services.patients.register(patient_data(family_name="Other", phone="")).id
    course = services.courses.open_course(other, {"protocol_id": "custom", "started_on": TODAY})
    with pytest.raises(InvalidInput) as caught:
        docs.record(ready_patient, course.id, "handout", b"%PDF-1.4", "en")
    assert caught.value.for_field("course_id")
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM document")).scalar() == 0


def test_archived_sessions_are_left_out(services: Services, course_id: int) -> None:
    first = documents(services).course_summary(course_id).sessions[0]
    services.sessions.archive(first.id, "entered twice by mistake")
    data = documents(services).course_summary(course_id)
    assert first.id not in {s.id for s in data.sessions}


def test_migrated_schema_matches_the_models(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from cryolog.db.models import Base

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == HEAD_REVISION
        )
