"""Course scheduling (domain.md §4): when the next session may be, what is left, when to rest.

Pure date arithmetic on the protocol's schedule numbers. Dates are calendar days in the
practice's local time; "any 7 days" ending on a day D is D and the 6 days before it.

Overdue rule: a course is overdue when its next session became allowed more than
``overdue_grace_days(protocol)`` days ago, that is max(2 × min interval, 7) days, and the
course still has sessions to do. A custom protocol has no limits; its projection uses a
1-day interval.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cryolog.domain.catalog import Protocol, protocol

WEEK_DAYS = 7
YEAR_DAYS = 365
MIN_OVERDUE_GRACE_DAYS = 7
DEFAULT_INTERVAL_DAYS = 1


def sessions_in_window(dates: Iterable[date], day: date, days: int = WEEK_DAYS) -> int:
    """How many ``dates`` lie in the ``days`` days ending on ``day`` (0 ≤ day − d ≤ days − 1)."""
    return sum(1 for d in dates if 0 <= (day - d).days <= days - 1)


def short_gap(previous: date, day: date, proto: Protocol) -> int | None:
    """The days since ``previous`` when a session on ``day`` comes sooner than the
    protocol's minimum interval (None: not too soon, or no minimum). The rules' warning
    and the course summary's deviations are both this judgement."""
    gap = (day - previous).days
    if proto.min_interval_days is None or gap >= proto.min_interval_days:
        return None
    return gap


def too_many_in_window(dates: Iterable[date], day: date, proto: Protocol) -> int | None:
    """How many sessions ``dates`` (``day``'s included) hold in the 7 days ending on
    ``day`` when that is more than the protocol allows (None: within the limit)."""
    if proto.max_per_7_days is None:
        return None
    count = sessions_in_window(dates, day)
    return count if count > proto.max_per_7_days else None


def min_interval(proto: Protocol) -> int:
    return proto.min_interval_days or DEFAULT_INTERVAL_DAYS


def overdue_grace_days(proto: Protocol) -> int:
    """Days after the next session became allowed before the course counts as overdue."""
    return max(2 * min_interval(proto), MIN_OVERDUE_GRACE_DAYS)


def fits_week(proto: Protocol, taken: Iterable[date], day: date) -> bool:
    """True when one more session on ``day`` keeps every 7-day window within the limit."""
    limit = proto.max_per_7_days
    return limit is None or sessions_in_window(taken, day) + 1 <= limit


def first_fit(proto: Protocol, taken: Sequence[date], day: date) -> date:
    """``day`` or the first later day on which the weekly limit allows one more session."""
    while not fits_week(proto, taken, day):
        day += timedelta(days=1)
    return day


def earliest_allowed(proto: Protocol, started: date, done: Sequence[date]) -> date:
    """The earliest date for the next session: min interval after the last one, weekly limit."""
    if not done:
        return started
    last = max(done)
    return first_fit(proto, done, last + timedelta(days=min_interval(proto)))


@dataclass(frozen=True, slots=True)
class NextDue:
    """``earliest``: allowed by the protocol; ``due``: the same but not before the as-of day."""

    earliest: date
    due: date
    overdue: bool
    days_late: int


def next_due(proto: Protocol, started: date, done: Sequence[date], today: date) -> NextDue:
    earliest = earliest_allowed(proto, started, done)
    late = max((today - earliest).days, 0)
    return NextDue(earliest, max(earliest, today), late > overdue_grace_days(proto), late)


def next_course_earliest(
    proto: Protocol, ended: date, previous_starts: Sequence[date] = ()
) -> date:
    """First day a new course may start: the break after ``ended``, then the yearly course limit.

    ``previous_starts`` are the start dates of this patient's courses of the same protocol
    (including the one that ended); starting on the result keeps the courses started in any
    365 days within ``max_courses_365``.
    """
    day = ended + timedelta(days=proto.break_days or 0)
    limit = proto.max_courses_365
    while limit is not None and sessions_in_window(previous_starts, day, YEAR_DAYS) + 1 > limit:
        day += timedelta(days=1)
    return day


def remaining_dates(
    proto: Protocol, started: date, done: Sequence[date], planned: int, from_day: date
) -> tuple[date, ...]:
    """Appointment dates for the sessions still planned, from ``from_day`` on, at the minimum
    interval and within the weekly limit."""
    taken = list(done)
    dates: list[date] = []
    day = max(earliest_allowed(proto, started, taken), from_day)
    for _ in range(max(planned - len(done), 0)):
        day = first_fit(proto, taken, day)
        dates.append(day)
        taken.append(day)
        day += timedelta(days=min_interval(proto))
    return tuple(dates)


@dataclass(frozen=True, slots=True)
class CourseSchedule:
    """Where an open course stands on ``as_of``.

    ``next`` is None when every planned session is done; ``next_course_earliest`` assumes the
    course ends on its last planned (or, if none is left, last done) session.
    """

    protocol: str
    sessions_done: int
    sessions_planned: int | None
    next: NextDue | None
    remaining: tuple[date, ...]
    next_course_earliest: date

    @property
    def overdue(self) -> bool:
        return self.next is not None and self.next.overdue


def planned_sessions(proto: Protocol, planned: int | None) -> int | None:
    """The course's plan, else the protocol's maximum (None for a custom course without one)."""
    return planned if planned is not None else proto.max_sessions


def course_schedule(
    protocol_id: str,
    started: date,
    done: Sequence[date],
    as_of: date,
    planned: int | None = None,
    previous_starts: Sequence[date] = (),
) -> CourseSchedule:
    """The schedule of an open course; ``done`` are the dates of its sessions so far."""
    proto = protocol(protocol_id)
    target = planned_sessions(proto, planned)
    left = target is None or len(done) < target
    remaining = remaining_dates(proto, started, done, target, as_of) if target else ()
    last = max([started, *done, *remaining])
    return CourseSchedule(
        protocol_id,
        len(done),
        target,
        next_due(proto, started, done, as_of) if left else None,
        remaining,
        next_course_earliest(proto, last, [*previous_starts, started]),
    )
