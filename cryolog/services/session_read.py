"""A patient's sessions for the record view, read as plain rows instead of ORM objects.

The record shows every session with its areas, pain zones, findings and readings; loading
560 sessions as mapped objects (with an identity map entry and four child collections
each) cost most of opening a long record. Here the session columns are one indexed read and
each child table one read joined on the patient's sessions, grouped in Python; the DTOs are
the same as ``session_dto`` builds from the objects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from cryolog.db.models import (
    SessionArea,
    SessionBPReading,
    SessionFinding,
    SessionPainZone,
    TreatmentSession,
)
from cryolog.services.dto import AreaDTO, BPReadingDTO, FindingDTO, PainZoneDTO, SessionDTO
from cryolog.services.session_rows import stored_message

T = TypeVar("T")
_SESSION: Table = TreatmentSession.__table__  # type: ignore[assignment]


def _maker(cls: type[T], keys: Sequence[str], *extra: str) -> Callable[..., T]:
    """Builds ``cls`` from a plain row tuple whose columns are ``keys`` (plus ``extra``).

    The row's fields are picked in one C call (``itemgetter``) and paired with their names
    by ``zip``: a long record builds thousands of these."""
    at = {key: i for i, key in enumerate(keys)}
    names = [f.name for f in fields(cls) if f.name not in extra]  # type: ignore[arg-type]
    pick = itemgetter(*(at[name] for name in names))
    if len(names) == 1:  # itemgetter of one index gives the value, not a tuple

        def one(row: Sequence[Any], **more: Any) -> T:
            return cls(**{names[0]: pick(row)}, **more)

        return one

    def make(row: Sequence[Any], **more: Any) -> T:
        return cls(**dict(zip(names, pick(row), strict=True)), **more)

    return make


def _finding_maker(keys: Sequence[str]) -> Callable[[Sequence[Any]], FindingDTO]:
    """``finding_dto`` for a plain row: the saved message decoded once per key and values."""
    make = _maker(FindingDTO, keys, "said")
    key_at, values_at = keys.index("message_key"), keys.index("message_values")

    def finding(row: Sequence[Any]) -> FindingDTO:
        key = row[key_at]
        said = None if key is None else stored_message(key, row[values_at])
        return make(row, said=said)

    return finding


def patient_sessions(session: Session, patient_id: int) -> tuple[SessionDTO, ...]:
    """Every session of the patient, newest first (as the record has always listed them)."""
    t = _SESSION
    result = session.execute(
        select(t).where(t.c.patient_id == patient_id).order_by(t.c.started_at.desc(), t.c.id.desc())
    )
    keys = list(result.keys())
    rows = result.all()
    if not rows:
        return ()

    def children(
        model: Any,
        cls: type[T],
        convert: Callable[[Sequence[str]], Callable[[Any], T]] | None = None,
    ) -> dict[int, list[T]]:
        child: Table = model.__table__
        found: dict[int, list[T]] = {}
        stmt = (
            select(child)
            .join(t, t.c.id == child.c.session_id)
            .where(t.c.patient_id == patient_id)
            .order_by(child.c.session_id, child.c.position)
        )
        got = session.execute(stmt)
        names = list(got.keys())
        make = convert(names) if convert else _maker(cls, names)
        by = names.index("session_id")
        for row in got:
            found.setdefault(int(row[by]), []).append(make(row))
        return found

    areas = children(SessionArea, AreaDTO)
    zones = children(SessionPainZone, PainZoneDTO)
    findings = children(SessionFinding, FindingDTO, _finding_maker)
    readings = children(SessionBPReading, BPReadingDTO)
    make = _maker(SessionDTO, keys, "areas", "pain_zones", "findings", "bp_readings")
    at_id = keys.index("id")
    none: tuple[Any, ...] = ()
    return tuple(
        make(
            row,
            areas=tuple(areas.get(row[at_id], none)),
            pain_zones=tuple(zones.get(row[at_id], none)),
            findings=tuple(findings.get(row[at_id], none)),
            bp_readings=tuple(readings.get(row[at_id], none)),
        )
        for row in rows
    )
