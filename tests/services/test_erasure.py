"""Erasure on request: exported first, removed, blanked in the trail, nothing left in the
file's bytes (nor its -wal), and the audit trail still verifies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cryolog.db.backup import backup_folder, make_backup
from cryolog.db.database import Database
from cryolog.db.models import Patient
from cryolog.db.rotation import RotationPolicy
from cryolog.services import Services
from cryolog.services.erasure import ERASURE_REASON, erase_patient, erasure_plan
from cryolog.services.verify import verify_file
from tests.services.conftest import other_patient, patient_data, wbc_session

SECRETS = ("Quetzalcoatl", "Xylophonia", "HIV-positive-note", "quetz@example.org", "555-77-99")


def _secret_patient(services: Services) -> int:
    return services.patients.register(
        patient_data(
            family_name=SECRETS[0],
            given_name=SECRETS[1],
            notes=SECRETS[2],
            email=SECRETS[3],
            phone="+7 912 555-77-99",
        )
    ).id


def _raw_bytes(db: Database) -> bytes:
    assert db.path is not None
    data = db.path.read_bytes()
    wal = db.path.with_name(db.path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_erasure_leaves_no_personal_string_and_verifies(
    db: Database, services: Services, ready_patient: int, tmp_path: Path
) -> None:
    pid = _secret_patient(services)
    services.patients.edit(
        pid,
        patient_data(
            family_name=SECRETS[0],
            given_name=SECRETS[1],
            notes=SECRETS[2] + " and more",
            email=SECRETS[3],
            phone="+7 912 555-77-99",
        ),
        reason="The desk added to the note",
    )
    services.sessions.record_session(ready_patient, wbc_session(notes="Kept patient note"))
    before = _raw_bytes(db)
    assert any(s.encode() in before for s in SECRETS)
    export = tmp_path / "record.zip"
    erased = erase_patient(services, pid, export_to=export)
    assert export.is_file() and export.stat().st_size > 0  # exported first
    assert erased.records_removed >= 1 and erased.contents_blanked >= 1
    raw = _raw_bytes(db)
    for secret in SECRETS:
        assert secret.encode() not in raw, secret
        assert secret.encode("utf-16-le") not in raw, secret
    assert "Иванова".encode() in raw  # the other patient is untouched
    with db.read() as session:
        assert session.get(Patient, pid) is None
        assert session.scalar(select(func.count()).select_from(Patient)) == 1
    assert db.path is not None
    report = verify_file(db.path)
    assert report.breaks == [], report.breaks
    assert report.exit_status == 0
    history = services.records.history(pid)
    assert history[0].action == "erase_content"
    assert all(e.reason == ERASURE_REASON for e in history if e.action.startswith("erase"))


def test_the_plan_warns_when_the_record_is_younger_than_the_retention(
    db: Database, services: Services
) -> None:
    pid = _secret_patient(services)
    plan = erasure_plan(db, pid, retention_years=10)
    assert plan.too_young()
    assert plan.kept_until.year == plan.last_activity.year + 10
    assert not erasure_plan(db, pid, retention_years=0).too_young()


def test_the_plan_says_when_the_last_backup_holding_the_patient_is_gone(
    db: Database, services: Services
) -> None:
    pid = _secret_patient(services)
    assert erasure_plan(db, pid, 0).backups_holding == 0
    assert db.path is not None
    make_backup(db.storage, backup_folder(db.path), "manual")
    plan = erasure_plan(db, pid, 0, RotationPolicy(daily=7, weekly=4, monthly=12))
    assert plan.backups_holding == 1
    assert plan.backups_gone_by is not None
    expected = (datetime.now(UTC) + timedelta(days=31 * 12)).date()
    assert abs((plan.backups_gone_by - expected).days) <= 1


def test_an_unknown_patient_is_refused(services: Services) -> None:
    from cryolog.domain.errors import RecordNotFound

    with pytest.raises(RecordNotFound):
        erase_patient(services, 999, export_to=None)


def test_another_patient_keeps_their_history(
    db: Database, services: Services, tmp_path: Path
) -> None:
    pid = _secret_patient(services)
    kept = services.patients.register(other_patient("Dupont")).id
    erase_patient(services, pid, export_to=None)
    with db.read() as session:
        row = session.get(Patient, kept)
        assert row is not None and row.family_name == "Dupont"
    assert services.records.history(kept)


def test_anonymise_keeps_the_clinical_numbers_without_personal_data(
    db: Database, services: Services, ready_patient: int
) -> None:
    from cryolog.db.models import TreatmentSession

    services.patients.edit(
        ready_patient,
        patient_data(family_name=SECRETS[0], notes=SECRETS[2], email=SECRETS[3]),
        reason="The desk corrected the name",
    )
    services.sessions.record_session(ready_patient, wbc_session(notes=SECRETS[1]))
    with db.read() as session:
        kept_temp = session.scalars(select(TreatmentSession.set_temp_c)).all()
    erase_patient(services, ready_patient, export_to=None, anonymise=True)
    raw = _raw_bytes(db)
    for secret in SECRETS[:4]:
        assert secret.encode() not in raw, secret
    assert "Иванова".encode() not in raw and "Мария".encode() not in raw
    with db.read() as session:
        assert session.get(Patient, ready_patient) is None
        rows = session.scalars(select(TreatmentSession)).all()
        assert [r.set_temp_c for r in rows] == kept_temp  # the numbers stay
        owner = session.get(Patient, rows[0].patient_id)
        assert owner is not None and owner.family_name == "Anonymised"
        assert owner.birth_date.month == 1 and owner.birth_date.day == 1
        assert all(not r.notes for r in rows)
    assert db.path is not None
    report = verify_file(db.path)
    assert report.breaks == [], report.breaks
