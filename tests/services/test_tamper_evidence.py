"""Every kind of tampering #10 lists, done with a generic SQLite tool, is found by
``cryolog verify``: the break is named by table and id (and fields where the change allows),
the exit status is 1; a sound file exits 0, a copy without its anchor 3."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from cryolog.cli import main
from cryolog.db.database import Database
from cryolog.services import Services
from tests.services.conftest import other_patient, patient_data, wbc_session

pytestmark = pytest.mark.tampered

PDF = b"%PDF-1.4\n% the consent form as printed\n"


@dataclass(frozen=True)
class Record:
    path: Path
    patient: int
    session: int  # recorded, never changed
    amended: int  # recorded, then amended (its last entry holds the change)
    document: int


@pytest.fixture
def record(db: Database, services: Services, ready_patient: int) -> Iterator[Record]:
    first = services.sessions.record_session(ready_patient, wbc_session(duration_s=100))
    second = services.sessions.record_session(ready_patient, wbc_session(duration_s=110))
    services.sessions.amend_session(
        second.id, wbc_session(duration_s=150), reason="Duration misread from the timer"
    )
    doc = services.documents.record(ready_patient, None, "consent", PDF, "en")
    services.patients.edit(
        ready_patient,
        patient_data(notes="Prefers mornings"),
        reason="Preference told at the desk",
    )
    assert db.path is not None
    db.dispose()
    yield Record(db.path, ready_patient, first.id, second.id, doc.id)


def verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = main(["verify", "--db", str(path)])
    out = capsys.readouterr().out.strip().splitlines()
    return status, out[:-1]  # the breaks; the last line is the summary


@contextmanager
def shell(path: Path) -> Iterator[sqlite3.Connection]:
    """What someone with the file and a generic SQLite tool can do."""
    with closing(sqlite3.connect(path)) as conn:
        conn.isolation_level = None
        yield conn


def drop_triggers(conn: sqlite3.Connection) -> None:
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        conn.execute(f"DROP TRIGGER {name}")


def test_a_sound_file_verifies(record: Record, capsys: pytest.CaptureFixture[str]) -> None:
    assert verify(record.path, capsys) == (0, [])


def test_verify_never_writes(record: Record, capsys: pytest.CaptureFixture[str]) -> None:
    with shell(record.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = hashlib.sha256(record.path.read_bytes()).hexdigest()
    anchor = record.path.with_name(record.path.name + ".anchor").read_bytes()
    assert verify(record.path, capsys)[0] == 0
    assert hashlib.sha256(record.path.read_bytes()).hexdigest() == before
    assert record.path.with_name(record.path.name + ".anchor").read_bytes() == anchor


def test_rewritten_audit_entry_after_dropping_the_triggers(
    record: Record, capsys: pytest.CaptureFixture[str]
) -> None:
    with shell(record.path) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_log SET reason = 'no reason' WHERE action = 'amend'")
        drop_triggers(conn)
        (entry,) = conn.execute("SELECT id FROM audit_log WHERE action = 'amend'").fetchone()
        conn.execute("UPDATE audit_log SET reason = 'no reason' WHERE id = ?", (entry,))
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert any(line.startswith("trigger audit_log_no_update: missing") for line in lines)
    assert any(line.startswith(f"audit_log {entry}: does not hash") for line in lines)


def test_deleted_audit_entries_after_dropping_the_triggers(
    record: Record, capsys: pytest.CaptureFixture[str]
) -> None:
    with shell(record.path) as conn:
        drop_triggers(conn)
        (entry,) = conn.execute(
            "SELECT id FROM audit_log WHERE entity = 'session' AND entity_id = ?",
            (record.session,),
        ).fetchone()
        conn.execute("DELETE FROM audit_log WHERE id = ?", (entry,))
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert f"audit_log {entry + 1}: does not hash" in "\n".join(lines)
    assert f"treatment_session {record.session}: has no audit entry" in "\n".join(lines)


def test_rewritten_content_of_a_change(record: Record, capsys: pytest.CaptureFixture[str]) -> None:
    with shell(record.path) as conn:
        drop_triggers(conn)
        conn.execute(
            "UPDATE audit_content SET content = replace(content, '\"150\"', '\"140\"')"
            " WHERE entry_id = (SELECT id FROM audit_log WHERE action = 'amend')"
        )
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert any(line.startswith("audit_content ") and "rewritten" in line for line in lines)


def test_session_duration_changed_with_the_shell(
    record: Record, capsys: pytest.CaptureFixture[str]
) -> None:
    with shell(record.path) as conn:
        conn.execute(
            "UPDATE treatment_session SET duration_s = 999 WHERE id IN (?, ?)",
            (record.session, record.amended),
        )
    status, lines = verify(record.path, capsys)
    assert status == 1
    text = "\n".join(lines)
    # A recorded-only session: found, its fields cannot be named (only its hash was kept).
    assert f"treatment_session {record.session}: its stored values differ" in text
    # The amended one: its last change holds the duration, so the field is named.
    assert f"treatment_session {record.amended}: changed outside cryolog" in text
    assert "duration_s (recorded 150, now 999)" in text


def test_newest_session_deleted_with_its_audit_entries(
    record: Record, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _reopened(db_path) as services:
        newest = services.sessions.record_session(
            record.patient,
            wbc_session(
                duration_s=90,
                overrides={"daily_limit": "Physician approved a third session today"},
            ),
        )
    with shell(record.path) as conn:
        drop_triggers(conn)
        conn.execute("DELETE FROM session_finding WHERE session_id = ?", (newest.id,))
        conn.execute("DELETE FROM treatment_session WHERE id = ?", (newest.id,))
        conn.execute(
            "DELETE FROM audit_log WHERE entity = 'session' AND entity_id = ?", (newest.id,)
        )
        conn.execute(  # and put the triggers back, so nothing but the tail looks amiss
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
        )
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert any("cut-off tail" in line for line in lines)
    # Writing again afterwards does not hide it: the anchor is not moved onto the new chain.
    with _reopened(db_path) as services:
        services.patients.register(other_patient("Dupont"))
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert any(
        line.startswith("anchor: entry") and "not the one anchored" in line for line in lines
    )


def test_stored_pdf_swapped_together_with_its_hash(
    record: Record, capsys: pytest.CaptureFixture[str]
) -> None:
    other = b"%PDF-1.4\n% a different consent form\n"
    with shell(record.path) as conn:
        conn.execute(
            "UPDATE document SET pdf = ?, sha256 = ? WHERE id = ?",
            (other, hashlib.sha256(other).hexdigest(), record.document),
        )
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert any(line.startswith(f"document {record.document}: its stored values") for line in lines)


def test_stored_pdf_swapped_alone(record: Record, capsys: pytest.CaptureFixture[str]) -> None:
    with shell(record.path) as conn:
        conn.execute("UPDATE document SET pdf = ? WHERE id = ?", (b"%PDF-1.4 x", record.document))
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert f"document {record.document}: its stored PDF does not match its SHA-256" in lines


def test_one_changed_byte_in_a_text_column(
    record: Record, capsys: pytest.CaptureFixture[str]
) -> None:
    with shell(record.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(record.path.read_bytes())
    at = _in_the_row(data)
    data[at] = ord("p")  # "prefers mornings": one byte, inside the page, no checksum
    record.path.write_bytes(bytes(data))
    with shell(record.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert any(line.startswith(f"patient {record.patient}: changed outside") for line in lines)
    assert "notes (recorded Prefers mornings, now prefers mornings)" in "\n".join(lines)


def test_text_made_invalid_utf8_is_a_break_not_a_crash(
    record: Record, capsys: pytest.CaptureFixture[str]
) -> None:
    with shell(record.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(record.path.read_bytes())
    data[_in_the_row(data)] = 0xFF
    record.path.write_bytes(bytes(data))
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert any(line.startswith(f"patient {record.patient}:") for line in lines)


def test_record_added_outside_cryolog(record: Record, capsys: pytest.CaptureFixture[str]) -> None:
    with shell(record.path) as conn:
        conn.execute(
            "INSERT INTO consent (patient_id, signed_on, form_version, notes, created_at,"
            " updated_at, version) VALUES (?, '2020-01-01', 1, '', '2020-01-01 00:00:00.000000',"
            " '2020-01-01 00:00:00.000000', 1)",
            (record.patient,),
        )
        (new_id,) = conn.execute("SELECT max(id) FROM consent").fetchone()
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert f"consent {new_id}: has no audit entry (added outside cryolog)" in lines


def test_clinical_limit_changed_with_the_shell(
    db: Database, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    services.practice.set_thresholds({"exposure_max_s": 200}, reason="Chamber maker's guidance")
    db.dispose()
    assert db.path is not None
    with shell(db.path) as conn:
        conn.execute("UPDATE clinical_threshold SET value = 400 WHERE name = 'exposure_max_s'")
    status, lines = verify(db.path, capsys)
    assert status == 1
    assert any(line.startswith("clinical_threshold: changed outside cryolog") for line in lines)


def test_a_copy_without_its_anchor_cannot_have_its_tail_checked(
    record: Record, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.db"
    with shell(record.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(record.path, copy)
    status = main(["verify", "--db", str(copy)])
    out = capsys.readouterr().out
    assert status == 3 and "cannot be checked" in out


def test_a_damaged_anchor_is_a_break(record: Record, capsys: pytest.CaptureFixture[str]) -> None:
    record.path.with_name(record.path.name + ".anchor").write_text("{not json")
    status, lines = verify(record.path, capsys)
    assert status == 1 and lines[0].startswith("anchor: ")


def test_file_problems_are_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    for target in (tmp_path / "missing.db", garbage):
        assert main(["verify", "--db", str(target)]) == 2
        captured = capsys.readouterr()
        assert captured.err.count("\n") == 1 and captured.err.startswith("cryolog: ")
        assert "Traceback" not in captured.err


def _in_the_row(data: bytearray) -> int:
    """Where the patient row holds the note (the change's content record holds it too)."""
    found = [i for i in range(len(data)) if data.startswith(b"Prefers mornings", i)]
    in_row = [i for i in found if not data[:i].endswith(b'"notes":"')]
    assert len(in_row) == 1
    return in_row[0]


@contextmanager
def _reopened(path: Path) -> Iterator[Services]:
    from cryolog.db.database import open_database

    database = open_database(path)
    try:
        yield Services.open(database, "dr.test")
    finally:
        database.dispose()


def test_a_change_made_with_the_shell_is_not_hidden_by_a_later_edit_in_cryolog(
    record: Record, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with shell(record.path) as conn:
        conn.execute("UPDATE patient SET height_cm = 150 WHERE id = ?", (record.patient,))
    with _reopened(db_path) as services:  # the next edit takes the forged row as "before"
        services.patients.edit(
            record.patient,
            patient_data(height_cm=150.0, notes="Prefers evenings now"),
            reason="Preference changed, told at the desk",
        )
    status, lines = verify(record.path, capsys)
    assert status == 1
    assert any(
        line.startswith(f"patient {record.patient}: it was changed outside cryolog before")
        for line in lines
    )
