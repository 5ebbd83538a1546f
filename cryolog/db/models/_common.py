"""Columns every clinical record carries: identity, timestamps, archive state, version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from cryolog.db.types import UTCDateTime, utcnow


def in_list(column: str, values: tuple[str, ...] | list[str]) -> str:
    """SQL text for ``column IN ('a', 'b')`` — for CHECK constraints on closed vocabularies."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


def between(column: str, low: float, high: float, *, nullable: bool = True) -> str:
    clause = f"{column} BETWEEN {low:g} AND {high:g}"
    return f"{column} IS NULL OR ({clause})" if nullable else clause


def patient_fk(*, index: bool = True) -> Mapped[int]:
    """``index=False``: a longer index of the table begins with ``patient_id`` (0019)."""
    return mapped_column(ForeignKey("patient.id", ondelete="RESTRICT"), index=index)


class ClinicalRecord:
    """Mixin: primary key, created/updated times, archive state and an edit version.

    ``version`` is SQLAlchemy's version counter: an edit made from a stale copy of a
    record fails instead of silently overwriting somebody else's change.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    archive_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.version}


NAME_LEN = 200
SHORT = String(60)
