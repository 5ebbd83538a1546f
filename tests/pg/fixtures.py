"""Fixtures for tests on a PostgreSQL server (a pytest plugin of tests/conftest.py).

One throwaway cluster per test session (``cluster.Cluster``), started on first use; one
template database with the migrations applied, made under a linguistic collation (ICU,
Russian) so that anything that leans on the server's collation shows; a fresh database per
test copied from the template (``CREATE DATABASE … TEMPLATE``: milliseconds). Without
PostgreSQL's programs on the machine, these tests are skipped with that reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.pg.cluster import Cluster, find_bindir

TEMPLATE = "cryolog_template"
LINGUISTIC = "LOCALE_PROVIDER icu ICU_LOCALE 'ru-RU' LOCALE 'C.UTF-8'"
_numbers = itertools.count(1)


@dataclass
class ServerDatabase:
    cluster: Cluster
    name: str

    @property
    def url(self) -> str:
        return self.cluster.url(self.name)

    def assert_verifies(self) -> None:
        from cryolog.services.verify_server import verify_server

        report = verify_server(self.url)
        assert [b.line() for b in report.breaks] == [], "the audit trail does not verify"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl): scripts/system-deps.sh")
    cluster = Cluster.start(bindir)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster) -> str:
    """The template database: empty under a linguistic collation, then migrated."""
    from cryolog.db.database import open_database

    pg_cluster.sql(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0 {LINGUISTIC}")
    database = open_database(pg_cluster.url(TEMPLATE))
    database.dispose()
    return TEMPLATE


def new_server_database(cluster: Cluster, template: str | None) -> ServerDatabase:
    name = f"test_{next(_numbers)}"
    source = f"TEMPLATE {template}" if template else f"TEMPLATE template0 {LINGUISTIC}"
    cluster.sql(f"CREATE DATABASE {name} {source}")
    return ServerDatabase(cluster, name)


@pytest.fixture
def pg_database(pg_cluster: Cluster, pg_template: str) -> Iterator[ServerDatabase]:
    """A fresh database at the head revision, dropped after the test."""
    created = new_server_database(pg_cluster, pg_template)
    yield created
    pg_cluster.sql(f"DROP DATABASE IF EXISTS {created.name} WITH (FORCE)")


@pytest.fixture
def pg_empty(pg_cluster: Cluster) -> Iterator[ServerDatabase]:
    """A fresh database with nothing in it (cryolog sets it up on first opening)."""
    created = new_server_database(pg_cluster, None)
    yield created
    pg_cluster.sql(f"DROP DATABASE IF EXISTS {created.name} WITH (FORCE)")
