"""A new session stored through its tables: one INSERT for the session, one per list of
child rows (areas, pain zones, blood pressure readings, findings) with all its rows.

The ORM's unit of work costs more than the rows themselves when a session is saved (the
object and its children built, tracked, ordered and flushed); a new session needs none of
it. The statements are SQLAlchemy Core inserts on the models' own ``Table`` objects, so
every value is bound through its column's type (times, booleans) exactly as a flush binds
it, in the unit of work's transaction (one commit, or nothing). Every column is given a
value here (the columns' own defaults where the input has none), so the values inserted
are the row as stored: the audit entry's state is made from them (``audit.Inserted``) and
the DTO returned holds them. The ORM's flush hook that keeps ``course_due`` does not see
a Core insert, so the course's row is worked out again here, as the hook would.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from cryolog.db import course_due
from cryolog.db.models import TreatmentSession
from cryolog.services import audit
from cryolog.services.dto import AreaDTO, BPReadingDTO, PainZoneDTO, SessionDTO, from_row
from cryolog.services.session_rows import CHILD_MODELS, child_values, finding_dto

SESSION = cast(Table, TreatmentSession.__table__)
CHILD_TABLES: dict[str, Table] = {
    name: cast(Table, model.__table__) for name, model in CHILD_MODELS.items()
}
_ID = "id"
_PARENT = "session_id"


@dataclass(frozen=True)
class StoredSession:
    """A session just inserted: what the booking link and the DTO need of it."""

    id: int
    patient_id: int
    course_id: int | None
    session_date: date
    started_at: datetime
    inserted: audit.Inserted


def filled(table: Table, given: Mapping[str, Any]) -> dict[str, Any]:
    """Every column of ``table`` but an integer key the database numbers: the value given,
    else the column's own default (called once, as a flush calls it), else None. A column
    whose only default is the database's must be given (its stored value would not be
    known here)."""
    unknown = set(given) - set(table.columns.keys())
    if unknown:
        raise KeyError(f"{table.name} has no column {sorted(unknown)}")
    row: dict[str, Any] = {}
    for column in table.columns:
        name = column.key
        if name in given:
            row[name] = given[name]
        elif column.primary_key:
            continue
        elif column.default is not None:
            default: Any = column.default
            if default.is_callable:
                row[name] = default.arg(None)
            elif default.is_scalar:
                row[name] = default.arg
            else:
                raise ValueError(f"{table.name}.{name}: a default not known before the insert")
        elif column.server_default is not None:
            raise ValueError(f"{table.name}.{name}: only the database knows its default")
        else:
            row[name] = None
    return row


def insert_session(
    session: Session,
    columns: Mapping[str, Any],
    children: Mapping[str, list[tuple[Any, ...]]],
) -> StoredSession:
    """Insert a new session (``columns``: its table's columns, ``patient_id`` included;
    ``children``: each list of child rows as ``session_rows.child_keys`` gives them) in
    ``session``'s transaction, and keep its course's due date."""
    session.flush()  # anything pending goes first, in the order it was made
    conn = session.connection()
    row = filled(SESSION, columns)
    result = conn.execute(insert(SESSION), row)
    (session_id,) = result.inserted_primary_key or (None,)
    if session_id is None:
        raise RuntimeError("the database gave the new session no id")
    row[_ID] = session_id = int(session_id)
    stored: dict[str, list[dict[str, Any]]] = {}
    for name in CHILD_MODELS:
        table = CHILD_TABLES[name]
        rows = [
            filled(table, {**values, _PARENT: session_id})
            for values in child_values(name, children.get(name, []))
        ]
        if rows:
            statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids = conn.execute(statement, rows).scalars().all()
            for child, child_id in zip(rows, ids, strict=True):
                child[_ID] = int(child_id)
        stored[name] = rows
    if row["course_id"] is not None:
        course_due.refresh(conn, [int(row["course_id"])])
    return StoredSession(
        id=session_id,
        patient_id=int(row["patient_id"]),
        course_id=row["course_id"],
        session_date=row["session_date"],
        started_at=row["started_at"],
        inserted=audit.Inserted(row, stored),
    )


def _rows(values: Sequence[Mapping[str, Any]]) -> list[SimpleNamespace]:
    return [SimpleNamespace(**v) for v in values]


def stored_dto(stored: StoredSession) -> SessionDTO:
    """The DTO of a session just inserted, from the values inserted."""
    children = stored.inserted.children
    return from_row(
        SessionDTO,
        SimpleNamespace(**stored.inserted.row),
        areas=tuple(from_row(AreaDTO, a) for a in _rows(children["areas"])),
        pain_zones=tuple(from_row(PainZoneDTO, z) for z in _rows(children["pain_zones"])),
        findings=tuple(finding_dto(f) for f in _rows(children["findings"])),
        bp_readings=tuple(from_row(BPReadingDTO, r) for r in _rows(children["bp_readings"])),
    )
