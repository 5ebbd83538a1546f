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

Stored = tuple[Any, ...]
"""(started_at as the driver gives it, modality, actual exposure, planned, NRS pre, post)."""


def zone_fingerprint() -> tuple[tuple[int, str], ...]:
    return tuple((lt.tm_gmtoff, lt.tm_zone) for lt in map(time.localtime, _PROBES))


def local_naive(moment: datetime) -> datetime:
    return moment.astimezone().replace(tzinfo=None)


class PastSessions:
    def __init__(self) -> None:
        self._zone = zone_fingerprint()
        self._known: dict[Stored, tuple[datetime, rc.PastSession]] = {}

    def check_zone(self) -> None:
        """Forget every session made if the machine's zone is no longer the same."""
        zone = zone_fingerprint()
        if zone != self._zone:
            self._zone = zone
            self._known.clear()

    def made(
        self, row: Stored, started: Callable[[Any], datetime | None]
    ) -> tuple[datetime, rc.PastSession]:
        """(its start in UTC, the session as the rules see it) for a stored ``row``;
        ``started``: the start column's result conversion (to an aware UTC time)."""
        known = self._known.get(row)
        if known is None:
            if len(self._known) >= LIMIT:
                self._known.clear()
            known = self._known[row] = _make(row, started)
        return known

    def __call__(
        self, rows: Sequence[Sequence[Any]], dialect: Dialect, column_type: Any
    ) -> list[tuple[datetime, rc.PastSession]]:
        started = column_type.result_processor(dialect, None) or _as_is
        return [self.made(tuple(row[:6]), started) for row in rows]


def _as_is(value: Any) -> Any:
    return value


Made = tuple[datetime, rc.PastSession]


def _make(row: Stored, started: Callable[[Any], datetime | None]) -> Made:
    raw, modality, actual, planned, nrs_pre, nrs_post = row
    moment = started(raw)
    assert moment is not None  # a session always has its start
    exposure = actual if actual is not None else planned
    past = rc.PastSession(local_naive(moment), modality, exposure or 0, nrs_pre, nrs_post)
    return moment, past
