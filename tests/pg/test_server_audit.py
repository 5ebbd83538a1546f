"""The audit trail on a server: append-only in the database itself, verified on demand."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cryolog.db.database import open_database
from cryolog.services import Services
from cryolog.services.verify_server import verify_server
from tests.pg.cluster import Cluster
from tests.pg.fixtures import ServerDatabase
from tests.services.conftest import patient_data
from tests.services.test_audit_erasure import _erase as erase_with_records

REASON = "Erasure asked for in writing by the patient"


def _filled(pg_database: ServerDatabase) -> int:
    db = open_database(pg_database.url)
    try:
        services = Services.open(db, actor="dr.test")
        pid = services.patients.register(patient_data()).id
        services.patients.edit(pid, patient_data(notes="Allergic to latex"), reason=REASON)
        return pid
    finally:
        db.dispose()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET actor = 'someone.else'",
        "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
        "TRUNCATE audit_log CASCADE",
        "UPDATE audit_content SET content = '{}'",
        "DELETE FROM audit_content",
        "TRUNCATE audit_content",
        "UPDATE audit_salt SET salt = NULL",  # blanking a salt needs its erased_at too
        "DELETE FROM audit_salt",
    ],
)
def test_the_server_refuses_to_rewrite_the_audit_trail(
    pg_database: ServerDatabase, statement: str
) -> None:
    _filled(pg_database)
    db = open_database(pg_database.url)
    try:
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        db.dispose()
    pg_database.assert_verifies()


def test_an_erasure_on_request_blanks_the_content_and_the_trail_still_verifies(
    pg_database: ServerDatabase,
) -> None:
    pid = _filled(pg_database)
    db = open_database(pg_database.url)
    try:
        erased = erase_with_records(db, pid)  # each record removed with an entry, then blanked
        assert erased.contents >= 1
        with db.read() as s:
            left = s.execute(
                text(
                    "SELECT count(*) FROM audit_content c JOIN audit_log a ON a.id = c.entry_id"
                    " WHERE a.patient_id = :p AND c.content IS NOT NULL"
                ),
                {"p": pid},
            ).scalar()
        assert left == 0
    finally:
        db.dispose()
    pg_database.assert_verifies()


@pytest.mark.tampered
@pytest.mark.parametrize(
    ("tampering", "said"),
    [
        ("DROP TRIGGER audit_log_no_change ON audit_log", "audit_log_no_change: missing"),
        ("ALTER TABLE audit_salt DISABLE TRIGGER audit_salt_no_change", "disabled"),
        (
            "CREATE OR REPLACE FUNCTION audit_content_guard() RETURNS trigger LANGUAGE plpgsql"
            " AS $$ BEGIN RETURN NEW; END $$",
            "audit_content_no_change: altered",
        ),
    ],
)
def test_verify_finds_guards_dropped_disabled_or_rewritten(
    pg_cluster: Cluster, pg_database: ServerDatabase, tampering: str, said: str
) -> None:
    _filled(pg_database)
    assert verify_server(pg_database.url).exit_status == 0
    pg_cluster.sql(tampering, pg_database.name)
    report = verify_server(pg_database.url)
    assert report.exit_status == 1
    assert any(said in b.line() for b in report.breaks)


@pytest.mark.tampered
def test_verify_on_the_command_line_finds_a_rewritten_record(
    pg_cluster: Cluster, pg_database: ServerDatabase
) -> None:
    pid = _filled(pg_database)

    def verify(*more: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cryolog", "verify", "--db", pg_database.url, *more],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    clean = verify()  # the first on this workstation: full
    assert clean.returncode == 0, clean.stderr
    assert "Everything verifies" in clean.stdout and "triggers are in place" in clean.stdout
    pg_cluster.sql(f"UPDATE patient SET notes = 'No allergies' WHERE id = {pid}", pg_database.name)
    since = verify()  # incremental: the entries only, and it says so
    assert since.returncode == 0 and "since entry" in since.stdout and "--full" in since.stdout
    broken = verify("--full")
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert f"patient {pid}" in broken.stdout
