"""A session's audit entry hashes the state held in memory after the flush: byte for byte
the state the database gives back (what the entries hashed when it was read back, and what
``cryolog verify`` reads), for every kind of value a session and its child rows hold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from cryolog.db.audit_chain import canonical, cut, runner, state_hash
from cryolog.db.audit_checkpoint import salt_for
from cryolog.db.audit_rows import read_state
from cryolog.db.audit_state import model_specs
from cryolog.db.database import Database
from cryolog.services import Services, audit
from tests.services.conftest import local_now, wbc_session

pytestmark = pytest.mark.both_backends  # a server hands the values over as other types

TODAY = date.today()


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, bytes]]]:
    """Every state taken from memory for an entry (from the object flushed, or from the
    values a new session was inserted with), beside the state read back at that moment in
    the same transaction (the way every entry was hashed before)."""
    seen: list[tuple[str, bytes]] = []
    real = audit.written_state
    real_inserted = audit.inserted_state

    def check(session: Session, mine: Any, entity: str, entity_id: int | None) -> None:
        stored = read_state(runner(session.connection()), model_specs()[entity], entity_id)
        assert canonical(mine) == canonical(stored), entity_id
        seen.append((entity, canonical(stored)))

    def both(session: Session, obj: Any, entity: str, entity_id: int | None) -> Any:
        mine = real(session, obj, entity, entity_id)
        check(session, mine, entity, entity_id)
        return mine

    def inserted(entity: str, entity_id: int | None, values: audit.Inserted) -> Any:
        mine = real_inserted(entity, entity_id, values)
        check(inserting[-1], mine, entity, entity_id)
        return mine

    inserting: list[Session] = []
    real_write = audit.write

    def write(session: Session, *args: Any, **kwargs: Any) -> None:
        inserting.append(session)
        real_write(session, *args, **kwargs)

    monkeypatch.setattr(audit, "written_state", both)
    monkeypatch.setattr(audit, "inserted_state", inserted)
    monkeypatch.setattr(audit, "write", write)
    yield seen


def _entry_hashes_of_stored(db: Database, session_id: int) -> None:
    """The newest entry of the session hashes the row as stored now."""
    with db.read() as s:
        entry = s.execute(
            text(
                "SELECT row_hash, patient_id FROM audit_log WHERE entity = 'session'"
                " AND entity_id = :id ORDER BY id DESC LIMIT 1"
            ),
            {"id": session_id},
        ).first()
        assert entry is not None
        sql = runner(s.connection())
        state = read_state(sql, model_specs()["session"], session_id)
        assert bytes(entry[0]) == cut(state_hash(salt_for(sql, entry[1]), state))


def _local_patient(services: Services) -> tuple[int, int]:
    pid = services.patients.register(
        {"family_name": "Łukasiewicz", "given_name": "Zoë", "birth_date": date(1979, 2, 28)}
    ).id
    start = TODAY - timedelta(days=20)
    services.pretreatment.record_screening(pid, {"screened_on": start, "answers": {}})
    services.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
    services.pretreatment.record_cold_test(
        pid, "ice_cube", {"performed_on": start, "result": "negative"}
    )
    course = services.courses.open_course(pid, {"protocol_id": "custom", "started_on": start})
    return pid, course.id


ODD_TEXT = [
    "",
    "plain",
    "Ёжик — «кавычки» ‘single’ …",
    "e\u0301 (combining) ﬁ ligature",
    "שלום עולם مرحبا",
    "emoji 🧊❄️👩🏽‍⚕️",
    "tab\tand\nnew line",
    "x" * 4000,
]


def _local_session(course: int, n: int, **changes: Any) -> dict[str, Any]:
    at = datetime.combine(TODAY - timedelta(days=15 - n), time(9, 7, 3, 120_001 * n % 999_999))
    return {
        "modality": "ln2_applicator",
        "started_at": at.astimezone(),
        "course_id": course,
        "duration_s": 180,
        "set_temp": {"value": -150.5, "unit": "C"},
        "measured_temp": {"value": -238.9, "unit": "F"},
        "applicator": "cotton, 5 mm",
        "skin_temp_before_c": 31.7,
        "skin_temp_after_c": 0.1,
        "nrs_pre": 7,
        "nrs_post": 0,
        "areas": [
            {"site": "left knee", "area_dm2": 0.1, "passes": 3, "exposure_s": 20},
            {"site": "правое колено", "area_dm2": 2.25, "passes": 1, "exposure_s": 45},
        ],
        "pain_zones": [{"zone": "knee", "nrs_pre": 7, "nrs_post": 2}],
        "notes": ODD_TEXT[n % len(ODD_TEXT)],
        "reactions": ODD_TEXT[(n + 3) % len(ODD_TEXT)],
        **changes,
    }


def test_a_recorded_session_hashes_what_is_stored(
    services: Services, db: Database, compared: list[tuple[str, bytes]]
) -> None:
    pid, course = _local_patient(services)
    for n in range(len(ODD_TEXT)):
        saved = services.sessions.record_session(pid, _local_session(course, n))
        _entry_hashes_of_stored(db, saved.id)
    assert len(compared) == len(ODD_TEXT)
    assert all(b'"areas":[{' in state for _, state in compared)
    assert all(b'"pain_zones":[{' in state for _, state in compared)


def test_hard_stops_overridden_and_readings_hash_what_is_stored(
    services: Services, ready_patient: int, db: Database, compared: list[tuple[str, bytes]]
) -> None:
    high = {"systolic": 172, "diastolic": 104, "measured_at": local_now() - timedelta(minutes=9)}
    rested = {"systolic": 150, "diastolic": 95, "measured_at": local_now()}
    data = wbc_session(
        bp_pre=None,
        bp_pre_readings=[high, rested],
        overrides={"bp_high": "Rechecked twice, physician approved by phone — «ok»"},
        aborted=True,
        abort_reason="Patient asked to stop 🧊",
        actual_exposure_s=64,
        skin_temp_method="infrared",
    )
    try:
        saved = services.sessions.record_session(ready_patient, data)
    except Exception as refused:  # the readings' rules may not stop: then no override
        pytest.fail(f"not recorded: {refused}")
    _entry_hashes_of_stored(db, saved.id)
    assert saved.findings and saved.bp_readings
    ((_, state),) = compared
    assert b'"findings":[{' in state and b'"bp_readings":[{' in state


def test_every_step_and_the_amendment_hash_what_is_stored(
    services: Services, ready_patient: int, db: Database, compared: list[tuple[str, bytes]]
) -> None:
    s = services.sessions
    first = wbc_session(notes="Ёжик 🧊")
    draft = s.start_draft(ready_patient, first)
    data = {**first, "hr_pre": 72, "spo2_pre": 97}
    v = s.save_draft(draft.id, data, expected_version=1).version
    running = s.start_timer(draft.id, data, expected_version=v)
    done = s.stop_timer(
        draft.id, {**data, "actual_exposure_s": 124}, expected_version=running.version
    )
    after = {**data, "actual_exposure_s": 124, "bp_post": {"systolic": 130, "diastolic": 84}}
    v = s.save_draft(draft.id, after, expected_version=done.version).version
    signed = s.sign(draft.id, after, expected_version=v)
    amended = s.amend_session(
        draft.id,
        {**after, "reactions": "mild redness, gone in 10 min", "hr_post": 80},
        reason="Reactions noted after the patient called back",
        expected_version=signed.version,
    )
    _entry_hashes_of_stored(db, amended.id)
    other = s.start_draft(ready_patient, wbc_session(started_at=local_now()))
    s.abandon(other.id, "Patient left before the session began", expected_version=1)
    _entry_hashes_of_stored(db, other.id)
    # draft, update, start, complete, update, sign, amend; draft, abandon
    assert [entity for entity, _ in compared] == ["session"] * 9


def test_an_object_with_changes_not_flushed_is_not_taken_from_memory(
    services: Services, ready_patient: int, db: Database
) -> None:
    saved = services.sessions.record_session(ready_patient, wbc_session())
    from cryolog.db.models import TreatmentSession

    with db.read() as s:  # never committed
        row = s.get(TreatmentSession, saved.id)
        assert row is not None
        row.notes = "changed, not flushed"
        with pytest.raises(ValueError, match="not as stored"):
            audit.written_state(s, row, "session", row.id)
        with pytest.raises(ValueError, match="not a course"):
            audit.written_state(s, row, "course", row.id)
        s.expire(row)
