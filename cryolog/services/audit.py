"""The audit trail: one row per change of clinical data, written in the same transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from cryolog.db.models import AuditEntry, Base
from cryolog.db.types import utcnow

_SKIP = {"search_name", "phone_digits", "phone_digits_rev", "updated_at"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(obj: Any, **children: Sequence[Base]) -> dict[str, Any]:
    """The record's column values (and listed child rows) as JSON-ready data."""
    mapper = sa_inspect(obj.__class__)
    data = {c.key: _plain(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in _SKIP}
    for name, rows in children.items():
        data[name] = [snapshot(row) for row in rows]
    return data


def write(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    patient_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    session.add(
        AuditEntry(
            at=utcnow(),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            patient_id=patient_id,
            before_json=_dump(before),
            after_json=_dump(after),
            reason=reason or None,
        )
    )


def _dump(data: dict[str, Any] | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False, sort_keys=True)
