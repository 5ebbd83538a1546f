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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from cryolog.db.audit_plain import PLAIN, Plain

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
            ("bp_readings", "session_bp_reading", "session_id"),
        ),
    ),
    "adverse_event": ("adverse_event", "patient_id", ()),
    "assessment": ("assessment", "patient_id", ()),
    "document": ("document", "patient_id", ()),
    "practice": ("practice", None, ()),
    "appointment": ("appointment", "patient_id", ()),
    "booking_preference": ("booking_preference", "patient_id", ()),
    "booking_resource": ("booking_resource", None, ()),
    "booking_settings": ("booking_settings", None, ()),
}
KEYS: dict[str, str] = {"booking_preference": "patient_id"}
"""Tables whose records are keyed by another column than ``id`` (one row per patient)."""
WHOLE_TABLES: dict[str, str] = {
    "clinical_threshold": "clinical_threshold",
    "opening_hours": "opening_interval",
    "closed_days": "closed_day",
}
"""Entities whose one state is every row of a table (entity id NULL)."""
NOT_AUDITED = frozenset(
    {
        "patient_name_token",
        "patient_name_prefix",
        "patient_phone_key",
        "course_due",
        "appointment_seat",
        "staff_minute",
        "language",
        "audit_log",
        "audit_content",
        "audit_salt",
        "alembic_version",
    }
)
"""Tables whose rows are not clinical records: search keys (name tokens, phone keys), each
open course's next due date (derived from the course and its sessions, which are audited), the
minutes an appointment holds (derived from the appointment, which is audited), the
languages documents can be printed in (reference data; adding one is an audit event), the
audit trail itself."""
UNHASHED_COLUMNS: dict[str, frozenset[str]] = {
    "patient": frozenset({"search_name", "phone_digits", "phone_digits_rev"}),
    "document": frozenset({"pdf"}),
    # the booking lock's counter (and the time it last moved), bumped by every booking
    "booking_settings": frozenset({"calendar_seq", "updated_at"}),
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
    key: str = "id"
    """The column whose value is the entity id (``KEYS``)."""

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
        key = KEYS.get(table, "id")
        specs[entity] = EntitySpec(entity, table_spec(table, (key,)), patient, child_specs, key=key)
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
