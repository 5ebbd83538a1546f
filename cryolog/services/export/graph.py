"""Everything that refers to one patient, found from the schema rather than listed by hand.

A table belongs to a patient's record when a chain of foreign keys leads from it to the
``patient`` table: directly (a course), or through another record (a session's areas,
through the session; a screening's answers, through the screening). The walk starts from
the patient's row and follows every such key until nothing new turns up, so a table added
later with a key to a patient's record is exported without a change here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, MetaData, Table, select
from sqlalchemy.orm import Session

ROOT_TABLE = "patient"
_CHUNK = 500  # values per IN (...) list: far below any database's parameter limit

Row = dict[str, Any]


@dataclass(frozen=True)
class Link:
    """``table.column`` refers to ``target.target_column``."""

    table: Table
    column: Column[Any]
    target: Table
    target_column: Column[Any]


def links(metadata: MetaData) -> list[Link]:
    found: list[Link] = []
    for table in metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda k: k.parent.name):
            found.append(Link(table, fk.parent, fk.column.table, fk.column))
    return found


def patient_tables(metadata: MetaData) -> list[Table]:
    """The patient table and every table with a chain of foreign keys to it, in the
    metadata's dependency order (parents before children)."""
    reached = {ROOT_TABLE}
    all_links = links(metadata)
    grew = True
    while grew:
        grew = False
        for link in all_links:
            if link.target.name in reached and link.table.name not in reached:
                reached.add(link.table.name)
                grew = True
    return [t for t in metadata.sorted_tables if t.name in reached]


@dataclass
class _Collected:
    rows: dict[str, dict[tuple[Any, ...], Row]] = field(default_factory=dict)
    asked: dict[tuple[str, str], set[Any]] = field(default_factory=dict)

    def add(self, table: Table, found: Iterable[Row]) -> bool:
        bucket = self.rows.setdefault(table.name, {})
        before = len(bucket)
        for row in found:
            bucket.setdefault(_key(table, row), row)
        return len(bucket) > before


def collect(session: Session, metadata: MetaData, patient_id: int) -> dict[str, list[Row]]:
    """The rows of every patient table that belong to ``patient_id``, by table name, each
    list in primary-key order. The patient table itself holds the one patient row."""
    tables = patient_tables(metadata)
    by_name = {t.name: t for t in tables}
    root = by_name[ROOT_TABLE]
    done = _Collected()
    done.add(root, _fetch(session, root, root.c.id, [patient_id]))
    walk = [link for link in links(metadata) if link.table.name in by_name]
    changed = True
    while changed:
        changed = False
        for link in walk:
            wanted = _new_values(done, link)
            if wanted:
                changed |= done.add(link.table, _fetch(session, link.table, link.column, wanted))
    return {
        t.name: [
            done.rows.get(t.name, {})[k] for k in sorted(done.rows.get(t.name, {}), key=_order)
        ]
        for t in tables
    }


def _new_values(done: _Collected, link: Link) -> list[Any]:
    parents = done.rows.get(link.target.name, {}).values()
    values = {row[link.target_column.name] for row in parents} - {None}
    asked = done.asked.setdefault((link.table.name, link.column.name), set())
    wanted = sorted(values - asked, key=_order_value)
    asked.update(wanted)
    return wanted


def _fetch(
    session: Session, table: Table, column: Column[Any], values: Sequence[Any]
) -> Iterator[Row]:
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        for row in session.execute(select(table).where(column.in_(chunk))).mappings():
            yield dict(row)


def _key(table: Table, row: Mapping[str, Any]) -> tuple[Any, ...]:
    columns = list(table.primary_key.columns) or list(table.columns)
    return tuple(row[c.name] for c in columns)


def _order_value(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, int | float) else (1, str(value))


def _order(key: tuple[Any, ...]) -> tuple[tuple[int, Any], ...]:
    return tuple(_order_value(v) for v in key)
