"""The members of a patient's export ZIP, from one snapshot of the record.

README.txt              what each file is, in plain words
record.json             every table that refers to the patient, the audit trail, the files
csv/<table>.csv         the same tables for a spreadsheet; csv/audit_trail.csv
documents/<id>-<kind>.pdf   the stored PDFs, byte for byte
fhir/bundle.json        the record as an HL7 FHIR R4B Bundle
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryolog import __version__
from cryolog.services.export.cells import plain
from cryolog.services.export.csv_tables import csv_text
from cryolog.services.export.fhir_bundle import bundle_json, patient_bundle
from cryolog.services.export.fhir_resources import StoredPdf
from cryolog.services.export.graph import Row
from cryolog.services.export.snapshot import PatientSnapshot, TableDump
from cryolog.services.export.zip_writer import Archive

FORMAT = "cryolog-patient-record"
FORMAT_VERSION = 1
AUDIT_NAME = "audit_trail"


@dataclass(frozen=True, slots=True)
class StoredFile:
    table: str
    key: dict[str, Any]
    column: str
    path: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class ArchiveSummary:
    tables: dict[str, int]
    files: int
    audit_entries: int
    fhir_resources: int


def write_patient_archive(snapshot: PatientSnapshot, archive: Archive) -> ArchiveSummary:
    files = stored_files(snapshot.tables)
    by_cell = {(f.table, json.dumps(f.key, sort_keys=True), f.column): f.path for f in files}
    archive.add("README.txt", _readme(snapshot))
    archive.add("record.json", _record_json(snapshot, files, by_cell))
    for dump in snapshot.tables:
        header = [c.name for c in dump.columns]
        rows = [[_cell(dump, row, c.name, by_cell) for c in dump.columns] for row in dump.rows]
        archive.add(f"csv/{dump.name}.csv", csv_text(header, rows))
    archive.add(f"csv/{AUDIT_NAME}.csv", _audit_csv(snapshot.audit_trail))
    for f in files:
        archive.add(f.path, f.data)
    bundle = patient_bundle(snapshot.record, _pdfs(snapshot, files), snapshot.taken_at)
    archive.add("fhir/bundle.json", bundle_json(bundle))
    return ArchiveSummary(
        tables={d.name: len(d.rows) for d in snapshot.tables},
        files=len(files),
        audit_entries=len(snapshot.audit_trail),
        fhir_resources=len(bundle.entry or []),
    )


def stored_files(tables: Sequence[TableDump]) -> list[StoredFile]:
    """Every binary cell of the snapshot as a file of its own: PDFs under documents/."""
    found = []
    for dump in tables:
        binary = [c.name for c in dump.columns if c.binary]
        for row in dump.rows:
            for column in binary:
                data = row.get(column)
                if data is None:
                    continue
                path = _file_path(dump, row, column, data)
                found.append(StoredFile(dump.name, _key(dump, row), column, path, bytes(data)))
    return found


def _file_path(dump: TableDump, row: Row, column: str, data: bytes) -> str:
    ident = "-".join(str(row[c.name]) for c in dump.columns if c.name == "id") or "row"
    if bytes(data[:5]) == b"%PDF-":
        kind = f"-{row['kind']}" if isinstance(row.get("kind"), str) else ""
        return f"documents/{ident}{kind}.pdf"
    return f"files/{dump.name}/{ident}-{column}.bin"


def _cell(dump: TableDump, row: Row, column: str, by_cell: dict[tuple[str, str, str], str]) -> Any:
    value = row.get(column)
    if isinstance(value, bytes | bytearray | memoryview):
        return by_cell.get((dump.name, json.dumps(_key(dump, row), sort_keys=True), column), "")
    return value


def _key(dump: TableDump, row: Row) -> dict[str, Any]:
    keys = [c.name for c in dump.columns if c.name == "id"] or [
        c.name for c in dump.columns if not c.binary
    ]
    return {k: plain(row[k]) for k in keys}


def _record_json(
    snapshot: PatientSnapshot,
    files: Sequence[StoredFile],
    by_cell: dict[tuple[str, str, str], str],
) -> str:
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"cryolog {__version__}",
        "generated_at": snapshot.taken_at.isoformat(),
        "schema_revision": snapshot.schema_revision,
        "patient_id": snapshot.patient_id,
        "tables": {
            dump.name: {
                "columns": [{"name": c.name, "type": c.type} for c in dump.columns],
                "rows": [
                    {c.name: plain(_cell(dump, row, c.name, by_cell)) for c in dump.columns}
                    for row in dump.rows
                ],
            }
            for dump in snapshot.tables
        },
        AUDIT_NAME: [{k: plain(v) for k, v in e.items()} for e in snapshot.audit_trail],
        "files": [
            {
                "path": f.path,
                "table": f.table,
                "key": f.key,
                "column": f.column,
                "bytes": len(f.data),
                "sha256": f.sha256,
            }
            for f in files
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _audit_csv(entries: Sequence[Row]) -> str:
    header: list[str] = []
    for entry in entries:
        header.extend(k for k in entry if k not in header)
    return csv_text(header, ([e.get(k) for k in header] for e in entries))


def _pdfs(snapshot: PatientSnapshot, files: Sequence[StoredFile]) -> list[StoredPdf]:
    dump = snapshot.table("document")
    if dump is None:
        return []
    paths = {f.key.get("id"): f for f in files if f.table == "document"}
    pdfs = []
    for row in dump.rows:
        stored = paths.get(row["id"])
        if stored is None:
            continue
        sha1 = base64.b64encode(hashlib.sha1(stored.data).digest()).decode("ascii")
        pdfs.append(
            StoredPdf(
                id=row["id"],
                kind=str(row.get("kind", "")),
                language=str(row.get("language", "en")),
                created_at=row["created_at"],
                actor=str(row.get("actor", "")),
                path=stored.path,
                size=len(stored.data),
                sha1_base64=sha1,
            )
        )
    return pdfs


def _readme(snapshot: PatientSnapshot) -> str:
    p = snapshot.record.patient
    return f"""Patient record of {p.display_name} (born {p.birth_date.isoformat()})
exported by cryolog {__version__} on {snapshot.taken_at.strftime("%Y-%m-%d %H:%M UTC")}.

This file holds health data. Keep it where only the patient and the people they choose
can read it, and send it only over a secure channel.

What is inside:
  record.json         everything recorded about the patient, table by table, with the
                      history of every change (format {FORMAT}, version {FORMAT_VERSION})
  csv/                the same tables for a spreadsheet (UTF-8); csv/{AUDIT_NAME}.csv is the
                      history. A text cell that starts with = + - @ or ' has one extra
                      apostrophe in front, so that a spreadsheet does not run it as a formula.
  documents/          the printed documents exactly as they were generated (PDF)
  fhir/bundle.json    the record as an HL7 FHIR R4B Bundle, for other medical software
"""
