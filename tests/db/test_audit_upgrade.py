"""An existing file gets the chain at the upgrade: a genesis checkpoint hashes what it holds,
the old audit rows stay as they were (readable in the History), and tampering with records
or rows from before the upgrade is found too."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from cryolog.db.database import Database, open_database
from cryolog.services import Services
from cryolog.services.verify import verify_file

pytestmark = pytest.mark.sqlite_only  # old files upgraded to the chained layout

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"


@pytest.fixture
def upgraded(tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "practice.db"
    shutil.copy(FIXTURE, path)
    db = open_database(path)
    yield db
    db.dispose()


def _shell(db: Database, *statements: str) -> None:
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def _breaks(db: Database) -> list[str]:
    assert db.path is not None
    return [b.line() for b in verify_file(db.path).breaks]


def test_upgraded_file_verifies_and_keeps_its_history(upgraded: Database) -> None:
    assert upgraded.path is not None
    report = verify_file(upgraded.path)
    assert report.exit_status == 0 and report.entries == 1  # the genesis
    with closing(sqlite3.connect(upgraded.path)) as conn:
        legacy = conn.execute(
            "SELECT count(*) FROM audit_log WHERE entry_hash IS NULL AND after_json IS NOT NULL"
        ).fetchone()[0]
        (genesis,) = conn.execute(
            "SELECT action FROM audit_log WHERE entry_hash IS NOT NULL"
        ).fetchone()
    assert legacy == 12 and genesis == "checkpoint"
    history = Services.open(upgraded).records.history(1)
    assert history and all(e.after_json for e in history)  # the old rows, as they were


def test_a_record_from_before_the_upgrade_changed_with_the_shell(upgraded: Database) -> None:
    _shell(upgraded, "UPDATE treatment_session SET duration_s = 999 WHERE id = 2")
    assert any(
        line.startswith("treatment_session 0–255: records that predate checkpoint")
        for line in _breaks(upgraded)
    )


def test_an_audit_row_from_before_the_upgrade_rewritten(upgraded: Database) -> None:
    _shell(
        upgraded,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET actor = 'someone else' WHERE id = 3",
    )
    lines = _breaks(upgraded)
    assert any("rows from before the chain were changed" in line for line in lines)


def test_changes_after_the_upgrade_verify(upgraded: Database) -> None:
    services = Services.open(upgraded, "dr.test")
    patient = services.patients.get_patient(1)
    services.patients.edit(
        1,
        {"family_name": patient.family_name, "birth_date": patient.birth_date, "notes": "new"},
        expected_version=patient.version,
        reason="Note added after the upgrade",
    )
    services.patients.archive(2, "Moved to another clinic")
    assert _breaks(upgraded) == []


def test_a_record_changed_with_the_shell_and_then_edited_in_cryolog(upgraded: Database) -> None:
    """The later edit reads the forged state as "before": the entry before it disagrees."""
    _shell(upgraded, "UPDATE patient SET notes = 'forged' WHERE id = 1")
    services = Services.open(upgraded, "dr.test")
    patient = services.patients.get_patient(1)
    services.patients.archive(1, "Moved to another clinic")
    lines = _breaks(upgraded)
    assert any(line.startswith("patient 0–255: records that predate") for line in lines)
    assert patient.notes == "forged"
