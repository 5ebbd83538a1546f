"""A practice with a week, a chamber and a cabin, for the appointment tests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from cryolog.domain.booking.week import ClosedDay, Interval, Resource
from cryolog.services import Services

HOURS = tuple(Interval(d, 8 * 60, 20 * 60) for d in range(6))  # Monday–Saturday


def next_weekday(weekday: int, after: date | None = None) -> date:
    """The first day after ``after`` (default today) that falls on ``weekday``."""
    day = (after or date.today()) + timedelta(days=1)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


def set_up_week(
    services: Services, staff: int = 1, closed: tuple[ClosedDay, ...] = ()
) -> tuple[int, int]:
    """The chamber's and the cabin's ids."""
    services.week.save_week(HOURS, closed, staff)
    chamber = services.week.save_resource(Resource(0, "Chamber", ("wbc_chamber",), 3, 3, 5))
    cabin = services.week.save_resource(
        Resource(0, "Cabin 1", ("ln2_applicator", "ln2_spray", "cold_air"), 1, 20, 10)
    )
    return chamber.id, cabin.id
