"""The audit trail as the services write it: states independent of the driver, the chain
head, the History from the lean layout, and the erasure hook that keeps it verifiable."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import text

from cryolog.db.audit_chain import chain_head, runner, state_hash
from cryolog.db.audit_rows import object_state, read_state
from cryolog.db.audit_state import model_specs
from cryolog.db.database import Database
from cryolog.db.models import TreatmentSession
from cryolog.services import Services
from tests.services.conftest import other_patient, patient_data


def test_state_is_the_same_from_the_orm_sqlalchemy_text_and_stdlib_sqlite3(
    db: Database, ready_patient: int, services: Services
) -> None:
    """The hash does not depend on how the row was read (the driver's text or the ORM's
    Python values): what a PostgreSQL copy will rely on."""
    from tests.services.conftest import wbc_session

    saved = services.sessions.record_session(
        ready_patient, wbc_session(skin_temp_before_c=33.3, reactions="лёгкое покраснение")
    )
    spec = model_specs()["session"]
    with db.read() as s:
        orm = object_state(s.get(TreatmentSession, saved.id))
        through_text = read_state(runner(s.connection()), spec, saved.id)
        assert s.execute(text("SELECT typeof(started_at) FROM treatment_session")).scalar() == (
            "integer"  # the stored form on SQLite (revision 0022)
        )
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:
        through_stdlib = read_state(runner(conn), spec, saved.id)
    assert orm == through_text == through_stdlib
    assert orm["areas"] == [] and orm["skin_temp_before_c"] == "33.3"
    assert state_hash(b"s", orm) == state_hash(b"s", through_stdlib)


def test_chain_head_through_both_kinds_of_connection(db: Database, services: Services) -> None:
    services.patients.register(patient_data())
    with db.read() as s:
        through_sqlalchemy = chain_head(s.connection())
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:
        through_stdlib = chain_head(conn)
    assert through_sqlalchemy == through_stdlib and through_stdlib is not None
    assert through_stdlib.entry_id == 2  # the genesis checkpoint, then the new patient


def _raw(db: Database, sql: str, *params: object) -> list[tuple[object, ...]]:
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:
        return conn.execute(sql, params).fetchall()


def test_new_records_keep_only_their_hash_and_changes_only_what_changed(
    db: Database, services: Services
) -> None:
    p = services.patients.register(patient_data())
    services.patients.edit(
        p.id, patient_data(phone="+7 900 000-00-00"), reason="New phone number given"
    )
    rows = _raw(
        db,
        "SELECT a.action, a.row_hash IS NOT NULL, a.before_hash IS NOT NULL, a.before_json,"
        " a.after_json, c.content FROM audit_log a LEFT JOIN audit_content c"
        " ON c.entry_id = a.id WHERE a.entity = 'patient' ORDER BY a.id",
    )
    create, update = rows
    assert create == ("create", 1, 0, None, None, None)  # no copy of the new row
    assert update[:5] == ("update", 1, 1, None, None)
    content = str(update[5])
    assert '"phone":"+7 900 000-00-00"' in content and "family_name" not in content


@pytest.mark.tampered
def test_history_shows_new_records_as_created_while_that_can_be_proven(
    db: Database, services: Services
) -> None:
    p = services.patients.register(patient_data(notes="first"))
    services.patients.edit(p.id, patient_data(notes="second"), reason="Note completed later")
    services.patients.edit(p.id, patient_data(notes="third"), reason="Note corrected again")
    history = services.records.history(p.id)
    assert [e.action for e in history] == ["update", "update", "create"]

    created = json.loads(history[-1].after_json or "{}")
    assert (created["notes"], created["id"]) == ("first", p.id)
    assert created["version"] == services.patients.get_patient(p.id).version - 2
    assert json.loads(history[0].before_json or "{}")["notes"] == "second"
    assert json.loads(history[0].after_json or "{}")["notes"] == "third"
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:  # the row changed behind cryolog's back
        conn.execute("UPDATE patient SET notes = 'forged' WHERE id = ?", (p.id,))
        conn.commit()
    history = services.records.history(p.id)
    assert history[-1].after_json is None  # unproven: not shown
    assert json.loads(history[0].after_json or "{}")["notes"] == "third"  # what was recorded


def test_each_threshold_change_is_one_entry_and_the_file_verifies(
    db: Database, services: Services
) -> None:
    from cryolog.services.verify import verify_file

    services.practice.set_thresholds(
        {"exposure_max_s": 200, "exposure_long_s": 150}, reason="Chamber maker's guidance"
    )
    entries = _raw(db, "SELECT reason FROM audit_log WHERE entity = 'clinical_threshold'")
    assert entries == [("Chamber maker's guidance",)] * 2
    assert db.path is not None
    assert verify_file(db.path).exit_status == 0


def test_use_cases_in_one_unit_chain_in_order(db: Database, services: Services) -> None:
    from cryolog.services.verify import verify_file

    with services.unit() as unit:
        first = unit.patients.register(patient_data())
        unit.patients.register(other_patient("Dupont"))
        unit.patients.archive(first.id, "Registered twice by mistake")
    assert db.path is not None
    report = verify_file(db.path)
    assert report.exit_status == 0 and report.entries == 4


def test_a_verification_stops_early_when_asked(db: Database, services: Services) -> None:
    from cryolog.services.verify import VerifyCancelled, verify_file

    for n in range(30):
        services.patients.register(other_patient(f"Name{n}"))
    assert db.path is not None
    with pytest.raises(VerifyCancelled):
        verify_file(db.path, cancelled=lambda: True)
    asked: list[bool] = []

    def after_a_while() -> bool:  # the window closes while the check runs
        asked.append(True)
        return len(asked) > 3

    with pytest.raises(VerifyCancelled):
        verify_file(db.path, cancelled=after_a_while)
    assert verify_file(db.path, cancelled=lambda: False).exit_status == 0
