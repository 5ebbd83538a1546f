"""The practice's week: opening hours, closed days, resources and how many staff.

Opening hours are intervals of minutes from local midnight, several per weekday (Monday =
0). A resource (a chamber, a cabin, a cold-air device) runs sessions on a grid: from the
start of each opening interval, one session of ``session_min`` then ``turnaround_min`` to
get it ready again, as long as the session ends by the interval's close.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.messages import Message
from cryolog.domain.reasons import has_visible_letter

DAY_MINUTES = 24 * 60
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_CAPACITY = 20
MAX_SESSION_MIN = 480
MAX_TURNAROUND_MIN = 240
MAX_STAFF = 50
MAX_RESOURCE_NAME = 80
MAX_LABEL = 120


def clock(minutes: int) -> str:
    """'08:30' for 510 minutes after midnight ('24:00' for the end of the day)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minutes_of(moment: datetime | time) -> int:
    return moment.hour * 60 + moment.minute


def at_minutes(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time()) + timedelta(minutes=minutes)


@dataclass(frozen=True, slots=True)
class Interval:
    """Open on ``weekday`` from ``start_min`` to ``end_min`` (minutes after midnight)."""

    weekday: int
    start_min: int
    end_min: int

    def problem(self) -> Message | None:
        if not 0 <= self.weekday <= 6:
            return said("weekday_range")
        if not (0 <= self.start_min < DAY_MINUTES and 0 < self.end_min <= DAY_MINUTES):
            return said("hours_times")
        if self.start_min >= self.end_min:
            return said("hours_order", opens=clock(self.start_min), closes=clock(self.end_min))
        return None


@dataclass(frozen=True, slots=True)
class ClosedDay:
    day: date
    label: str = ""


@dataclass(frozen=True, slots=True)
class Resource:
    """Something a session needs: ``capacity`` patients at once, on its own grid."""

    id: int
    name: str
    modalities: tuple[str, ...]
    capacity: int = 1
    session_min: int = 20
    turnaround_min: int = 0
    active: bool = True

    @property
    def step_min(self) -> int:
        return self.session_min + self.turnaround_min

    @property
    def general(self) -> bool:
        """Whole-body: every modality it offers is of the general group."""
        return bool(self.modalities) and all(
            MODALITIES[m].group is ModalityGroup.GENERAL for m in self.modalities
        )

    def offers(self, modality_id: str | None) -> bool:
        return modality_id is None or modality_id in self.modalities


@dataclass(frozen=True, slots=True)
class PracticeWeek:
    """Everything about the calendar that bookings must fit."""

    hours: tuple[Interval, ...] = ()
    closed: tuple[ClosedDay, ...] = ()
    resources: tuple[Resource, ...] = ()
    staff: int = 1
    _by_day: dict[int, tuple[Interval, ...]] = field(default_factory=dict, compare=False)
    _closed: dict[date, ClosedDay] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for weekday in range(7):
            found = sorted(
                (i for i in self.hours if i.weekday == weekday), key=lambda i: i.start_min
            )
            self._by_day[weekday] = tuple(found)
        self._closed.update({c.day: c for c in self.closed})

    def intervals(self, day: date) -> tuple[Interval, ...]:
        """The opening intervals of ``day`` (none on a closed day)."""
        if day in self._closed:
            return ()
        return self._by_day[day.weekday()]

    def closed_on(self, day: date) -> ClosedDay | None:
        return self._closed.get(day)

    def is_open(self, day: date) -> bool:
        return bool(self.intervals(day))

    def resource(self, resource_id: int) -> Resource | None:
        return next((r for r in self.resources if r.id == resource_id), None)

    def slot_starts(self, resource: Resource, day: date) -> Iterator[int]:
        """Minutes after midnight at which ``resource`` can start a session on ``day``."""
        for interval in self.intervals(day):
            start = interval.start_min
            while start + resource.session_min <= interval.end_min:
                yield start
                start += resource.step_min

    def on_grid(self, resource: Resource, day: date, start_min: int) -> bool:
        return start_min in set(self.slot_starts(resource, day))

    def open_label(self, day: date) -> str:
        """'08:00–12:00, 14:00–19:00' or 'closed'."""
        found = self.intervals(day)
        if not found:
            return "closed"
        return ", ".join(f"{clock(i.start_min)}–{clock(i.end_min)}" for i in found)


