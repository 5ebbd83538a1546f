"""One consistent reading of everything recorded about a patient, for an export.

The rows of every table that refers to the patient (see ``graph``), the record as the
app's own services read it (for the FHIR bundle) and the patient's audit trail (through
``records.history``, so it follows the audit trail's layout) are all read in one read
transaction: nothing written meanwhile can make them disagree.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import LargeBinary, MetaData, Table, text

from cryolog.db.models import Base
from cryolog.db.revisions import VERSION_TABLE
from cryolog.db.types import utcnow
from cryolog.services import Services
from cryolog.services.dto import PatientRecord
from cryolog.services.export.graph import Row, collect, patient_tables

EVERY_ENTRY = 2**62
"""``records.history`` limit that takes a patient's whole trail."""


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    name: str
    type: str
    binary: bool


@dataclass(frozen=True, slots=True)
class TableDump:
    name: str
    columns: tuple[ColumnInfo, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class PatientSnapshot:
    patient_id: int
    taken_at: datetime
    schema_revision: str
    tables: tuple[TableDump, ...]
    audit_trail: tuple[Row, ...]
    record: PatientRecord

    def table(self, name: str) -> TableDump | None:
        return next((t for t in self.tables if t.name == name), None)


def columns_of(table: Table) -> tuple[ColumnInfo, ...]:
    return tuple(
        ColumnInfo(c.name, str(c.type), isinstance(c.type, LargeBinary)) for c in table.columns
    )


def read_patient_snapshot(
    services: Services, patient_id: int, metadata: MetaData | None = None
) -> PatientSnapshot:
    """Everything about ``patient_id`` in one read transaction (RecordNotFound if none)."""
    metadata = metadata or Base.metadata
    with services.db.read() as session:
        bound = Services(services.db, services.actor, session)
        record = bound.records.patient_record(patient_id)
        history = bound.records.history(patient_id, limit=EVERY_ENTRY)
        found = collect(session, metadata, patient_id)
        revision = session.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    dumps = tuple(
        TableDump(t.name, columns_of(t), tuple(found[t.name])) for t in patient_tables(metadata)
    )
    return PatientSnapshot(
        patient_id=patient_id,
        taken_at=utcnow(),
        schema_revision=str(revision),
        tables=dumps,
        audit_trail=tuple(_entry(e) for e in reversed(history)),
        record=record,
    )


def _entry(entry: Any) -> Row:
    """An audit entry as plain data, oldest first (whatever the entry's fields are)."""
    if dataclasses.is_dataclass(entry) and not isinstance(entry, type):
        return dataclasses.asdict(entry)
    dump = getattr(entry, "model_dump", None)
    if callable(dump):
        result: Row = dump()
        return result
    return dict(vars(entry))
