"""Column types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.dialects.sqlite import DATETIME as SQLITE_DATETIME
from sqlalchemy.types import TypeDecorator, TypeEngine


class _SQLiteTime(SQLITE_DATETIME):
    """SQLite's text of a naive UTC time, its fraction written only when it has one
    (``audit_plain.stored_time``: 19 characters for a whole second instead of 26).
    Read back by the dialect's own ``fromisoformat``, which takes both forms."""

    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Any:
        def process(value: Any) -> str | None:
            if value is None:
                return None
            if isinstance(value, datetime):
                return value.isoformat(" ")
            raise TypeError("a stored time must be a datetime")

        return process


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and always returned timezone-aware (UTC).

    Naive datetimes are refused on the way in: a time without its zone is how
    "10:00" silently becomes "13:00" in a medical record. In SQLite the text has no
    fraction when the time has none (``_SQLiteTime``); a server keeps its own type.
    """

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _SQLiteTime()  # type: ignore[no-untyped-call]
        return super().load_dialect_impl(dialect)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        result: datetime = value
        return result.replace(tzinfo=UTC) if result.tzinfo is None else result.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


SEARCH_COLLATION = "C"
"""The collation of the search keys on a server: byte (code point) order, as SQLite's
BINARY, so prefix ranges and list order are the same on both backends whatever the
server's default collation is (migration 0011)."""


def search_key(length: int) -> TypeEngine[str]:
    """A search-key column: ``VARCHAR(length)``, ``COLLATE "C"`` on PostgreSQL."""
    return String(length).with_variant(String(length, collation=SEARCH_COLLATION), "postgresql")
