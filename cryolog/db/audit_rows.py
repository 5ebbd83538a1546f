"""Reading the states of audited records: one record, a patient's, or all of a kind
streamed in id order; the state of an ORM object in memory; the content record of a change.

Every reader normalises by kind (``audit_plain``), so a state read through the standard
library, through SQLAlchemy's text queries or from ORM objects is the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from cryolog.db.audit_chain import Sql
from cryolog.db.audit_plain import PLAIN, Plain
from cryolog.db.audit_state import ChildSpec, EntitySpec, TableSpec, model_specs, table_entities


def _children_of(sql: Sql, child: ChildSpec, key: int) -> list[dict[str, Plain]]:
    convert = child.table.converter()
    order = ", ".join(child.table.order)
    query = f"{child.table.select()} WHERE {child.parent} = :key ORDER BY {order}"
    return [convert(row) for row in sql(query, {"key": key})]


def read_state(sql: Sql, spec: EntitySpec, key: int | None) -> dict[str, Plain] | None:
    """The current state of one record, or None when it does not exist."""
    table = spec.table
    if spec.whole_table:
        convert = table.converter()
        rows = sql(f"{table.select()} ORDER BY {', '.join(table.order)}")
        return {"rows": [convert(row) for row in rows]}
    found = list(sql(f"{table.select()} WHERE {spec.key} = :key", {"key": key}))
    if not found:
        return None
    state = table.converter()(found[0])
    assert key is not None
    for child in spec.children:
        state[child.key] = _children_of(sql, child, key)
    return state


StateRow = tuple[int | None, int | None, dict[str, Plain]]
"""(record id, patient id, state)."""


def iter_states(sql: Sql, spec: EntitySpec) -> Iterator[StateRow]:
    """Every record of an entity with its state, in id order, streamed (children merged
    from their own ordered scans, so memory stays flat on a large file)."""
    table = spec.table
    convert = table.converter()
    if spec.whole_table:
        rows = sql(f"{table.select()} ORDER BY {', '.join(table.order)}")
        yield None, None, {"rows": [convert(row) for row in rows]}
        return
    parents = sql(f"{table.select()} ORDER BY {spec.key}")
    id_at = table.index(spec.key)
    streams = [_ChildStream(sql, child) for child in spec.children]
    for row in parents:
        key = int(row[id_at])
        state = convert(row)
        for stream in streams:
            state[stream.child.key] = stream.take(key)
        yield key, spec.patient_of(row), state


def iter_patient_states(
    sql: Sql, spec: EntitySpec, patient_id: int, only: Sequence[int] | None = None
) -> Iterator[StateRow]:
    """The records of one patient with their states, in id order (one query per table);
    ``only``: just the records with these ids."""
    if spec.whole_table or spec.patient is None:
        return
    table = spec.table
    convert = table.converter()
    params = {"patient": patient_id}
    owned = f"{spec.patient} = :patient"
    if only is not None:
        if not only:
            return
        owned += f" AND {spec.key} IN ({', '.join(str(int(i)) for i in only)})"
    parents = list(sql(f"{table.select()} WHERE {owned} ORDER BY {spec.key}", params))
    mine = f"SELECT {spec.key} FROM {table.name} WHERE {owned}"
    streams = [
        _ChildStream(sql, child, f"{child.parent} IN ({mine})", params) for child in spec.children
    ]
    id_at = table.index(spec.key)
    for row in parents:
        key = int(row[id_at])
        state = convert(row)
        for stream in streams:
            state[stream.child.key] = stream.take(key)
        yield key, patient_id, state


class _ChildStream:
    """The child rows of one table in parent order, handed out parent by parent."""

    def __init__(
        self,
        sql: Sql,
        child: ChildSpec,
        where: str = "",
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.child = child
        self.convert = child.table.converter()
        self.parent_at = child.table.index(child.parent)
        order = ", ".join(child.table.order)
        clause = f" WHERE {where}" if where else ""
        self.rows = iter(sql(f"{child.table.select()}{clause} ORDER BY {order}", params))
        self.pending: Sequence[Any] | None = next(self.rows, None)

    def take(self, key: int) -> list[dict[str, Plain]]:
        found: list[dict[str, Plain]] = []
        while self.pending is not None:
            parent = self.pending[self.parent_at]
            if parent is None or int(parent) < key:  # an orphan: its parent is gone
                self.pending = next(self.rows, None)
                continue
            if int(parent) > key:
                break
            found.append(self.convert(self.pending))
            self.pending = next(self.rows, None)
        return found


# --- states of ORM objects --------------------------------------------------------------


def object_state(obj: Any) -> dict[str, Plain]:
    """The state of a mapped object as it is in memory (flushed or not), children included.

    Equal to ``read_state`` of the same row once it is flushed: both normalise by kind."""
    entity = table_entities()[obj.__table__.name]
    spec = model_specs()[entity]
    state = _values_state(spec.table, obj)
    for child in spec.children:
        rows = [_values_state(child.table, item) for item in getattr(obj, child.key)]
        order = [c for c in child.table.order if c != child.parent]
        rows.sort(key=lambda s: tuple(_sort_key(s[c]) for c in order))
        state[child.key] = rows
    return state


def values_state(
    spec: EntitySpec,
    values: Mapping[str, Any],
    children: Mapping[str, Sequence[Mapping[str, Any]]],
) -> dict[str, Plain]:
    """The state of a record from the very values its row and its child rows were inserted
    with (every column given, the ids the database gave included): what ``read_state``
    reads back for it, normalised by kind the same way. KeyError when a column is missing."""
    state = {name: PLAIN[kind](values[name]) for name, kind in spec.table.columns}
    for child in spec.children:
        rows = [
            {name: PLAIN[kind](row[name]) for name, kind in child.table.columns}
            for row in children[child.key]
        ]
        order = [c for c in child.table.order if c != child.parent]
        rows.sort(key=lambda s: tuple(_sort_key(s[c]) for c in order))
        state[child.key] = rows
    return state


def _values_state(table: TableSpec, obj: Any) -> dict[str, Plain]:
    return {name: PLAIN[kind](getattr(obj, name)) for name, kind in table.columns}


def _sort_key(value: Plain) -> tuple[int, Any]:
    """Child keys sort as the database sorts them: ids as numbers, text as text."""
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return (0, int(value))
    return (1, str(value))


# --- the content record of a change -------------------------------------------------------


def change_record(before: dict[str, Plain], after: dict[str, Plain] | None) -> dict[str, Any]:
    """What a change's content record holds: the fields that changed, before and after
    (the whole record before, when it was removed). The rest of either state follows from
    the record as it is now, walking back change by change, each step checked against the
    entries' hashes (``services.audit_history``)."""
    if after is None:
        return {"after": None, "before": before}
    changed = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
    return {
        "after": {k: after.get(k) for k in changed},
        "before": {k: before.get(k) for k in changed},
    }


def undo(after: dict[str, Plain], record: Mapping[str, Any]) -> dict[str, Plain] | None:
    """The state before a change, from the state after it and its content record."""
    if not isinstance(record.get("before"), dict):
        return None
    if record.get("after") is None:
        return dict(record["before"])
    state = dict(after)
    state.update(record["before"])
    return state
