"""What an import would do, row by row, before anything is written.

Each row is read through the column mapping and validated with the app's own rules for a
patient (``PatientInput``); a row that fails is *rejected* with its reasons. A valid row is
*new*, or a *duplicate* of a patient already on file (or of an earlier row of the same
file). With the "merge" choice a duplicate of exactly one patient fills that patient's
empty fields (*merge*), or is a duplicate with nothing to add.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from cryolog.db.models import Patient
from cryolog.domain.errors import InvalidInput
from cryolog.domain.messages import Message, Ref
from cryolog.domain.schemas import PatientInput
from cryolog.domain.schemas._base import parse
from cryolog.services.duplicates import MatchKey, PatientIndex, match_keys
from cryolog.services.importing.mapping import FIELD_LABELS, ColumnMap
from cryolog.services.importing.reading import Cell, SourceTable
from cryolog.services.importing.values import (
    NotADate,
    guess_date_format,
    parse_date,
    split_full_name,
)
from cryolog.services.patients import practice_region

FILLABLE = ("given_name", "middle_name", "phone", "email", "notes")


BORN = Ref("field_label", "birth_date")


class Duplicates(StrEnum):
    SKIP = "skip"
    MERGE = "merge"


class Status(StrEnum):
    NEW = "new"
    MERGE = "merge"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class RowPlan:
    row: int
    status: Status
    values: dict[str, Any]
    problems: tuple[Message, ...] = ()  # a rejected row's, in any language
    existing: tuple[int, ...] = ()
    same_as_row: int | None = None
    fills: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        parts = (self.values.get(k, "") for k in ("family_name", "given_name", "middle_name"))
        return " ".join(str(p) for p in parts if p)

    def reason(self) -> str:
        if self.status is Status.REJECTED:
            return "; ".join(p.render() for p in self.problems)
        if self.same_as_row is not None:
            return f"same person as row {self.same_as_row}"
        if self.status is Status.MERGE:
            return f"adds {', '.join(FIELD_LABELS[f].lower() for f in self.fills)}" + (
                f" to patient {self.existing[0]}"
            )
        if self.existing:
            ids = " and ".join(str(i) for i in self.existing)
            return f"already on file as patient {ids}"
        return ""


@dataclass(frozen=True, slots=True)
class ImportPlan:
    source: str
    date_format: str
    rows: tuple[RowPlan, ...]

    def count(self, status: Status) -> int:
        return sum(1 for r in self.rows if r.status is status)

    @property
    def rejected(self) -> list[RowPlan]:
        return [r for r in self.rows if r.status is Status.REJECTED]

    def summary(self) -> str:
        """'3 rows: 2 new, 0 to merge, 0 duplicates skipped, 1 rejected', in the current
        language (the command line's: English)."""
        return Message(
            "import.plan_summary",
            rows=Message("import.rows", n=len(self.rows)),
            new=self.count(Status.NEW),
            merge=self.count(Status.MERGE),
            duplicates=Message("import.duplicates", n=self.count(Status.DUPLICATE)),
            rejected=self.count(Status.REJECTED),
        ).render()


def plan_import(
    session: Session,
    table: SourceTable,
    mapping: ColumnMap,
    duplicates: Duplicates = Duplicates.SKIP,
) -> ImportPlan:
    """Every row's fate. AmbiguousDates when the date layout must be chosen first."""
    layout = date_layout(table, mapping)
    seen: dict[MatchKey, int] = {}
    index = PatientIndex(session)
    region = practice_region(session)
    planned = []
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        values, problems = read_row(cells, mapping, layout)
        if problems:
            planned.append(RowPlan(number, Status.REJECTED, values, tuple(problems)))
            continue
        keys = match_keys(
            values["family_name"],
            values.get("given_name", ""),
            values["birth_date"],
            values.get("phone", ""),
            region,
        )
        planned.append(_place(session, index, number, values, keys, seen, duplicates))
    return ImportPlan(table.name, layout, tuple(planned))


def date_layout(table: SourceTable, mapping: ColumnMap) -> str:
    """The chosen birth-date layout, else the one the file's dates fit (AmbiguousDates)."""
    if mapping.date_format:
        return mapping.date_format
    column = mapping.columns.get("birth_date")
    if column is None:
        return "dd.mm.yyyy"
    return guess_date_format(row[column] for row in table.rows)


def read_row(
    cells: Sequence[Cell], mapping: ColumnMap, layout: str
) -> tuple[dict[str, Any], list[Message]]:
    """The row as PatientInput values, and why it cannot be imported (empty if it can)."""

    def cell(name: str) -> Cell:
        index = mapping.columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    def text(name: str) -> str:
        value = cell(name)
        return value.isoformat() if not isinstance(value, str) else value

    values: dict[str, Any] = {}
    if mapping.uses_full_name:
        family, given, middle = split_full_name(text("full_name"), mapping.name_order)
        values.update(family_name=family, given_name=given, middle_name=middle)
    else:
        for name in ("family_name", "given_name", "middle_name"):
            values[name] = text(name).strip()
    for name in ("phone", "email", "notes"):
        values[name] = text(name).strip()
    problems: list[Message] = []
    born = cell("birth_date")
    if isinstance(born, str) and not born.strip():
        problems.append(Message("import.no_birth_date"))
    else:
        try:
            values["birth_date"] = parse_date(born, layout)
        except NotADate as exc:
            problems.append(Message("import.field_problem", field=BORN, problem=exc.said))
    payload = {k: v for k, v in values.items() if v != "" or k == "family_name"}
    if "birth_date" not in payload:
        return values, problems
    try:
        validated = parse(PatientInput, payload)
    except InvalidInput as exc:
        problems += [_described(e.path, e.text) for e in exc.errors]
        return values, problems
    return validated.model_dump(), problems


def _described(path: str, message: Message) -> Message:
    """'family name: must hold at least one letter', the field named in the language."""
    if not path:
        return message
    field = Ref("field_label", path) if path in FIELD_LABELS else path.replace("_", " ")
    return Message("import.field_problem", field=field, problem=message)


def _place(
    session: Session,
    index: PatientIndex,
    number: int,
    values: dict[str, Any],
    keys: list[MatchKey],
    seen: dict[MatchKey, int],
    duplicates: Duplicates,
) -> RowPlan:
    """New, or the same person as an earlier row or a patient on file (services/duplicates:
    the app's one matching rule)."""
    earlier = next((seen[k] for k in keys if k in seen), None)
    for key in keys:
        seen.setdefault(key, number)
    if earlier is not None:
        return RowPlan(number, Status.DUPLICATE, values, same_as_row=earlier)
    existing = tuple(index.matching_ids(keys))
    if not existing:
        return RowPlan(number, Status.NEW, values)
    if duplicates is Duplicates.MERGE and len(existing) == 1:
        fills = _fills(session.get(Patient, existing[0]), values)
        if fills:
            return RowPlan(number, Status.MERGE, values, existing=existing, fills=fills)
    return RowPlan(number, Status.DUPLICATE, values, existing=existing)


def _fills(patient: Patient | None, values: dict[str, Any]) -> tuple[str, ...]:
    if patient is None:
        return ()
    found = []
    for name in FILLABLE:
        new = values.get(name, "")
        if new and not getattr(patient, name):
            found.append(name)
    return tuple(found)
