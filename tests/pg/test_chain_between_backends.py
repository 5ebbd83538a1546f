"""The audit chain's encoding does not depend on the driver: a chain made in a file
verifies on a server after a copy, and one made on a server verifies in a file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from cryolog.db.database import Database, open_database
from cryolog.db.engine import make_engine
from cryolog.db.location import create_private_file
from cryolog.services import Services
from cryolog.services.copy import CopyFailed, copy_database
from cryolog.services.verify import verify_file
from cryolog.services.verify_server import verify_server
from tests.pg.fixtures import ServerDatabase
from tests.services.conftest import other_patient, patient_data

TODAY = date.today()


def _fill(db: Database) -> None:
    services = Services.open(db, actor="dr.petrova")
    pid = services.patients.register(patient_data()).id
    services.patients.edit(
        pid, patient_data(notes="Prefers mornings; ёлка 🎄"), reason="Note from the front desk"
    )
    services.pretreatment.record_screening(pid, {"screened_on": TODAY, "answers": {}})
    services.pretreatment.record_consent(pid, {"signed_on": TODAY, "form_version": 1})
    services.pretreatment.record_clearance(
        pid,
        {"issued_on": TODAY, "valid_until": TODAY + timedelta(days=180), "ecg": True,
         "blood": True, "urine": True},
    )  # fmt: skip
    services.courses.open_course(pid, {"protocol_id": "acne", "started_on": TODAY})
    services.patients.register(other_patient("Dupont", height_cm=181.5))


def _actors(db: Database) -> list[str]:
    with db.read() as s:
        return [r[0] for r in s.execute(text("SELECT actor FROM audit_log ORDER BY id"))]


def test_a_file_copied_to_a_server_verifies_there_with_the_same_head(
    tmp_path: Path, pg_empty: ServerDatabase
) -> None:
    source = open_database(tmp_path / "clinic.db")
    _fill(source)
    file_report = verify_file(tmp_path / "clinic.db")
    assert file_report.breaks == [] and file_report.head is not None
    destination = make_engine(pg_empty.url)
    try:
        report = copy_database(source.engine, destination)
    finally:
        destination.dispose()
    assert report.head == file_report.head  # the same entry ids and hashes
    assert report.counts["audit_log"] == file_report.entries > 5
    server_report = verify_server(pg_empty.url)
    assert [b.line() for b in server_report.breaks] == []
    assert server_report.records > 0
    # the copied chain, then the copy's own entry, chained after the copied head
    assert server_report.entries == file_report.entries + 1
    assert server_report.head is not None and server_report.head.entry_id == report.entry_id
    assert report.entry_id == file_report.head.entry_id + 1
    server = open_database(pg_empty.url)
    try:
        assert _actors(server) == [*_actors(source), "cryolog"]  # the recorded actors kept
        Services.open(server, actor="dr.sidorov").patients.register(other_patient("Weiss"))
    finally:  # a new record gets the next id from the reset sequence, and is chained on
        server.dispose()
        source.dispose()
    after = verify_server(pg_empty.url)
    assert after.breaks == [] and after.entries == server_report.entries + 1


def test_a_server_copied_to_a_file_verifies_in_the_file(
    tmp_path: Path, pg_database: ServerDatabase
) -> None:
    server = open_database(pg_database.url)
    _fill(server)
    target = tmp_path / "snapshot.db"
    create_private_file(target)
    engine = make_engine(str(target), foreign_keys=False)
    try:
        report = copy_database(server.engine, engine)
    finally:
        engine.dispose()
        server.dispose()
    in_file = verify_file(target)
    assert [b.line() for b in in_file.breaks] == []
    assert report.head == verify_server(pg_database.url).head  # the server's chain, copied
    assert in_file.head is not None and report.head is not None
    assert in_file.head.entry_id == report.entry_id == report.head.entry_id + 1


def test_a_copy_goes_only_into_an_empty_database(
    tmp_path: Path, pg_database: ServerDatabase
) -> None:
    source = open_database(tmp_path / "clinic.db")
    destination = make_engine(pg_database.url)
    try:
        with pytest.raises(CopyFailed, match="already holds a database"):
            copy_database(source.engine, destination)
    finally:
        destination.dispose()
        source.dispose()
