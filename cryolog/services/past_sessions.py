"""Earlier sessions as the rules see them, made once per stored row while the zone holds.

The safety case turns every counted session of the course into a ``PastSession``: its
start converted from the stored UTC time to the machine's local time (the C library asks
the zone for the offset at that instant) and its exposure. It is built again at every step
of every session of the course, so a 500-session course would redo 500 conversions each
time. ``PastSessions`` makes each from the stored values exactly as before (the column's
own result conversion, then ``astimezone()``) and remembers it by those values; when the
machine's zone has changed (its offsets and names at a few fixed instants differ) it
forgets everything before the next case.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Dialect

from cryolog.domain.rules import case as rc

_PROBES = (1_735_732_800, 1_751_371_200, 1_767_268_800)
"""Fixed instants (2025-01-01, 2025-07-01, 2026-01-01 at 12:00 UTC): a zone is known by
its offsets and names there, winter and summer."""

LIMIT = 20_000
"""Sessions remembered at most (a few MB); beyond it the memory starts again."""

Stored = Sequence[Any]
"""(started_at as the driver gives it, modality, actual exposure, planned exposure, NRS
pre, NRS post, id): a row of ``safety_reads.COURSE_SESSIONS`` or ``SAME_DAY``."""


def zone_fingerprint() -> tuple[tuple[int, str], ...]:
    return tuple((lt.tm_gmtoff, lt.tm_zone) for lt in map(time.localtime, _PROBES))


def local_naive(moment: datetime) -> datetime:
    return moment.astimezone().replace(tzinfo=None)


Made = tuple[tuple[datetime, int], rc.PastSession]
"""((its start in UTC, its id): the order of the course, the session as the rules see it)."""


class PastSessions:
    def __init__(self) -> None:
        self._zone = zone_fingerprint()
        self._known: dict[Stored, Made] = {}

    def check_zone(self) -> None:
        """Forget every session made if the machine's zone is no longer the same."""
        zone = zone_fingerprint()
        if zone != self._zone:
            self._zone = zone
            self._known.clear()

    def __call__(self, rows: Sequence[Stored], dialect: Dialect, column_type: Any) -> list[Made]:
        """Each stored row (``Stored``) made, in the rows' order; ``column_type``: the
        start column's, whose result conversion (to an aware UTC time) is applied."""
        known = self._known
        if len(known) + len(rows) > LIMIT:
            known.clear()
        made: list[Made] = []
        started: Callable[[Any], datetime | None] | None = None
        for row in rows:
            found = known.get(row)
            if found is None:
                started = started or column_type.result_processor(dialect, None) or _as_is
                found = known[tuple(row)] = _make(row, started)
            made.append(found)
        return made


def _as_is(value: Any) -> Any:
    return value


def _make(row: Stored, started: Callable[[Any], datetime | None]) -> Made:
    raw, modality, actual, planned, nrs_pre, nrs_post, session_id = row
    moment = started(raw)
    assert moment is not None  # a session always has its start
    exposure = actual if actual is not None else planned
    past = rc.PastSession(local_naive(moment), modality, exposure or 0, nrs_pre, nrs_post)
    return (moment, session_id), past
