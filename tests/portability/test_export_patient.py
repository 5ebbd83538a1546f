"""A patient's export: complete (every table that refers to the patient, counts equal,
nobody else's rows), private, audited, AES-protected with a password, never half-written."""

from __future__ import annotations

import csv
import errno
import io
import json
import sqlite3
import stat
import subprocess
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import pyzipper
from sqlalchemy import func, select

from cryolog.db.models import AuditEntry
from cryolog.domain.errors import InvalidInput, RecordNotFound
from cryolog.services import Services
from cryolog.services.export import patient_archive
from cryolog.services.export.patient_export import export_patient
from tests.portability.seed import FullPatient

PASSWORD = "correct horse battery"


def _independent_rows(db_file: Path, patient_id: int) -> dict[str, int]:
    """Rows per table that reach the patient through foreign keys, found from the file's own
    schema (sqlite_master and PRAGMA foreign_key_list), not from the code under test."""
    with closing(sqlite3.connect(db_file)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        fks = {
            t: [(r[3], r[2], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list('{t}')")]
            for t in tables
        }  # (column, target table, target column)
        rows: dict[str, dict[Any, dict[str, Any]]] = {}
        conn.row_factory = sqlite3.Row
        rows["patient"] = {
            r["id"]: dict(r)
            for r in conn.execute("SELECT * FROM patient WHERE id = ?", (patient_id,))
        }
        changed = True
        while changed:
            changed = False
            for table, keys in fks.items():
                for column, target, target_column in keys:
                    if target not in rows:
                        continue
                    values = {r[target_column] for r in rows[target].values()}
                    if not values:
                        continue
                    marks = ",".join("?" * len(values))
                    found = conn.execute(
                        f"SELECT * FROM '{table}' WHERE \"{column}\" IN ({marks})",
                        tuple(values),
                    )
                    bucket = rows.setdefault(table, {})
                    for r in found:
                        key = tuple(r)  # the whole row: some tables have no rowid
                        if key not in bucket:
                            bucket[key] = dict(r)
                            changed = True
    return {t: len(b) for t, b in rows.items()}


def _read(path: Path, name: str, password: str | None = None) -> bytes:
    with pyzipper.AESZipFile(path) as zf:
        if password:
            zf.setpassword(password.encode())
        return bytes(zf.read(name))


def _csv_rows(path: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_read(path, name).decode("utf-8-sig"))))


def test_every_table_that_refers_to_the_patient_is_there_with_equal_counts(
    services: Services, full: FullPatient, db_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "record.zip"
    export_patient(services, full.patient_id, target)
    document = json.loads(_read(target, "record.json"))
    expected = _independent_rows(db_path, full.patient_id)
    exported = {name: len(t["rows"]) for name, t in document["tables"].items()}
    assert exported == expected
    # the seed fills every part of the record, so a missed table cannot hide behind zero
    empty = {name for name, count in expected.items() if not count}
    assert not empty, empty
    assert len(expected) >= 14
    assert document["format"] == "cryolog-patient-record"
    assert document["format_version"] == 1
    assert {r["patient_id"] for r in document["tables"]["course"]["rows"]} == {full.patient_id}
    names = zipfile.ZipFile(target).namelist()
    for table in expected:
        assert f"csv/{table}.csv" in names


def test_csv_tables_match_json_and_are_spreadsheet_safe(
    services: Services, full: FullPatient, tmp_path: Path
) -> None:
    target = tmp_path / "record.zip"
    export_patient(services, full.patient_id, target)
    document = json.loads(_read(target, "record.json"))
    raw = _read(target, "csv/patient.csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel shows Cyrillic
    patient = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert patient["family_name"] == "Иванова"
    assert patient["notes"].startswith("'=HYPERLINK")
    assert patient["phone"] == "'+7 912 123-45-67"
    sessions = list(
        csv.DictReader(io.StringIO(_read(target, "csv/treatment_session.csv").decode("utf-8-sig")))
    )
    general = next(s for s in sessions if s["modality"] == "wbc_chamber")
    assert general["set_temp_c"] == "-110.5"  # a number stays a number
    local = next(s for s in sessions if s["modality"] == "ln2_spray")
    assert local["reactions"] == "'+ redness, resolved"
    for name, table in document["tables"].items():
        rows = list(
            csv.DictReader(io.StringIO(_read(target, f"csv/{name}.csv").decode("utf-8-sig")))
        )
        assert len(rows) == len(table["rows"]), name
    trail = list(
        csv.DictReader(io.StringIO(_read(target, "csv/audit_trail.csv").decode("utf-8-sig")))
    )
    assert len(trail) == len(document["audit_trail"]) > 5


def test_stored_pdfs_are_in_the_zip_byte_for_byte(
    services: Services, full: FullPatient, tmp_path: Path
) -> None:
    target = tmp_path / "record.zip"
    export_patient(services, full.patient_id, target)
    document = json.loads(_read(target, "record.json"))
    [doc] = services.documents.documents(full.patient_id)
    [entry] = document["files"]
    assert entry["path"] == f"documents/{doc.id}-consent.pdf"
    pdf = _read(target, entry["path"])
    assert pdf == services.documents.pdf(doc.id)
    assert entry["sha256"] == doc.sha256
    assert document["tables"]["document"]["rows"][0]["pdf"] == entry["path"]


def test_the_audit_trail_is_the_patients_history_and_the_export_is_audited(
    services: Services, full: FullPatient, tmp_path: Path
) -> None:
    history = services.records.history(full.patient_id)
    target = tmp_path / "record.zip"
    done = export_patient(services, full.patient_id, target)
    document = json.loads(_read(target, "record.json"))
    assert [e["id"] for e in document["audit_trail"]] == [e.id for e in reversed(history)]
    assert done.audited
    newest = services.records.history(full.patient_id)[0]
    assert (newest.action, newest.entity, newest.entity_id) == (
        "export",
        "patient_export",
        full.patient_id,
    )
    assert json.loads(newest.after_json or "{}")["file"] == "record.zip"


def test_files_are_private_and_folders_made_0700(
    services: Services, full: FullPatient, tmp_path: Path
) -> None:
    target = tmp_path / "new" / "deeper" / "record.zip"
    export_patient(services, full.patient_id, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(target.parent.parent.stat().st_mode) == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["record.zip"]  # no temporary left


def test_password_gives_an_aes_zip_that_opens_only_with_it(
    services: Services, full: FullPatient, tmp_path: Path
) -> None:
    target = tmp_path / "record.zip"
    done = export_patient(services, full.patient_id, target, password=PASSWORD)
    assert done.encrypted
    assert json.loads(_read(target, "record.json", PASSWORD))["patient_id"] == full.patient_id
    with pytest.raises(RuntimeError, match="requires a password"):
        _read(target, "record.json")
    with pytest.raises(RuntimeError, match="Bad password"):
        _read(target, "record.json", "wrong password!")
    with zipfile.ZipFile(target) as plain:  # every member is encrypted, with AES (method 99)
        assert all(i.flag_bits & 0x1 for i in plain.infolist())
        assert {i.compress_type for i in plain.infolist()} == {99}
    assert "Иванова".encode() not in target.read_bytes()


@pytest.mark.parametrize("password", ["short", "x" * 201, "bad\x00password"])
def test_a_weak_password_is_refused_and_nothing_written(
    services: Services, full: FullPatient, tmp_path: Path, password: str
) -> None:
    target = tmp_path / "record.zip"
    with pytest.raises(InvalidInput) as refused:
        export_patient(services, full.patient_id, target, password=password)
    assert refused.value.errors[0].path == "password"
    assert not target.exists()


def _audit_count(services: Services) -> int:
    with services.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_unknown_patient_writes_nothing(services: Services, tmp_path: Path) -> None:
    target = tmp_path / "record.zip"
    with pytest.raises(RecordNotFound):
        export_patient(services, 999, target)
    assert not target.exists()


def test_a_failure_while_writing_leaves_no_file_and_no_audit_entry(
    services: Services, full: FullPatient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "record.zip"
    before = _audit_count(services)

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(patient_archive, "_readme", disk_full)
    with pytest.raises(OSError, match="No space"):
        export_patient(services, full.patient_id, target)
    assert list(target.parent.iterdir()) == []
    assert _audit_count(services) == before


def test_a_folder_as_target_is_refused(
    services: Services, full: FullPatient, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match="is a folder"):
        export_patient(services, full.patient_id, tmp_path)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB file system, too small for an export with a PDF (skipped where mounting
    is not allowed)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_leaves_no_file_and_no_audit_entry(
    services: Services, full: FullPatient, tiny_disk: Path
) -> None:
    (tiny_disk / "filler").write_bytes(b"x" * 40_000)
    target = tiny_disk / "record.zip"
    before = _audit_count(services)
    with pytest.raises(OSError) as failed:
        export_patient(services, full.patient_id, target)
    assert failed.value.errno == errno.ENOSPC
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]
    assert _audit_count(services) == before


def test_a_read_only_database_still_exports_without_an_audit_entry(
    services: Services, full: FullPatient, tmp_path: Path
) -> None:
    before = _audit_count(services)
    services.db.read_only = True
    try:
        done = export_patient(services, full.patient_id, tmp_path / "record.zip")
    finally:
        services.db.read_only = False
    assert not done.audited and (tmp_path / "record.zip").exists()
    assert _audit_count(services) == before
