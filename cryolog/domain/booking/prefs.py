"""A patient's preferred days and times for visits."""

from __future__ import annotations

from dataclasses import dataclass

from cryolog.domain.booking.week import DAY_MINUTES, WEEKDAYS, clock
from cryolog.domain.errors import FieldError, said

MAX_PREF_NOTE = 500


@dataclass(frozen=True, slots=True)
class Preferences:
    """``weekdays`` empty = any day; the window bounds a visit's start (minutes)."""

    weekdays: frozenset[int] = frozenset()
    earliest_min: int | None = None
    latest_min: int | None = None
    note: str = ""

    @property
    def empty(self) -> bool:
        return not self.weekdays and self.earliest_min is None and self.latest_min is None

    def allows_day(self, weekday: int) -> bool:
        return not self.weekdays or weekday in self.weekdays

    def allows_time(self, start_min: int) -> bool:
        if self.earliest_min is not None and start_min < self.earliest_min:
            return False
        return self.latest_min is None or start_min <= self.latest_min

    def label(self) -> str:
        """'Mon, Wed · 09:00–12:00' or 'any time'."""
        parts = []
        if self.weekdays:
            parts.append(", ".join(WEEKDAYS[d][:3] for d in sorted(self.weekdays)))
        if self.earliest_min is not None or self.latest_min is not None:
            low = clock(self.earliest_min) if self.earliest_min is not None else "opening"
            high = clock(self.latest_min) if self.latest_min is not None else "closing"
            parts.append(f"{low}–{high}")
        return " · ".join(parts) or "any time"


def preference_errors(prefs: Preferences) -> list[FieldError]:
    errors: list[FieldError] = []
    if any(not 0 <= d <= 6 for d in prefs.weekdays):
        errors.append(FieldError("weekdays", said("weekdays_range")))
    for path, value in (("earliest", prefs.earliest_min), ("latest", prefs.latest_min)):
        if value is not None and not 0 <= value < DAY_MINUTES:
            errors.append(FieldError(path, said("time_of_day")))
    low, high = prefs.earliest_min, prefs.latest_min
    if not errors and low is not None and high is not None and low > high:
        errors.append(FieldError("latest", said("before_earliest", time=clock(low))))
    if len(prefs.note) > MAX_PREF_NOTE:
        errors.append(FieldError("note", said("too_long_at_most", maximum=MAX_PREF_NOTE)))
    return errors
