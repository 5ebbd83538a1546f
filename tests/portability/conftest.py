"""Fixtures for the export and import tests: services over a fresh migrated database."""

from __future__ import annotations

import pytest

from cryolog.db.database import Database
from cryolog.services import Services
from tests.portability.seed import FullPatient, seed_full_patient


@pytest.fixture
def services(db: Database) -> Services:
    return Services.open(db, actor="dr.test")


@pytest.fixture
def full(services: Services) -> FullPatient:
    """A patient with something in every part of the record, and another one beside it."""
    patient = seed_full_patient(services)
    seed_full_patient(services, family="Other", phone="+7 913 765-43-21")
    return patient
