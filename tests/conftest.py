"""Shared fixtures. Qt runs offscreen; each test gets its own database made by migrations."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The log goes to a folder of the test run's own, never the user's (cryolog/logs.py).
os.environ.setdefault("CRYOLOG_LOG_DIR", tempfile.mkdtemp(prefix="cryolog-test-log-"))

import pytest

from cryolog.db.database import Database, open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cryolog.db"


@pytest.fixture
def db(db_path: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    """A fresh database; when the test is done, its audit trail must still verify: every
    change a test made through the services was audited and chained (a test that tampers
    with the file on purpose is marked ``tampered``)."""
    database = open_database(db_path)
    yield database
    database.dispose()
    if request.node.get_closest_marker("tampered") is None and db_path.exists():
        from cryolog.services.verify import verify_file

        report = verify_file(db_path)
        assert [b.line() for b in report.breaks] == [], "the audit trail does not verify"


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data folder (kept-aside typing) of each test is a folder of its own."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder
