"""A patient's audit trail for the History view, from both layouts.

Rows from before the chain carry their before and after as JSON and are shown as they
are. A chained change shows the fields it changed, before and after (its content record).
A chained new record holds only the hash of the record as created: the History shows the
record as created by walking back from the record as it is now, undoing each later change,
every step checked against the entries' hashes; where a step does not check out (the
record was changed outside cryolog, or an erasure blanked a change) it shows nothing rather
than something unproven.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from cryolog.db.audit_chain import Sql, hash_matches, runner, state_hash
from cryolog.db.audit_checkpoint import PatientErased, salt_for
from cryolog.db.audit_plain import Plain, stored_instant
from cryolog.db.audit_rows import iter_patient_states, undo
from cryolog.db.audit_state import EntitySpec, TableSpec, model_specs
from cryolog.services.dto import AuditEntryDTO

_COLUMNS = (
    "SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.patient_id,"
    " a.before_json, a.after_json, a.reason, a.row_hash, a.before_hash, a.entry_hash,"
    " c.content FROM audit_log a LEFT JOIN audit_content c ON c.entry_id = a.id"
)
_PAGE_SQL = f"{_COLUMNS} WHERE a.patient_id = :p AND a.id < :before ORDER BY a.id DESC LIMIT :limit"
_NEWEST_SQL = f"{_COLUMNS} WHERE a.patient_id = :p ORDER BY a.id DESC LIMIT :limit"

PAGE_SIZE = 100
"""Entries of one History page (the view asks for the next page when scrolled to its end)."""


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """Entries newest first; ``older`` is the ``before`` of the next page (None: no more)."""

    entries: list[AuditEntryDTO]
    older: int | None


def history_page(
    session: Session, patient_id: int, before: int | None = None, size: int = PAGE_SIZE
) -> HistoryPage:
    """The ``size`` entries of one patient just older than entry ``before`` (the newest
    when None), keyed on the entry id (the patient index), newest first."""
    sql = runner(session.connection())
    params: dict[str, object] = {"p": patient_id, "limit": size + 1}
    if before is None:
        rows = list(sql(_NEWEST_SQL, params))
    else:
        rows = list(sql(_PAGE_SQL, {**params, "before": before}))
    more = len(rows) > size
    rows = rows[:size]
    try:
        salt: bytes | None = salt_for(sql, patient_id, create=False)
    except (PatientErased, LookupError):
        salt = None
    created = _created_states(sql, rows, patient_id, salt)
    entries = [_dto(row, created.get(int(row[0]))) for row in rows]
    return HistoryPage(entries, int(rows[-1][0]) if more and rows else None)


def patient_history(session: Session, patient_id: int, limit: int) -> list[AuditEntryDTO]:
    """The newest ``limit`` entries of one patient, newest first (page by page)."""
    found: list[AuditEntryDTO] = []
    before: int | None = None
    while len(found) < limit:
        page = history_page(session, patient_id, before, min(limit - len(found), 1000))
        found += page.entries
        if page.older is None:
            break
        before = page.older
    return found


def _dto(row: Sequence[Any], created: Plain | None) -> AuditEntryDTO:
    entity = str(row[4])
    before_json, after_json = row[7], row[8]
    if row[12] is not None:  # chained
        record = _record(row)
        if entity not in model_specs():  # an event (an export, an import): its details
            before_json = None
            after_json = None if record is None else _as_json(entity, record.get("after"))
        elif row[11] is None:  # a new record
            before_json, after_json = None, _as_json(entity, created)
        elif record is not None:
            before_json = _as_json(entity, record.get("before"))
            after_json = _as_json(entity, record.get("after"))
        else:
            before_json = after_json = None  # blanked by an erasure
    return AuditEntryDTO(
        id=int(row[0]),
        at=_utc(row[1]),
        actor=row[2],
        action=row[3],
        entity=entity,
        entity_id=None if row[5] is None else int(row[5]),
        patient_id=None if row[6] is None else int(row[6]),
        before_json=before_json,
        after_json=after_json,
        reason=row[9],
    )


def _record(row: Sequence[Any]) -> dict[str, Any] | None:
    try:
        found = json.loads(row[13]) if row[13] else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _created_states(
    sql: Sql, rows: Sequence[Sequence[Any]], patient_id: int, salt: bytes | None
) -> dict[int, Plain]:
    """For each chained new-record entry of the page, the record as created, where it can
    be proven: walked back from the record as it is now through every later entry of that
    record (on this page or a newer one)."""
    specs = model_specs()
    keys = sorted(
        {_key(r) for r in rows if r[12] is not None and r[11] is None and str(r[4]) in specs},
        key=lambda k: (k[0], -1 if k[1] is None else k[1]),
    )
    if salt is None or not keys:
        return {}
    chained = _later_entries(sql, patient_id, keys)
    current: dict[tuple[str, int | None], dict[str, Plain]] = {}
    for entity in {entity for entity, _ in keys}:
        wanted = [i for e, i in keys if e == entity and i is not None]
        for record_id, _patient, now in iter_patient_states(
            sql, specs[entity], patient_id, only=wanted
        ):
            current[(entity, record_id)] = now
    found: dict[int, Plain] = {}
    for key in keys:
        state: dict[str, Plain] | None = current.get(key)
        for row in chained.get(key, []):
            if (
                state is None
                or row[10] is None
                or not hash_matches(bytes(row[10]), state_hash(salt, state))
            ):
                break
            if row[11] is None:
                found[int(row[0])] = state
                break
            record = _record(row)
            state = undo(state, record) if record is not None else None
    return found


def _later_entries(
    sql: Sql, patient_id: int, keys: Sequence[tuple[str, int | None]]
) -> dict[tuple[str, int | None], list[Sequence[Any]]]:
    """The chained entries of the patient about these records, newest first, by record."""
    chained: dict[tuple[str, int | None], list[Sequence[Any]]] = {}
    for entity in sorted({e for e, _ in keys}):
        ids = [int(i) for e, i in keys if e == entity and i is not None]
        about = []
        if ids:  # integers from the file itself, so written into the statement
            about.append(f"a.entity_id IN ({', '.join(str(i) for i in ids)})")
        if any(e == entity and i is None for e, i in keys):
            about.append("a.entity_id IS NULL")
        query = (
            f"{_COLUMNS} WHERE a.patient_id = :p AND a.entity = :e"
            f" AND a.entry_hash IS NOT NULL AND ({' OR '.join(about)}) ORDER BY a.id DESC"
        )
        for row in sql(query, {"p": patient_id, "e": entity}):
            chained.setdefault(_key(row), []).append(row)
    return chained


def _key(row: Sequence[Any]) -> tuple[str, int | None]:
    return (str(row[4]), None if row[5] is None else int(row[5]))


def _as_json(entity: str, state: Any) -> str | None:
    if state is None:
        return None
    spec = model_specs().get(entity)
    value = natural(spec, state) if spec is not None else state
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def natural(spec: EntitySpec, state: Any) -> Any:
    """A state with its numbers as numbers again (as the History has always shown them)."""
    if spec.whole_table:
        return {"rows": [_natural_row(spec.table, r) for r in state.get("rows", [])]}
    value = _natural_row(spec.table, state)
    for child in spec.children:
        if isinstance(state.get(child.key), list):
            value[child.key] = [_natural_row(child.table, r) for r in state[child.key]]
    return value


def _natural_row(table: TableSpec, state: Any) -> dict[str, Any]:
    kinds = dict(table.columns)
    result: dict[str, Any] = {}
    for name, value in state.items():
        kind = kinds.get(name)
        if isinstance(value, str) and kind in ("int", "float"):
            try:
                result[name] = int(value) if kind == "int" else float(value)
            except ValueError:
                result[name] = value
        else:
            result[name] = value
    return result


def _utc(value: object) -> datetime:
    return stored_instant(value)  # an entry's integer, or an older entry's text
