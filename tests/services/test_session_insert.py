"""A new session stored through its tables (services.session_insert): every column given,
its audit entry hashing the values inserted (what is read back), its DTO what is stored,
a refused row leaving nothing behind, and its course's due date kept as the flush kept it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, select, text
from sqlalchemy.exc import IntegrityError

from cryolog.db import course_due
from cryolog.db.database import Database
from cryolog.db.models import CourseDue, TreatmentSession
from cryolog.services import Services, audit
from cryolog.services.session_insert import SESSION, filled, insert_session
from cryolog.services.session_rows import session_dto
from tests.services.conftest import TODAY, local_now, wbc_session
from tests.services.test_save_audit_state import _entry_hashes_of_stored

pytestmark = pytest.mark.both_backends


def _full(**changes: Any) -> dict[str, Any]:
    """A session with every kind of child row: areas, pain zones, readings, findings."""
    readings = [
        {"systolic": 172, "diastolic": 104, "measured_at": local_now() - timedelta(minutes=9)},
        {"systolic": 150, "diastolic": 95, "measured_at": local_now()},
    ]
    given: dict[str, Any] = {
        "overrides": {"bp_high": "Rechecked twice, physician approved by phone"},
        **changes,
    }
    return wbc_session(
        bp_pre=None,
        bp_pre_readings=readings,
        areas=[{"site": "whole body", "area_dm2": 2.5, "passes": 1, "exposure_s": 120}],
        pain_zones=[{"zone": "knee", "nrs_pre": 6, "nrs_post": 2}],
        nrs_pre=6,
        nrs_post=2,
        notes="«кавычки» 🧊",
        **given,
    )


@pytest.fixture
def no_orm_state(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A new session's entry may not take its state from a mapped object: it has none."""
    made: list[str] = []
    real = audit.written_state

    def refused(session: Any, obj: Any, entity: str, entity_id: int | None) -> Any:
        made.append(entity)
        return real(session, obj, entity, entity_id)

    monkeypatch.setattr(audit, "written_state", refused)
    return made


def test_a_recorded_session_is_inserted_and_hashes_what_is_stored(
    services: Services, ready_patient: int, db: Database, no_orm_state: list[str]
) -> None:
    saved = services.sessions.record_session(ready_patient, _full())
    assert no_orm_state == []  # neither the session nor anything else was flushed from memory
    _entry_hashes_of_stored(db, saved.id)
    assert saved.areas and saved.pain_zones and saved.bp_readings and saved.findings
    with db.read() as s:
        row = s.get(TreatmentSession, saved.id)
        assert row is not None
        assert session_dto(row) == saved  # the DTO holds what is stored
        assert (row.version, row.device, row.state) == (1, "", "signed")
        assert row.created_at is not None and row.signed_at == row.completed_at


def test_a_draft_is_inserted_and_hashes_what_is_stored(
    services: Services, ready_patient: int, db: Database, no_orm_state: list[str]
) -> None:
    data = _full()
    draft = services.sessions.start_draft(ready_patient, data)
    assert no_orm_state == []
    _entry_hashes_of_stored(db, draft.id)
    assert draft.state == "draft" and not draft.findings
    with db.read() as s:
        row = s.get(TreatmentSession, draft.id)
        assert row is not None and session_dto(row) == draft
    # and the rest of its life goes on from the stored row
    signed = services.sessions.mark_done(draft.id, data, expected_version=1)
    signed = services.sessions.sign(draft.id, data, expected_version=signed.version)
    _entry_hashes_of_stored(db, draft.id)
    assert signed.state == "signed" and signed.findings


