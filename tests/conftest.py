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

pytest_plugins = ["tests.pg.fixtures"]

SQLITE, POSTGRESQL = "sqlite", "postgresql"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``both_backends`` (a module's ``pytestmark``, a class or a test) run on
    an SQLite file and on the session's PostgreSQL server, unless marked ``sqlite_only``.
    ``CRYOLOG_TEST_BACKENDS=all`` runs every test that takes ``db`` on both."""
    if "backend_kind" not in metafunc.fixturenames:
        return
    both = metafunc.definition.get_closest_marker("both_backends") is not None
    both = both or os.environ.get("CRYOLOG_TEST_BACKENDS") == "all"
    only = metafunc.definition.get_closest_marker("sqlite_only") is not None
    if both and not only:
        metafunc.parametrize("backend_kind", [SQLITE, POSTGRESQL])


@pytest.fixture
def backend_kind() -> str:
    """Where ``db`` lives: an SQLite file, unless parametrised (``both_backends``)."""
    return SQLITE


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cryolog.db"


@pytest.fixture
def db(db_path: Path, backend_kind: str, request: pytest.FixtureRequest) -> Iterator[Database]:
    """A fresh database (an SQLite file, or for ``both_backends`` tests also a fresh
    database on the session's PostgreSQL server); when the test is done, its audit trail
    must still verify: every change a test made through the services was audited and
    chained (a test that tampers with the database on purpose is marked ``tampered``)."""
    tampered = request.node.get_closest_marker("tampered") is not None
    if backend_kind == POSTGRESQL:
        server_db = request.getfixturevalue("pg_database")
        database = open_database(server_db.url)
        yield database
        database.dispose()
        if not tampered:
            server_db.assert_verifies()
        return
    database = open_database(db_path)
    yield database
    database.dispose()
    if not tampered and db_path.exists():
        from cryolog.services.verify import verify_file

        report = verify_file(db_path)
        assert [b.line() for b in report.breaks] == [], "the audit trail does not verify"


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data folder (kept-aside typing) of each test is a folder of its own."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder
