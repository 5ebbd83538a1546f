"""A practitioner's role uses the records but cannot touch the schema or the audit trail.

One clinic database for the module (set up by its owner role, as the README says); every
refused statement is rolled back, and the trail must still verify after each."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cryolog.db.backends.postgres_roles import grant_statements
from cryolog.db.database import open_database
from cryolog.services import Services
from cryolog.services.verify_server import verify_server
from tests.pg.cluster import Cluster
from tests.pg.fixtures import LINGUISTIC
from tests.services.conftest import patient_data

PASSWORD = "Clinic-Pa55"
_numbers = itertools.count(1)


@dataclass
class Clinic:
    owner_url: str
    practitioner_url: str
    practitioner: str


@pytest.fixture(scope="module")
def clinic(pg_cluster: Cluster) -> Iterator[Clinic]:
    n = next(_numbers)
    owner, staff, practitioner, name = f"owner_{n}", f"staff_{n}", f"dr_petrova_{n}", f"clinic_{n}"
    pg_cluster.sql(f"CREATE ROLE {owner} LOGIN PASSWORD '{PASSWORD}'")
    pg_cluster.sql(f"CREATE ROLE {staff} NOLOGIN")
    pg_cluster.sql(f"CREATE ROLE {practitioner} LOGIN PASSWORD '{PASSWORD}' IN ROLE {staff}")
    pg_cluster.sql(f"CREATE DATABASE {name} OWNER {owner} TEMPLATE template0 {LINGUISTIC}")
    owner_url = pg_cluster.url(name, owner, PASSWORD)
    db = open_database(owner_url)  # the owner sets the schema up, then grants
    try:
        with db.engine.begin() as conn:
            for statement in grant_statements(staff, owner):
                conn.execute(text(statement))
    finally:
        db.dispose()
    yield Clinic(owner_url, pg_cluster.url(name, practitioner, PASSWORD), practitioner)
    pg_cluster.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_practitioner_saves_records_as_their_role_and_the_trail_verifies(clinic: Clinic) -> None:
    db = open_database(clinic.practitioner_url)
    try:
        services = Services.open(db)  # the actor is the role signed in
        pid = services.patients.register(patient_data()).id
        services.patients.edit(pid, patient_data(notes="Knee"), reason="Added after the visit")
        with db.read() as s:
            actors = s.execute(text("SELECT DISTINCT actor FROM audit_log WHERE id > 1"))
            assert [r[0] for r in actors] == [clinic.practitioner]
    finally:
        db.dispose()
    report = verify_server(clinic.practitioner_url)
    assert [b.line() for b in report.breaks] == [] and report.entries >= 3


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        ("DROP TRIGGER audit_log_no_change ON audit_log", "must be owner"),
        ("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change", "must be owner"),
        ("DROP FUNCTION audit_log_guard() CASCADE", "must be owner"),
        ("ALTER TABLE patient DROP COLUMN notes", "must be owner"),
        ("DELETE FROM audit_log", "permission denied"),
        ("TRUNCATE audit_content", "permission denied"),
        ("UPDATE audit_log SET actor = 'someone.else'", "append-only"),
        ("UPDATE alembic_version SET version_num = '9999'", "permission denied"),
        ("CREATE TABLE shadow (id integer)", "permission denied"),
    ],
)
def test_a_practitioner_cannot_change_the_schema_or_rewrite_the_trail(
    clinic: Clinic, statement: str, refusal: str
) -> None:
    db = open_database(clinic.practitioner_url)
    try:
        with pytest.raises(DBAPIError, match=refusal), db.engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        db.dispose()
    assert verify_server(clinic.owner_url).exit_status == 0


def test_the_readme_shows_exactly_these_grants() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    shown = " ".join(readme.split())
    for statement in grant_statements("cryolog_staff", "cryolog_owner"):
        assert " ".join(statement.split()) + ";" in shown, statement
