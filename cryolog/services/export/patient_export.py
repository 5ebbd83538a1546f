"""Export one patient's whole record to a ZIP file (GDPR Art. 15 and 20).

``export_patient`` is the one entry point: the record action, the command line and, later,
erasure ("export the record first") call it. The file is written privately (0600) under a
temporary name; the export is recorded in the patient's audit trail and the file renamed
into place in the same step, so either both happen or neither does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryolog.db.files import private_output
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.services import Services, audit
from cryolog.services.export.patient_archive import ArchiveSummary, write_patient_archive
from cryolog.services.export.protection import password_problem
from cryolog.services.export.snapshot import read_patient_snapshot
from cryolog.services.export.zip_writer import open_archive


@dataclass(frozen=True, slots=True)
class PatientExport:
    """What was written: the file, its size, what it holds, and how it is protected."""

    path: Path
    patient_id: int
    size: int
    encrypted: bool
    audited: bool
    contents: ArchiveSummary

    @property
    def rows(self) -> int:
        return sum(self.contents.tables.values())

    def describe(self) -> str:
        protection = "AES-256 password protected" if self.encrypted else "no password"
        return (
            f"{len(self.contents.tables)} tables, {self.rows} rows,"
            f" {self.contents.files} documents, {self.contents.audit_entries} history entries,"
            f" {self.contents.fhir_resources} FHIR resources ({protection})"
        )


def export_patient(
    services: Services, patient_id: int, target: Path, password: str | None = None
) -> PatientExport:
    """Write ``patient_id``'s record to ``target`` (a ZIP, AES-encrypted with ``password``).

    Raises RecordNotFound for an unknown patient, InvalidInput for a weak password or a
    folder as target, OSError when the file cannot be written (nothing is left behind)."""
    if password is not None:
        problem = password_problem(password)
        if problem:
            raise InvalidInput([FieldError("password", problem)])
    if target.is_dir():
        raise InvalidInput([FieldError("file", said("target_is_folder", path=str(target)))])
    snapshot = read_patient_snapshot(services, patient_id)
    audited = not services.db.read_only
    with private_output(target) as handle:
        with open_archive(handle, snapshot.taken_at, password) as archive:
            contents = write_patient_archive(snapshot, archive)
        size = handle.tell()
        if audited:
            _record(services, patient_id, target, password is not None, contents)
    return PatientExport(target, patient_id, size, password is not None, audited, contents)


def _record(
    services: Services, patient_id: int, target: Path, encrypted: bool, contents: ArchiveSummary
) -> None:
    with services.db.write() as session:
        audit.event(
            session,
            services.actor,
            "export",
            "patient_export",
            patient_id,
            patient_id,
            {
                "file": target.name,
                "encrypted": encrypted,
                "tables": contents.tables,
                "documents": contents.files,
                "audit_entries": contents.audit_entries,
            },
        )