# --- validation ---------------------------------------------------------------------------


def hours_errors(hours: Sequence[Interval]) -> list[FieldError]:
    """What is wrong with a set of opening intervals (bad times, overlaps on one day)."""
    errors = [
        FieldError(f"hours[{n}]", problem)
        for n, interval in enumerate(hours)
        if (problem := interval.problem())
    ]
    if errors:
        return errors
    for weekday in range(7):
        day = sorted((i for i in hours if i.weekday == weekday), key=lambda i: i.start_min)
        for before, after in itertools.pairwise(day):
            if after.start_min < before.end_min:
                errors.append(
                    FieldError(
                        f"hours.{WEEKDAYS[weekday].lower()}",
                        said(
                            "hours_overlap",
                            later=f"{clock(after.start_min)}–{clock(after.end_min)}",
                            earlier=f"{clock(before.start_min)}–{clock(before.end_min)}",
                        ),
                    )
                )
    return errors


def resource_errors(resource: Resource, others: Iterable[Resource] = ()) -> list[FieldError]:
    errors: list[FieldError] = []
    name = resource.name.strip()
    if not has_visible_letter(name):
        errors.append(FieldError("name", said("needs_letter")))
    elif len(name) > MAX_RESOURCE_NAME:
        errors.append(FieldError("name", said("too_long_at_most", maximum=MAX_RESOURCE_NAME)))
    elif any(o.id != resource.id and o.name.strip().casefold() == name.casefold() for o in others):
        errors.append(FieldError("name", said("resource_taken", name=name)))
    if not resource.modalities:
        errors.append(FieldError("modalities", said("choose_modality")))
    unknown = [m for m in resource.modalities if m not in MODALITIES]
    if unknown:
        errors.append(FieldError("modalities", said("unknown_modality", value=unknown[0])))
    errors += _range("capacity", resource.capacity, 1, MAX_CAPACITY, "patients")
    errors += _range("session_min", resource.session_min, 1, MAX_SESSION_MIN, "minutes")
    errors += _range("turnaround_min", resource.turnaround_min, 0, MAX_TURNAROUND_MIN, "minutes")
    return errors


def staff_errors(staff: object) -> list[FieldError]:
    return _range("staff", staff, 1, MAX_STAFF, "people")


def closed_day_errors(closed: Sequence[ClosedDay]) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: set[date] = set()
    for n, item in enumerate(closed):
        if item.day in seen:
            errors.append(FieldError(f"closed[{n}]", said("listed_twice", day=item.day)))
        seen.add(item.day)
        if len(item.label) > MAX_LABEL:
            errors.append(FieldError(f"closed[{n}]", said("label_too_long", maximum=MAX_LABEL)))
        if any(ord(ch) < 32 for ch in item.label):
            errors.append(FieldError(f"closed[{n}]", said("label_control")))
    return errors


def _range(path: str, value: object, low: int, high: int, unit: str) -> list[FieldError]:
    if isinstance(value, bool) or not isinstance(value, int):
        return [FieldError(path, said("whole_number"))]
    if not low <= value <= high:
        return [FieldError(path, said(f"range_{unit}", low=low, high=high))]
    return []


def require(errors: list[FieldError]) -> None:
    if errors:
        raise InvalidInput(errors)


def nearest_slot(week: PracticeWeek, resource: Resource, day: date, minutes: int) -> int | None:
    """The slot start of ``resource`` on ``day`` nearest to ``minutes`` (None: no slot)."""
    starts = list(week.slot_starts(resource, day))
    return min(starts, key=lambda s: (abs(s - minutes), s)) if starts else None