def test_the_inserted_values_must_be_the_records() -> None:
    row = filled(SESSION, {"patient_id": 1, "modality": "wbc_chamber"}) | {"id": 7}
    children: dict[str, list[dict[str, Any]]] = {
        "areas": [],
        "pain_zones": [],
        "findings": [],
        "bp_readings": [],
    }
    assert audit.inserted_state("session", 7, audit.Inserted(row, children))["id"] == "7"
    with pytest.raises(ValueError, match="not the values inserted"):
        audit.inserted_state("session", 8, audit.Inserted(row, children))
    with pytest.raises(ValueError, match="not every child row"):
        audit.inserted_state("session", 7, audit.Inserted(row, {"areas": []}))
    short = {k: v for k, v in row.items() if k != "notes"}
    with pytest.raises(ValueError, match="no value for 'notes'"):
        audit.inserted_state("session", 7, audit.Inserted(short, children))
    with pytest.raises(ValueError, match="not the values inserted"):
        audit.inserted_state("clinical_threshold", None, audit.Inserted(row, children))


def test_every_column_gets_the_value_a_flush_would_give() -> None:
    row = filled(SESSION, {"patient_id": 1, "modality": "wbc_chamber", "notes": "x"})
    assert "id" not in row and set(row) == set(SESSION.columns.keys()) - {"id"}
    assert (row["notes"], row["device"], row["version"], row["state"]) == ("x", "", 1, "signed")
    assert row["created_at"] is not None and row["archived_at"] is None
    with pytest.raises(KeyError, match="no column"):
        filled(SESSION, {"no_such_column": 1})
    odd = Table(
        "odd",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("kind", String(5), server_default="a"),
    )
    with pytest.raises(ValueError, match="only the database knows"):
        filled(odd, {})
    assert filled(odd, {"kind": "b"}) == {"kind": "b"}


def test_a_refused_child_row_leaves_nothing_of_the_session(
    services: Services, ready_patient: int, db: Database, row_counts: Callable[[], Any]
) -> None:
    """A value the database refuses (a check the input would have caught) fails the whole
    unit: no session, no child row, no entry, the course's due date as it was."""
    course = services.courses.open_course(
        ready_patient, {"protocol_id": "wbc_course", "started_on": TODAY}
    ).id
    before = row_counts()
    with db.read() as s:
        kept = s.execute(select(CourseDue.next_due).where(CourseDue.course_id == course)).all()
    columns = {
        "patient_id": ready_patient,
        "course_id": course,
        "modality": "wbc_chamber",
        "started_at": local_now(),
        "session_date": TODAY,
        "duration_s": 120,
        "state": "draft",
    }
    areas = [("left knee", "area", 1.0, 0, 20)]  # no passes: passes_plausible refuses it
    with pytest.raises(IntegrityError, match="passes_plausible"), db.write() as session:
        insert_session(session, columns, {"areas": areas})
    assert row_counts() == before
    with db.read() as s:
        assert (
            s.execute(select(CourseDue.next_due).where(CourseDue.course_id == course)).all() == kept
        )


def _kept(db: Database, course: int) -> int:
    with db.read() as s:
        conn = s.connection()
        facts = conn.execute(text(course_due.PLAIN_FACTS)).all()
        kept = conn.execute(text(course_due.PLAIN_KEPT)).all()
        assert course_due.differing(facts, kept) == []
        done = select(CourseDue.sessions_done).where(CourseDue.course_id == course)
        return int(conn.execute(done).scalar_one())


def test_the_course_due_row_is_kept_as_the_flush_kept_it(
    services: Services, ready_patient: int, db: Database
) -> None:
    course = services.courses.open_course(
        ready_patient, {"protocol_id": "wbc_course", "started_on": TODAY}
    ).id
    assert _kept(db, course) == 0
    services.sessions.record_session(ready_patient, wbc_session(course_id=course))
    assert _kept(db, course) == 1
    draft = services.sessions.start_draft(ready_patient, wbc_session(course_id=course))
    assert _kept(db, course) == 1  # a draft does not count
    services.sessions.abandon(draft.id, "Patient felt unwell", expected_version=1)
    assert _kept(db, course) == 1
