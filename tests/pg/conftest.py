"""The services over ``db`` for the server tests (as in tests/services)."""

from __future__ import annotations

import pytest

from cryolog.db.database import Database
from cryolog.services import Services


@pytest.fixture
def services(db: Database) -> Services:
    return Services.open(db, actor="dr.test")


@pytest.fixture(autouse=True)
def _own_data_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heads a workstation verified live in its data folder: each test gets its own
    (commands it starts inherit it), never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
