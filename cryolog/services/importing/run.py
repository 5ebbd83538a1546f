"""Carrying an import out: all rows in one transaction, or none.

The plan is made again inside the transaction (so what is checked is what is written);
each new patient is registered (``bulk.register_all``, as the patient service registers
one) with its own audit entry naming the file and row, each merge is an audited edit
through the patient service that fills only empty fields, and one summary entry records
the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryolog.domain.messages import Message
from cryolog.services import Services, audit
from cryolog.services.dto import PatientDTO
from cryolog.services.importing.bulk import register_all
from cryolog.services.importing.mapping import ColumnMap
from cryolog.services.importing.plan import Duplicates, ImportPlan, RowPlan, Status, plan_import
from cryolog.services.importing.reading import SourceTable

_EDITABLE = (
    "family_name",
    "given_name",
    "middle_name",
    "birth_date",
    "sex",
    "height_cm",
    "weight_kg",
    "phone",
    "email",
    "address",
    "notes",
    "handout_language",
)


class RowsRejected(Exception):
    """Some rows were rejected and the practitioner did not choose to skip them: nothing
    was imported. ``plan`` holds the report."""

    def __init__(self, plan: ImportPlan) -> None:
        self.said = Message("import.rows_rejected", n=len(plan.rejected), source=plan.source)
        super().__init__(self.said.render())
        self.plan = plan

    def __str__(self) -> str:
        return self.said.render()


@dataclass(frozen=True, slots=True)
class ImportResult:
    plan: ImportPlan
    created: tuple[int, ...]
    merged: tuple[int, ...]

    def summary(self) -> str:
        """What was imported, in the current language (the command line's: English)."""
        plan = self.plan
        return Message(
            "import.result_summary",
            created=Message("import.new_patients", n=len(self.created)),
            source=plan.source,
            merged=Message("unit.patients", n=len(self.merged)),
            duplicates=Message("import.duplicates", n=plan.count(Status.DUPLICATE)),
            rejected=Message("import.rejected_rows", n=plan.count(Status.REJECTED)),
        ).render()


def preview(
    services: Services, table: SourceTable, mapping: ColumnMap, duplicates: Duplicates
) -> ImportPlan:
    """The plan, read in one read transaction (nothing is written)."""
    with services.db.read() as session:
        return plan_import(session, table, mapping, duplicates)


def run_import(
    services: Services,
    table: SourceTable,
    mapping: ColumnMap,
    *,
    duplicates: Duplicates = Duplicates.SKIP,
    skip_bad: bool = False,
) -> ImportResult:
    """Import ``table``; RowsRejected (nothing written) when rows fail and not ``skip_bad``."""
    with services.unit() as unit:
        session = unit.session
        assert session is not None
        plan = plan_import(session, table, mapping, duplicates)
        if plan.rejected and not skip_bad:
            raise RowsRejected(plan)
        new = [r for r in plan.rows if r.status is Status.NEW]
        created = register_all(
            session, unit.actor, [r.values for r in new], [_note(table, r) for r in new]
        )
        merged = [
            _merge(unit, r, _note(table, r)).id for r in plan.rows if r.status is Status.MERGE
        ]
        audit.event(
            session,
            unit.actor,
            "import",
            "patient_list",
            None,
            None,
            dict(_counts(plan, created, merged)),
            reason=f"Import of the patient list {table.name}",
        )
    return ImportResult(plan, tuple(created), tuple(merged))


def _note(table: SourceTable, row: RowPlan) -> str:
    return f"Imported from {table.name}, row {row.row}"


def _merge(unit: Services, row: RowPlan, note: str) -> PatientDTO:
    current = unit.patients.get_patient(row.existing[0])
    data: dict[str, Any] = {name: getattr(current, name) for name in _EDITABLE}
    data = {k: v for k, v in data.items() if v is not None}
    for name in row.fills:
        data[name] = row.values[name]
    return unit.patients.edit(
        current.id,
        data,
        expected_version=current.version,
        reason=f"{note}: filled empty fields ({', '.join(row.fills)})",
    )


def _counts(plan: ImportPlan, created: list[int], merged: list[int]) -> dict[str, Any]:
    return {
        "file": plan.source,
        "rows": len(plan.rows),
        "imported": len(created),
        "merged": len(merged),
        "duplicates_skipped": plan.count(Status.DUPLICATE),
        "rejected_skipped": plan.count(Status.REJECTED),
        "date_format": plan.date_format,
        "patient_ids": created,
        "merged_ids": merged,
    }
