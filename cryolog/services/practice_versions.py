"""The versions Preferences are saved against, and what another workstation saved since.

The practice row has its own version (SQLAlchemy's counter), checked like any record's. The
clinical limits are one audited record, the whole ``clinical_threshold`` table: their
version is the sum of the stored rows' versions, which every change counts up by one (a new
row starts at 1, an edited one adds 1, no row is ever deleted). A save of the limits started
from an older sum is refused with what was saved since, read from the limits' audit entries
(their states hold every row with its version).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cryolog.db.audit_chain import runner
from cryolog.db.models import ClinicalThreshold
from cryolog.domain.errors import StaleRecord
from cryolog.domain.messages import Message
from cryolog.domain.other_change import FieldChange, OtherChange
from cryolog.services.changed_elsewhere import _utc

_SQL = (
    "SELECT a.actor, a.at, c.content FROM audit_log a"
    " JOIN audit_content c ON c.entry_id = a.id"
    " WHERE a.entity = 'clinical_threshold' ORDER BY a.id DESC LIMIT 50"
)


def limits_version(session: Session) -> int:
    """The clinical limits' version now (0 while every limit is its default)."""
    total = session.scalar(select(func.coalesce(func.sum(ClinicalThreshold.version), 0)))
    return int(total or 0)


def check_limits_version(
    session: Session,
    expected: int | None,
    yours: Mapping[str, float],
    current: Mapping[str, float],
) -> None:
    """Refuse a change of the limits started from version ``expected`` when they were
    saved since (``current``: every limit's value now; ``yours``: the values this save
    would store)."""
    if expected is None:
        return
    now = limits_version(session)
    if now != expected:
        other = limits_change(session, expected, now, yours, current)
        raise StaleRecord(Message("db.stale"), other)


def merged(others: list[OtherChange | None]) -> OtherChange | None:
    """One refusal for the practice's and the limits' other changes together: the newest
    save's who and when, every field either changed."""
    known = sorted((o for o in others if o is not None), key=lambda o: o.at, reverse=True)
    if not known:
        return None
    actors: list[str] = []
    for other in known:
        for actor in other.actors or (other.actor,):
            if actor not in actors:
                actors.append(actor)
    fields = tuple(f for other in known for f in other.fields)
    newest = known[0]
    return OtherChange(
        newest.actor, newest.at, newest.version, fields, tuple(actors) if len(actors) > 1 else ()
    )


def limits_change(
    session: Session,
    expected: int,
    now: int,
    yours: Mapping[str, float],
    current: Mapping[str, float],
) -> OtherChange | None:
    """Who changed which limits after version ``expected`` (None when the trail cannot
    say: no content records, or they were blanked)."""
    actors: list[str] = []
    names: dict[str, None] = {}
    newest: tuple[str, Any] | None = None
    for actor, at, content in runner(session.connection())(_SQL, {}):
        states = _states(content)
        if states is None or _sum(states[1]) <= expected:
            break
        newest = newest or (str(actor), at)
        if str(actor) not in actors:
            actors.append(str(actor))
        before, after = (_values(s) for s in states)
        for name, value in after.items():
            if before.get(name) != value:
                names.setdefault(name, None)
    if newest is None:
        return None
    fields = tuple(
        FieldChange(name, current.get(name), yours.get(name), name in yours) for name in names
    )
    return OtherChange(
        newest[0], _utc(newest[1]), now, fields, tuple(actors) if len(actors) > 1 else ()
    )


def _states(content: object) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    try:
        record = json.loads(str(content)) if content else None
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    rows = []
    for side in ("before", "after"):
        state = record.get(side)
        found = state.get("rows") if isinstance(state, dict) else []
        rows.append([r for r in found or [] if isinstance(r, dict)])
    return rows[0], rows[1]


def _sum(rows: list[dict[str, Any]]) -> int:
    total = 0
    for row in rows:
        try:
            total += int(row.get("version", 1))
        except (TypeError, ValueError):
            return 0
    return total


def _values(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    values: dict[str, float | None] = {}
    for row in rows:
        try:
            values[str(row.get("name"))] = float(row.get("value"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            values[str(row.get("name"))] = None
    return values
