"""What was saved over the version an edit started from, read back from the audit trail.

Every saved change of a record has its audit entry, and the entry's content record holds
the fields it changed, before and after, with the record's version among them. The entries
of the record whose version after the change is past the one the edit started from are the
other workstations' saves: their fields, with the value stored now, who saved and when.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from cryolog.db.audit_chain import runner
from cryolog.db.audit_plain import stored_instant
from cryolog.db.audit_state import model_specs
from cryolog.domain.other_change import IGNORED_FIELDS, FieldChange, OtherChange

_SQL = (
    "SELECT a.actor, a.at, c.content FROM audit_log a"
    " JOIN audit_content c ON c.entry_id = a.id"
    " WHERE a.entity = :entity AND a.entity_id = :id ORDER BY a.id DESC LIMIT 50"
)


def entity_of(row: Any) -> str | None:
    """The audited entity a mapped row belongs to (by its table)."""
    table = getattr(row, "__tablename__", None)
    for name, spec in model_specs().items():
        if not spec.whole_table and spec.table.name == table:
            return name
    return None


def other_change(
    session: Session, row: Any, expected: int, yours: Mapping[str, Any] | None = None
) -> OtherChange | None:
    """What was saved over version ``expected`` of ``row``; None when the trail cannot
    say (no content records, an erasure blanked them)."""
    entity = entity_of(row)
    if entity is None:
        return None
    found = list(runner(session.connection())(_SQL, {"entity": entity, "id": row.id}))
    actors: list[str] = []
    changed: dict[str, None] = {}
    newest: tuple[str, datetime] | None = None
    for actor, at, content in found:
        after = _after(content)
        if after is None or _version(after) is None or (_version(after) or 0) <= expected:
            break
        if newest is None:
            newest = (str(actor), _utc(at))
        if actor not in actors:
            actors.append(str(actor))
        for name in after:
            if name not in IGNORED_FIELDS:
                changed.setdefault(name, None)
    if newest is None:
        return None
    typed = yours or {}
    fields = tuple(
        FieldChange(name, _plain(getattr(row, name, None)), _plain(typed.get(name)), name in typed)
        for name in changed
    )
    return OtherChange(
        newest[0], newest[1], int(row.version), fields, tuple(actors) if len(actors) > 1 else ()
    )


def _after(content: object) -> dict[str, Any] | None:
    try:
        record = json.loads(str(content)) if content else None
    except ValueError:
        return None
    after = record.get("after") if isinstance(record, dict) else None
    return after if isinstance(after, dict) else None


def _version(state: Mapping[str, Any]) -> int | None:
    try:
        return int(state["version"])
    except (KeyError, TypeError, ValueError):
        return None


def _plain(value: Any) -> Any:
    """A value as the practitioner would compare it (dates and enums as text)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return getattr(value, "value", None) or str(value)


def _utc(value: object) -> datetime:
    return stored_instant(value)  # an entry's integer, or an older entry's text
