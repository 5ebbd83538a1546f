"""The erasure hook: what the trail holds of a patient's values is blanked, the salt too,
and every hash, so the chain and the checkpoints, still verifies."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from cryolog.db.audit_checkpoint import PatientErased
from cryolog.db.database import Database, open_database
from cryolog.db.models import (
    AdverseEvent,
    Assessment,
    Clearance,
    ColdTest,
    Consent,
    Course,
    Document,
    Patient,
    PatientNameToken,
    Screening,
    TreatmentSession,
)
from cryolog.services import Services, audit
from cryolog.services.verify import verify_file
from tests.services.conftest import TODAY, other_patient, patient_data

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"
REASON = "Erasure on the patient's written request"


# Children before parents (foreign keys); a session's own rows go with it.
_REMOVAL_ORDER = (
    (AdverseEvent, "adverse_event"), (Assessment, "assessment"), (Document, "document"),
    (TreatmentSession, "session"), (Course, "course"), (ColdTest, "cold_test"),
    (Consent, "consent"), (Clearance, "clearance"), (Screening, "screening"),
)  # fmt: skip


def _erase(db: Database, patient_id: int) -> audit.Erased:
    """What the erasure use case does: each record removed with an entry, then the hook."""
    with db.write() as s:
        for model, entity in _REMOVAL_ORDER:
            for row in s.scalars(select(model).where(model.patient_id == patient_id)):
                before = audit.snapshot(row)
                s.delete(row)
                audit.write(s, "dr", "erase", entity, row.id, patient_id, before, reason=REASON)
        patient = s.get(Patient, patient_id)
        assert patient is not None
        before = audit.snapshot(patient)
        s.execute(delete(PatientNameToken).where(PatientNameToken.patient_id == patient_id))
        s.delete(patient)
        audit.write(s, "dr", "erase", "patient", patient_id, patient_id, before, reason=REASON)
        return audit.erase_patient_content(s, patient_id, "dr", REASON)


def _raw(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


def test_erasure_leaves_the_trail_verifiable(db: Database, services: Services) -> None:
    p = services.patients.register(patient_data())
    services.patients.edit(
        p.id, patient_data(phone="+7 900 111-22-33"), reason="New phone number given"
    )
    services.pretreatment.record_screening(p.id, {"screened_on": TODAY, "answers": {}})
    kept = services.patients.register(other_patient("Dupont"))
    services.patients.edit(kept.id, other_patient("Dupont", notes="x"), reason="Note from the desk")
    erased = _erase(db, p.id)
    assert erased.contents == 3  # the edit and the two removals
    assert db.path is not None
    assert _raw(
        db.path, "SELECT salt, erased_at IS NOT NULL FROM audit_salt WHERE patient_id = ?", p.id
    ) == [(None, 1)]
    assert _raw(
        db.path,
        "SELECT count(*) FROM audit_content c JOIN audit_log a ON a.id = c.entry_id"
        " WHERE a.patient_id = ? AND c.content IS NOT NULL",
        p.id,
    ) == [(0,)]
    assert _raw(db.path, "SELECT count(*) FROM audit_content WHERE content LIKE '%111-22-33%'") == [
        (0,)
    ]
    others = 'SELECT count(*) FROM audit_content WHERE content LIKE \'%"notes":"x"%\''
    assert _raw(db.path, others) == [(1,)]  # another patient's trail is untouched
    report = verify_file(db.path)
    assert report.breaks == [] and report.exit_status == 0
    history = services.records.history(p.id)
    assert history[0].action == "erase_content"
    assert all(e.before_json is None and e.after_json is None for e in history)
    with pytest.raises(PatientErased), db.write() as s:  # nothing more is audited for them
        audit.write(s, "dr", "update", "patient", p.id, p.id, reason=REASON)


def test_the_hook_only_blanks_after_the_salt(db: Database, services: Services) -> None:
    p = services.patients.register(patient_data())
    services.patients.edit(p.id, patient_data(notes="x"), reason="Note from the desk")
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_content SET content = NULL, erased_at = '2026-01-01'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_salt SET salt = randomblob(32)")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit_salt")


def test_erasure_on_an_upgraded_file_blanks_the_rows_from_before_the_chain(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    db = open_database(path)
    try:
        (pid,) = _raw(path, "SELECT patient_id FROM audit_log WHERE entity = 'patient' LIMIT 1")[0]
        legacy = _raw(path, "SELECT count(*) FROM audit_log WHERE patient_id = ?", pid)[0][0]
        assert legacy > 0
        _erase(db, int(pid))
        assert _raw(
            path,
            "SELECT count(*) FROM audit_log WHERE patient_id = ? AND entry_hash IS NULL"
            " AND (before_json IS NOT NULL OR after_json IS NOT NULL)",
            pid,
        ) == [(0,)]
        report = verify_file(path)
        assert report.breaks == [] and report.exit_status == 0
    finally:
        db.dispose()
