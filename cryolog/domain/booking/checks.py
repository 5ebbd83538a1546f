"""What refuses a booking and what only warns (domain.md §6 applied to the calendar).

Refusals: a closed day, a start that is not a slot of the resource, a resource that does
not offer the modality, a full resource, a busy practitioner, a patient already booked at
that time, a time already past, and the daily limit's hard stop (from
``daily_general_stop_others`` other whole-body visits that day). Warnings, which the
practitioner may accept with a written reason: one other whole-body visit that day, and
the course rules (minimum interval, at most N in any 7 days, the course's planned length,
the break after a previous course).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from cryolog.domain.booking.bookings import DayBookings, overlaps
from cryolog.domain.booking.week import PracticeWeek, Resource, clock, minutes_of
from cryolog.domain.catalog import Protocol
from cryolog.domain.messages import Message, Ref
from cryolog.domain.schedule import min_interval, sessions_in_window

DEFAULT_STOP_OTHERS = 2


class Level(StrEnum):
    REFUSAL = "refusal"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class BookingFinding:
    """One rule's verdict on a booking; ``text`` is its keyed message (``booking.*``)."""

    rule: str
    level: Level
    text: Message

    @property
    def message(self) -> str:
        """The sentence in the current language (the command line's: English)."""
        return self.text.render()

    @property
    def refuses(self) -> bool:
        return self.level is Level.REFUSAL


@dataclass(frozen=True, slots=True)
class Proposed:
    """The booking being checked: ``id`` of the appointment being moved, else None."""

    patient_id: int
    resource: Resource
    start: datetime
    length_min: int
    id: int | None = None

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.length_min)

    @property
    def free_at(self) -> datetime:
        return self.end + timedelta(minutes=self.resource.turnaround_min)


@dataclass(frozen=True, slots=True)
class CourseContext:
    """The course a booking belongs to: its protocol and the days already taken by it."""

    protocol: Protocol
    taken: tuple[date, ...]  # recorded sessions and other held bookings of the course
    planned: int | None = None
    not_before: date | None = None  # the break after the previous course of this protocol


def _refuse(rule: str, key: str, **values: object) -> BookingFinding:
    return BookingFinding(rule, Level.REFUSAL, Message(f"booking.{key}", **values))


def _warn(rule: str, key: str, **values: object) -> BookingFinding:
    return BookingFinding(rule, Level.WARNING, Message(f"booking.{key}", **values))


def weekday(day: date) -> Ref:
    """The day's short weekday name ('Tue', 'вт'), written before its date."""
    return Ref("weekday_short", str(day.weekday()))


def _hours(week: PracticeWeek, day: date) -> tuple[str, ...] | Message:
    """The day's opening hours ('08:00–12:00', '14:00–19:00'), or 'closed'."""
    found = week.intervals(day)
    if not found:
        return Message("booking.hours_closed")
    return tuple(f"{clock(i.start_min)}–{clock(i.end_min)}" for i in found)


def calendar_findings(
    week: PracticeWeek, proposed: Proposed, now: datetime | None = None
) -> list[BookingFinding]:
    """The practice is open and the start is a slot of the resource."""
    res, day = proposed.resource, proposed.day
    if now is not None and proposed.start < now:
        at = proposed.start.replace(second=0, microsecond=0)
        return [_refuse("in_past", "in_past", weekday=weekday(day), at=at)]
    closed = week.closed_on(day)
    if closed is not None:
        if closed.label:
            return [
                _refuse(
                    "closed_day",
                    "closed_day_label",
                    weekday=weekday(day),
                    day=day,
                    label=closed.label,
                )
            ]
        return [_refuse("closed_day", "closed_day", weekday=weekday(day), day=day)]
    if not week.is_open(day):
        return [
            _refuse("closed_day", "closed_weekday", weekdays=Ref("on_weekdays", str(day.weekday())))
        ]
    if not res.active:
        return [_refuse("resource_inactive", "resource_inactive", resource=res.name)]
    start = minutes_of(proposed.start)
    starts = list(week.slot_starts(res, day))
    if start not in starts or proposed.length_min > res.session_min:
        return [_off_grid(week, res, day, start, starts)]
    return []


def _off_grid(
    week: PracticeWeek, res: Resource, day: date, start: int, starts: list[int]
) -> BookingFinding:
    where = {"resource": res.name, "weekday": weekday(day), "day": day, "hours": _hours(week, day)}
    if not starts:
        return _refuse("off_grid", "no_slot", **where)
    near = sorted(sorted(starts, key=lambda s: abs(s - start))[:2])
    if len(near) == 1:
        return _refuse(
            "off_grid", "off_grid_one", start=clock(start), nearest=clock(near[0]), **where
        )
    return _refuse(
        "off_grid",
        "off_grid",
        start=clock(start),
        first=clock(near[0]),
        second=clock(near[1]),
        **where,
    )


