"""Audit entries store 16-byte hashes from revision 0023; entries written before keep 32.

A file written before the change (32-byte hashes, revision 0022) and extended after it
verifies, and so does a new one; each tampering with the lengths is found: a 16-byte entry
rewritten, a hash cut shorter, an old entry cut from 32 bytes to 16, a 32-byte entry after
16-byte ones, 16-byte entries after old ones with no checkpoint between."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from cryolog.cli import main
from cryolog.db import audit_chain
from cryolog.db.database import Database, open_database
from cryolog.services import Services
from tests.services.conftest import patient_data, wbc_session
from tests.services.test_tamper_evidence import drop_triggers, shell

pytestmark = pytest.mark.tampered


def widths(path: Path) -> list[tuple[int, str, int, set[int]]]:
    """(id, action, entry hash length, lengths of its other hashes) of every entry."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT id, action, length(entry_hash), length(row_hash), length(before_hash),"
            " length(content_hash) FROM audit_log WHERE entry_hash IS NOT NULL ORDER BY id"
        ).fetchall()
    return [(r[0], r[1], r[2], {n for n in r[3:] if n is not None}) for r in rows]


def verify(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
    status = main(["verify", "--db", str(path), *extra])
    out = capsys.readouterr().out.strip().splitlines()
    return status, out[:-1]


def record_some(db: Database) -> tuple[int, int]:
    """A patient cleared for a session, with a session recorded: (patient, session)."""
    services = Services.open(db, actor="dr.test")
    pid = services.patients.register(patient_data()).id
    services.pretreatment.record_screening(pid, {"screened_on": _today(), "answers": {}})
    services.pretreatment.record_consent(pid, {"signed_on": _today(), "form_version": 1})
    services.pretreatment.record_clearance(
        pid,
        {"issued_on": _today(), "valid_until": _today().replace(year=_today().year + 1),
         "ecg": True, "blood": True, "urine": True},
    )  # fmt: skip
    services.pretreatment.record_cold_test(
        pid, "ice_cube", {"performed_on": _today(), "result": "negative"}
    )
    session = services.sessions.record_session(pid, wbc_session(duration_s=100)).id
    return pid, session


def _today():  # type: ignore[no-untyped-def]
    from tests.services.conftest import TODAY

    return TODAY


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, int, int]]:
    """A file written the way cryolog wrote before the change (whole SHA-256 hashes, at
    revision 0022: the schema is the same), then opened by this version (0023 chains its
    checkpoint) and extended: the session recorded before amended, a second one recorded,
    the patient edited."""
    path = tmp_path / "practice.db"
    with monkeypatch.context() as old:
        old.setattr(audit_chain, "HASH_BYTES", 32)
        db = open_database(path)
        pid, first = record_some(db)
        db.dispose()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0022'")
        conn.commit()
    assert {w for _, _, w, _ in widths(path)} == {32}
    db = open_database(path)  # upgraded: a backup, then 0023's checkpoint
    services = Services.open(db, actor="dr.test")
    services.sessions.amend_session(first, wbc_session(duration_s=150), reason="Timer misread")
    services.sessions.record_session(pid, wbc_session(duration_s=120))
    services.patients.edit(pid, patient_data(notes="Mornings"), reason="Told at the desk")
    db.dispose()
    yield path, pid, first


def test_a_new_file_stores_16_byte_hashes_and_verifies(
    db: Database, services: Services, ready_patient: int, capsys: pytest.CaptureFixture[str]
) -> None:
    session = services.sessions.record_session(ready_patient, wbc_session(duration_s=100))
    services.sessions.amend_session(
        session.id, wbc_session(duration_s=140), reason="Duration misread"
    )
    assert db.path is not None
    db.dispose()
    found = widths(db.path)
    assert found and all(w == 16 and others <= {16} for _, _, w, others in found)
    assert any(others == {16} for _, action, _, others in found if action == "amend")
    assert verify(db.path, capsys) == (0, [])


