"""The services over ``db`` for the server tests (as in tests/services)."""

from __future__ import annotations

import pytest

from cryolog.db.database import Database
from cryolog.services import Services


@pytest.fixture
def services(db: Database) -> Services:
    return Services.open(db, actor="dr.test")
