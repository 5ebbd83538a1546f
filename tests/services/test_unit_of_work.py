"""Several use cases in one transaction: all of them land, or none of them does."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from cryolog.db.models import AuditEntry, Patient
from cryolog.services import Services

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

PATIENT = {"family_name": "Unit", "given_name": "Ann", "birth_date": date(1980, 5, 1)}


def _count(services: Services, model: type) -> int:
    with services.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_unit_commits_every_use_case_together(services: Services) -> None:
    with services.unit() as unit:
        first = unit.patients.register(PATIENT)
        unit.patients.register({**PATIENT, "family_name": "Second"})
        with unit.unit() as nested:  # joins, does not commit early
            nested.patients.archive(first.id, "Registered twice by mistake")
    assert _count(services, Patient) == 2
    assert services.patients.get_patient(first.id).archived_at is not None


def test_a_failure_rolls_back_every_use_case(services: Services) -> None:
    audit_before = _count(services, AuditEntry)
    with pytest.raises(RuntimeError), services.unit() as unit:
        unit.patients.register(PATIENT)
        unit.patients.register({**PATIENT, "family_name": "Second"})
        raise RuntimeError("power cut")
    assert _count(services, Patient) == 0
    assert _count(services, AuditEntry) == audit_before
