"""The record's sessions read as plain rows are the same DTOs, children and order included,
as built from the mapped objects."""

from __future__ import annotations

from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import Patient, TreatmentSession
from cryolog.services import Services
from cryolog.services.demo import generate_demo
from cryolog.services.session_read import patient_sessions
from cryolog.services.sessions import session_dto


def test_sessions_from_rows_equal_the_object_built_ones(db: Database) -> None:
    generate_demo(db, 30, seed=3)
    services = Services.open(db, actor="dr.test")
    seen = {"areas": 0, "pain_zones": 0, "findings": 0, "bp_readings": 0, "sessions": 0}
    with db.read() as s:
        for pid in s.scalars(select(Patient.id)):
            stmt = (
                select(TreatmentSession)
                .where(TreatmentSession.patient_id == pid)
                .order_by(TreatmentSession.started_at.desc(), TreatmentSession.id.desc())
            )
            expected = tuple(session_dto(row) for row in s.scalars(stmt))
            got = patient_sessions(s, pid)
            assert got == expected
            assert services.records.patient_record(pid).sessions == expected
            seen["sessions"] += len(got)
            for dto in got:
                for child in ("areas", "pain_zones", "findings", "bp_readings"):
                    seen[child] += len(getattr(dto, child))
    assert all(seen.values()), seen  # the demo has every kind of child row
    assert patient_sessions_empty(db)


def patient_sessions_empty(db: Database) -> bool:
    with db.read() as s:
        return patient_sessions(s, 10_000_000) == ()
