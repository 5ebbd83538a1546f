"""Rows of an SQLite file turned into the services' DTOs without SQLAlchemy.

The ORM reads a row into Python values by each column's type; here the DTO's own field
annotations say the same thing: a ``date`` field holds SQLite's ISO text as a date, a
``datetime`` field the stored time (the integer of ``audit_plain.stored_time``, or an older
file's text) as an aware UTC time (``db.types.UTCDateTime``),
a ``bool`` field the stored 0/1 as a boolean; every other value is what SQLite holds (whole
numbers, floating-point numbers, text). Only the DTO fields that are columns of the table
are read: a field with a default the table lacks keeps its default, as ``dto.from_row``
does. A test builds every DTO of a demo practice both ways and compares them.
"""

from __future__ import annotations

import sqlite3
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, fields
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

from cryolog.db.audit_plain import stored_instant, stored_time

T = TypeVar("T")
Convert = Callable[[Any], Any]


def _as_date(value: Any) -> Any:
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _as_utc(value: Any) -> Any:
    return None if value is None else stored_instant(value)


def _as_bool(value: Any) -> Any:
    return None if value is None else bool(value)


def _kept(value: Any) -> Any:
    return value


def _converter(hint: Any) -> Convert:
    kinds = typing.get_args(hint) or (hint,)
    if datetime in kinds:  # before date: a datetime is a date too
        return _as_utc
    if date in kinds:
        return _as_date
    if bool in kinds:
        return _as_bool
    return _kept


class Shape:
    """How the rows of one table become one DTO class: the columns read (in the order of
    ``select``'s list) and each one's conversion."""

    def __init__(self, cls: type[Any], table: str, columns: frozenset[str]) -> None:
        hints = typing.get_type_hints(cls)
        self.cls = cls
        self.table = table
        self.names = tuple(f.name for f in fields(cls) if f.name in columns)
        self.required = tuple(
            f.name
            for f in fields(cls)
            if f.name not in columns and f.default is MISSING and f.default_factory is MISSING
        )
        self._convert = tuple(_converter(hints[name]) for name in self.names)

    def select(self, alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        return ", ".join(prefix + name for name in self.names)

    def build(self, row: Sequence[Any], **extra: Any) -> Any:
        values = {
            name: convert(value)
            for name, convert, value in zip(self.names, self._convert, row, strict=False)
        }
        values.update(extra)
        return self.cls(**values)


class PlainReader:
    """Queries on one standard-library connection to an SQLite file (``:name`` parameters;
    dates are sent as ISO text and times as their integer, as the ORM stores them)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, sql: str, params: Mapping[str, object] | None = None) -> list[Any]:
        values = {k: _param(v) for k, v in (params or {}).items()}
        return self.conn.execute(sql, values).fetchall()

    def columns(self, table: str) -> frozenset[str]:
        return _columns(self.conn, table)

    def shape(self, cls: type[Any], table: str, given: tuple[str, ...] = ()) -> Shape:
        """``cls`` read from ``table``; ``given``: the fields the caller fills itself."""
        shape = _shape(cls, table, self.columns(table))  # type: ignore[arg-type]
        missing = set(shape.required) - set(given)
        if missing:
            raise LookupError(f"{table} has no column for {', '.join(sorted(missing))}")
        return shape


def _param(value: object) -> object:
    if isinstance(value, datetime):
        return stored_time(value)
    return value.isoformat() if isinstance(value, date) else value


def _columns(conn: sqlite3.Connection, table: str) -> frozenset[str]:
    return frozenset(row[1] for row in conn.execute(f"PRAGMA table_info('{table}')"))


@cache
def _shape(cls: type[Any], table: str, columns: frozenset[str]) -> Shape:
    return Shape(cls, table, columns)
