"""Column types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.types import TypeDecorator, TypeEngine

from cryolog.db.audit_plain import stored_instant, stored_time


def _sqlite_bind(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise TypeError("a stored time must be a datetime")
    if value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return stored_time(value)


def _sqlite_result(value: Any) -> datetime | None:
    return None if value is None else stored_instant(value)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and always returned timezone-aware (UTC).

    Naive datetimes are refused on the way in: a time without its zone is how
    "10:00" silently becomes "13:00" in a medical record. In SQLite the column (declared
    ``DATETIME``) holds an integer, the microseconds since 1970 UTC
    (``audit_plain.stored_time``, revision 0022), and reads back the older texts as well
    (``audit_plain.stored_instant``); a server keeps its own timestamp type.
    """

    impl = DateTime
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Any:
        if dialect.name == "sqlite":
            return _sqlite_bind
        return super().bind_processor(dialect)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        if dialect.name == "sqlite":
            return _sqlite_result
        return super().result_processor(dialect, coltype)

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