def place_findings(
    week: PracticeWeek,
    proposed: Proposed,
    day: DayBookings,
    *,
    stop_others: int = DEFAULT_STOP_OTHERS,
    general: bool = False,
    sessions_today: int = 0,
) -> list[BookingFinding]:
    """Room on the resource, a free practitioner, a free patient, the daily limit.

    ``sessions_today`` counts this patient's whole-body sessions already recorded that day
    without an appointment."""
    found: list[BookingFinding] = []
    res = proposed.resource
    runs = [
        b
        for b in day.on_resource(res.id)
        if overlaps(b.start, b.free_at, proposed.start, proposed.free_at)
    ]
    clash = next((b for b in runs if b.start != proposed.start), None)
    if clash is not None:
        found.append(
            _refuse(
                "resource_full",
                "resource_in_use",
                resource=res.name,
                start=f"{clash.start:%H:%M}",
                end=f"{clash.free_at:%H:%M}",
            )
        )
    elif len(runs) >= res.capacity:
        found.append(
            _refuse(
                "resource_full",
                "resource_full",
                resource=res.name,
                start=f"{proposed.start:%H:%M}",
                n=res.capacity,
            )
        )
    busy = {
        b.resource_id
        for b in day.bookings
        if b.resource_id != res.id and overlaps(b.start, b.end, proposed.start, proposed.end)
    }
    if len(busy) + 1 > week.staff:
        found.append(
            _refuse(
                "practitioner_busy",
                "practitioner_busy",
                start=f"{proposed.start:%H:%M}",
                n=week.staff,
            )
        )
    mine = day.of_patient(proposed.patient_id)
    same_time = next(
        (b for b in mine if overlaps(b.start, b.end, proposed.start, proposed.end)), None
    )
    if same_time is not None:
        found.append(_refuse("patient_busy", "patient_busy", start=f"{same_time.start:%H:%M}"))
    if general:
        others = sum(1 for b in mine if b.general) + sessions_today
        if others >= stop_others:
            found.append(
                _refuse(
                    "daily_limit",
                    "daily_stop",
                    n=others,
                    weekday=weekday(proposed.day),
                    day=proposed.day,
                )
            )
        elif others:
            found.append(
                _warn(
                    "daily_limit", "daily_second", weekday=weekday(proposed.day), day=proposed.day
                )
            )
    return found


def course_findings(course: CourseContext, day: date) -> list[BookingFinding]:
    """The protocol's intervals, weekly limit, planned length and break (warnings)."""
    proto, taken = course.protocol, course.taken
    found: list[BookingFinding] = []
    if proto.min_interval_days:
        near = [d for d in taken if abs((day - d).days) < proto.min_interval_days]
        if near:
            closest = min(near, key=lambda d: abs((day - d).days))
            gap = abs((day - closest).days)
            found.append(
                _warn(
                    "interval_short",
                    "interval_short",
                    n=gap,
                    weekday=weekday(closest),
                    day=closest,
                    minimum=Message("unit.days", n=proto.min_interval_days),
                )
            )
    limit = proto.max_per_7_days
    if limit is not None:
        worst = max(sessions_in_window([*taken, day], day + timedelta(days=k)) for k in range(7))
        if worst > limit:
            found.append(_warn("frequency_high", "frequency_high", n=worst, limit=limit))
    if course.planned is not None and len(taken) + 1 > course.planned:
        found.append(
            _warn(
                "course_length_exceeded",
                "course_length_exceeded",
                visit=len(taken) + 1,
                planned=course.planned,
            )
        )
    if course.not_before is not None and day < course.not_before:
        found.append(
            _warn(
                "course_break_short",
                "course_break_short",
                weekday=weekday(course.not_before),
                day=course.not_before,
            )
        )
    return found


def earliest_course_day(course: CourseContext, after: date) -> date:
    """The first day from ``after`` that the course's last visit and break allow."""
    day = after
    if course.taken:
        day = max(day, max(course.taken) + timedelta(days=min_interval(course.protocol)))
    if course.not_before is not None:
        day = max(day, course.not_before)
    return day


def refusals(findings: Sequence[BookingFinding]) -> list[BookingFinding]:
    return [f for f in findings if f.refuses]


def warnings(findings: Sequence[BookingFinding]) -> list[BookingFinding]:
    return [f for f in findings if not f.refuses]
