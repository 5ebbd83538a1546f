"""What an audited record's state is: the row's columns, by kind, with its child rows.

Every clinical row's current state hashes to what its latest audit entry recorded. The
state of a row is the plain form (``audit_chain``) of each of its columns — all of them but
the derived search keys of a patient and the bytes of a document (those are checked against
the document's SHA-256, which is in the state) — and, for a session or a screening, the
states of its child rows (areas, pain zones, findings; answers) in key order. The
practice's clinical thresholds are one record: the state of the whole table.

``model_specs()`` describes the tables from the models (what the services and ``verify``
use); ``reflected_specs(conn)`` from the database itself (what a migration uses, since it
runs against the columns that exist at that step). A test keeps the two equal at the head
revision. A new clinical table must be added to ``ENTITIES`` (or as a child) or to
``NOT_AUDITED``; tests/db/test_audit_state.py fails until it is.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from cryolog.db.audit_chain import PLAIN, Plain, Sql

# entity name -> (table, column naming the patient, ((state key, child table, parent fk), ...))
ENTITIES: dict[str, tuple[str, str | None, tuple[tuple[str, str, str], ...]]] = {
    "patient": ("patient", "id", ()),
    "screening": ("screening", "patient_id", (("answers", "screening_answer", "screening_id"),)),
    "clearance": ("clearance", "patient_id", ()),
    "consent": ("consent", "patient_id", ()),
    "cold_test": ("cold_test", "patient_id", ()),
    "course": ("course", "patient_id", ()),
    "session": (
        "treatment_session",
        "patient_id",
        (
            ("areas", "session_area", "session_id"),
            ("pain_zones", "session_pain_zone", "session_id"),
            ("findings", "session_finding", "session_id"),
        ),
    ),
    "adverse_event": ("adverse_event", "patient_id", ()),
    "assessment": ("assessment", "patient_id", ()),
    "document": ("document", "patient_id", ()),
    "practice": ("practice", None, ()),
}
WHOLE_TABLES: dict[str, str] = {"clinical_threshold": "clinical_threshold"}
"""Entities whose one state is every row of a table (entity id NULL)."""
NOT_AUDITED = frozenset(
    {"patient_name_token", "audit_log", "audit_content", "audit_salt", "alembic_version"}
)
"""Tables whose rows are not clinical records: search tokens, the audit trail itself."""
UNHASHED_COLUMNS: dict[str, frozenset[str]] = {
    "patient": frozenset({"search_name", "phone_digits", "phone_digits_rev"}),
    "document": frozenset({"pdf"}),
}


@dataclass(frozen=True)
class TableSpec:
    """The hashed columns of one table (sorted by name) and the order of its rows."""

    name: str
    columns: tuple[tuple[str, str], ...]  # (column, kind)
    order: tuple[str, ...]

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def select(self) -> str:
        return f"SELECT {', '.join(self.names)} FROM {self.name}"

    def index(self, column: str) -> int:
        return self.names.index(column)

    def converter(self) -> Callable[[Sequence[Any]], dict[str, Plain]]:
        """A function from a row (in ``names`` order) to its state."""
        names = self.names
        functions = tuple(PLAIN[kind] for _, kind in self.columns)

        def state(row: Sequence[Any]) -> dict[str, Plain]:
            return dict(zip(names, map(operator.call, functions, row), strict=True))

        return state


@dataclass(frozen=True)
class ChildSpec:
    key: str  # the name of the list in the parent's state (the ORM relationship)
    table: TableSpec
    parent: str  # the column holding the parent's id


@dataclass(frozen=True)
class EntitySpec:
    entity: str
    table: TableSpec
    patient: str | None
    children: tuple[ChildSpec, ...] = ()
    whole_table: bool = False

    @cached_property
    def patient_at(self) -> int | None:
        return None if self.patient is None else self.table.index(self.patient)

    def patient_of(self, row: Sequence[Any]) -> int | None:
        at = self.patient_at
        if at is None:
            return None
        value = row[at]
        return None if value is None else int(value)


Specs = Mapping[str, EntitySpec]


def kind_of(column_type: Any) -> str:
    """The kind of a SQLAlchemy column type (a model's or a reflected one)."""
    from sqlalchemy import types

    impl = getattr(column_type, "impl_instance", None) or getattr(column_type, "impl", None)
    checked = impl if isinstance(column_type, types.TypeDecorator) else column_type
    for kind, classes in (
        ("bool", (types.Boolean,)),
        ("datetime", (types.DateTime,)),
        ("date", (types.Date,)),
        ("int", (types.Integer,)),
        ("float", (types.Float, types.Numeric)),
        ("bytes", (types._Binary,)),
        ("text", (types.String,)),
    ):
        if isinstance(checked, classes):
            return kind
    raise TypeError(f"no hashing rule for column type {column_type!r}")


_DECLARED = (
    ("BOOL", "bool"), ("DATETIME", "datetime"), ("TIMESTAMP", "datetime"), ("DATE", "date"),
    ("INT", "int"), ("FLOAT", "float"), ("REAL", "float"), ("DOUBLE", "float"),
    ("NUMERIC", "float"), ("DECIMAL", "float"), ("BLOB", "bytes"), ("CHAR", "text"),
    ("TEXT", "text"), ("CLOB", "text"),
)  # fmt: skip


def declared_kind(declared: str) -> str:
    """The kind of a column from the type SQLite holds for it ("VARCHAR(200)" → text)."""
    upper = declared.upper()
    for prefix, kind in _DECLARED:
        if prefix in upper:
            return kind
    raise TypeError(f"no hashing rule for declared type {declared!r}")


ColumnInfo = Mapping[str, tuple[Sequence[tuple[str, Any]], Sequence[str]]]
"""table -> ((column, type) in table order, primary key columns)."""


def build_specs(tables: ColumnInfo) -> dict[str, EntitySpec]:
    """The entity specs for the tables present in ``tables``."""

    def table_spec(name: str, order: Sequence[str]) -> TableSpec:
        columns, _ = tables[name]
        skip = UNHASHED_COLUMNS.get(name, frozenset())
        kinds = sorted(
            (c, t if isinstance(t, str) else kind_of(t)) for c, t in columns if c not in skip
        )
        return TableSpec(name, tuple(kinds), tuple(order))

    specs: dict[str, EntitySpec] = {}
    for entity, (table, patient, children) in ENTITIES.items():
        if table not in tables:
            continue
        child_specs = tuple(
            ChildSpec(
                key,
                table_spec(child, (parent, *[c for c in tables[child][1] if c != parent])),
                parent,
            )
            for key, child, parent in children
            if child in tables
        )
        specs[entity] = EntitySpec(entity, table_spec(table, ("id",)), patient, child_specs)
    for entity, table in WHOLE_TABLES.items():
        if table in tables:
            specs[entity] = EntitySpec(
                entity, table_spec(table, tuple(tables[table][1])), None, whole_table=True
            )
    return specs


@cache
def model_specs() -> dict[str, EntitySpec]:
    """The specs of the tables as the models define them (the head revision)."""
    from cryolog.db.models import Base

    return build_specs(
        {
            t.name: ([(c.name, c.type) for c in t.columns], [c.name for c in t.primary_key])
            for t in Base.metadata.sorted_tables
        }
    )


def reflected_specs(conn: Any) -> dict[str, EntitySpec]:
    """The specs of the tables as they exist in a database (a SQLAlchemy connection)."""
    if conn.dialect.name == "sqlite":
        return build_specs(_sqlite_tables(conn))
    from sqlalchemy import inspect

    inspector = inspect(conn)
    info = {
        name: (
            [(c["name"], c["type"]) for c in inspector.get_columns(name)],
            list(inspector.get_pk_constraint(name)["constrained_columns"]),
        )
        for name in inspector.get_table_names()
    }
    return build_specs(info)


def _sqlite_tables(conn: Any) -> dict[str, tuple[list[tuple[str, Any]], list[str]]]:
    """Columns and primary keys from SQLite's own description (quicker than reflection)."""
    from sqlalchemy import text

    wanted = {t for t, _, _ in ENTITIES.values()} | set(WHOLE_TABLES.values())
    wanted |= {child for _, _, kids in ENTITIES.values() for _, child, _ in kids}
    names = [
        r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
    ]
    info: dict[str, tuple[list[tuple[str, Any]], list[str]]] = {}
    for name in names:
        if name not in wanted:
            continue
        rows = list(conn.execute(text(f"PRAGMA table_info('{name}')")))
        columns: list[tuple[str, Any]] = [(r[1], declared_kind(r[2])) for r in rows]
        keys = [r[1] for r in sorted(rows, key=lambda r: r[5]) if r[5]]
        info[name] = (columns, keys)
    return info


@cache
def table_entities() -> dict[str, str]:
    """Table name -> entity name, for the model specs."""
    return {spec.table.name: entity for entity, spec in model_specs().items()}


# --- reading states ---------------------------------------------------------------------


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
    found = list(sql(f"{table.select()} WHERE id = :key", {"key": key}))
    if not found:
        return None
    state = table.converter()(found[0])
    assert key is not None
    for child in spec.children:
        state[child.key] = _children_of(sql, child, key)
    return state


def patient_of(sql: Sql, spec: EntitySpec, key: int | None) -> int | None:
    if spec.patient is None or key is None:
        return None
    for row in sql(f"SELECT {spec.patient} FROM {spec.table.name} WHERE id = :key", {"key": key}):
        return None if row[0] is None else int(row[0])
    return None


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
    parents = sql(f"{table.select()} ORDER BY id")
    id_at = table.index("id")
    streams = [_ChildStream(sql, child) for child in spec.children]
    for row in parents:
        key = int(row[id_at])
        state = convert(row)
        for stream in streams:
            state[stream.child.key] = stream.take(key)
        yield key, spec.patient_of(row), state


def iter_patient_states(sql: Sql, spec: EntitySpec, patient_id: int) -> Iterator[StateRow]:
    """The records of one patient with their states, in id order (one query per table)."""
    if spec.whole_table or spec.patient is None:
        return
    table = spec.table
    convert = table.converter()
    params = {"patient": patient_id}
    owned = f"{spec.patient} = :patient"
    parents = list(sql(f"{table.select()} WHERE {owned} ORDER BY id", params))
    mine = f"SELECT id FROM {table.name} WHERE {owned}"
    streams = [
        _ChildStream(sql, child, f"{child.parent} IN ({mine})", params) for child in spec.children
    ]
    id_at = table.index("id")
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