def test_a_file_from_before_extended_after_verifies(
    mixed: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, _ = mixed
    found = widths(path)
    old = [f for f in found if f[2] == 32]
    new = [f for f in found if f[2] == 16]
    assert old and new and max(f[0] for f in old) < min(f[0] for f in new)
    assert all(others <= {32} for *_, others in old)
    assert all(others <= {16} for *_, others in new)
    assert new[0][1] == "checkpoint"  # the first 16-byte entry is 0023's checkpoint
    assert verify(path, capsys) == (0, [])
    assert verify(path, capsys, "--full") == (0, [])


def test_a_rewritten_16_byte_entry_is_found(
    mixed: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, _ = mixed
    with shell(path) as conn:
        drop_triggers(conn)
        (entry,) = conn.execute("SELECT max(id) FROM audit_log WHERE action = 'amend'").fetchone()
        conn.execute("UPDATE audit_log SET reason = 'no reason' WHERE id = ?", (entry,))
    status, lines = verify(path, capsys)
    assert status == 1
    assert any(line.startswith(f"audit_log {entry}: does not hash") for line in lines)


def test_a_hash_cut_shorter_is_found(
    mixed: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, first = mixed
    with shell(path) as conn:
        drop_triggers(conn)
        (amend,) = conn.execute("SELECT max(id) FROM audit_log WHERE action = 'amend'").fetchone()
        (top,) = conn.execute("SELECT max(id) FROM audit_log").fetchone()
        conn.execute(
            "UPDATE audit_log SET row_hash = substr(row_hash, 1, 8) WHERE id = ?", (amend,)
        )
        conn.execute(
            "UPDATE audit_log SET entry_hash = substr(entry_hash, 1, 12) WHERE id = ?", (top,)
        )
    status, lines = verify(path, capsys)
    text = "\n".join(lines)
    assert status == 1
    assert f"audit_log {amend}: its row hash is 8 bytes long, its entry hash 16" in text
    assert f"treatment_session {first}: " in text  # its state no longer matches its entry
    assert f"audit_log {top}: its entry hash is 12 bytes long, not 16 or 32" in text
    assert "anchor:" in text


def test_an_old_entry_cut_from_32_to_16_bytes_is_found(
    mixed: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, _ = mixed
    with shell(path) as conn:
        drop_triggers(conn)
        old = [r[0] for r in conn.execute(
            "SELECT id FROM audit_log WHERE length(entry_hash) = 32 ORDER BY id"
        )]  # fmt: skip
        whole, last = old[1], old[-1]
        conn.execute(  # every hash of an old entry cut: its entry hash no longer checks
            "UPDATE audit_log SET entry_hash = substr(entry_hash, 1, 16),"
            " row_hash = substr(row_hash, 1, 16) WHERE id = ?",
            (whole,),
        )
        conn.execute(  # only the entry hash of the last old entry: the next one breaks
            "UPDATE audit_log SET entry_hash = substr(entry_hash, 1, 16) WHERE id = ?", (last,)
        )
    status, lines = verify(path, capsys)
    text = "\n".join(lines)
    assert status == 1
    assert f"audit_log {whole}: does not hash" in text
    assert f"audit_log {whole}: the first entry of 16-byte hashes is not a checkpoint" in text
    assert f"audit_log {whole + 1}: an entry of 32-byte hashes after one of 16" in text
    assert f"audit_log {last + 1}: does not hash" in text


def test_a_32_byte_entry_after_16_byte_ones_is_found(
    mixed: tuple[Path, int, int], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """An older cryolog writing after this one (the revision keeps it out; here forced)."""
    path, pid, _ = mixed
    monkeypatch.setattr(audit_chain, "HASH_BYTES", 32)
    db = open_database(path)
    Services.open(db, actor="dr.old").patients.edit(
        pid, patient_data(notes="Evenings"), reason="Told on the phone"
    )
    db.dispose()
    (entry,) = [i for i, _, w, _ in widths(path) if w == 32][-1:]
    status, lines = verify(path, capsys)
    assert status == 1
    assert lines == [f"audit_log {entry}: an entry of 32-byte hashes after one of 16"
                     " (hashes never grow longer along the trail)"]  # fmt: skip


def test_16_byte_entries_without_the_checkpoint_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Short entries chained onto an old file that 0023 did not upgrade (no checkpoint
    between): the old checkpoint cannot vouch for what they show, so it is a break."""
    path = tmp_path / "practice.db"
    with monkeypatch.context() as old:
        old.setattr(audit_chain, "HASH_BYTES", 32)
        db = open_database(path)
        pid, _ = record_some(db)
        db.dispose()
    db = open_database(path)  # at the head already: no checkpoint chained
    Services.open(db, actor="dr.test").sessions.record_session(pid, wbc_session(duration_s=90))
    db.dispose()
    first = next(i for i, _, w, _ in widths(path) if w == 16)
    status, lines = verify(path, capsys)
    assert status == 1
    assert f"audit_log {first}: the first entry of 16-byte hashes is not a checkpoint" in "\n".join(
        lines
    )
