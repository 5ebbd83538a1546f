"""Propose the dates and times of a course's remaining visits (a pure function).

Given the protocol, the days the course has already taken, the practice's week, every
booking that holds a place, the resources' capacity, the staff and the patient's
preferences, ``propose`` walks forward day by day from the earliest day the protocol
allows and takes, for each visit, the first slot that no refusal stands against and that
no course rule warns about. A visit keeps to the patient's preferred days and times when
such a slot comes within ``PREFERENCE_PATIENCE_DAYS`` of the earliest allowed day;
otherwise it takes the first slot at any time and says so. Whole-body visits are never
proposed on a day the patient already has one (the daily limit's warning).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from cryolog.domain.booking.bookings import Booking, DayBookings, group_by_day
from cryolog.domain.booking.checks import (
    DEFAULT_STOP_OTHERS,
    CourseContext,
    Proposed,
    course_findings,
    earliest_course_day,
    place_findings,
)
from cryolog.domain.booking.prefs import Preferences
from cryolog.domain.booking.week import PracticeWeek, Resource, at_minutes
from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.schedule import min_interval

PREFERENCE_PATIENCE_DAYS = 21
DEFAULT_HORIZON_DAYS = 365


@dataclass(frozen=True, slots=True)
class ProposalRequest:
    patient_id: int
    count: int
    week: PracticeWeek
    course: CourseContext
    bookings: Sequence[Booking]
    now: datetime  # local time: nothing earlier is proposed
    modality: str | None = None
    prefs: Preferences = field(default_factory=Preferences)
    resource_id: int | None = None  # the practitioner's choice, else any that fits
    stop_others: int = DEFAULT_STOP_OTHERS
    horizon_days: int = DEFAULT_HORIZON_DAYS


@dataclass(frozen=True, slots=True)
class ProposedVisit:
    resource_id: int
    start: datetime
    length_min: int
    outside_preferences: bool = False


@dataclass(frozen=True, slots=True)
class Proposal:
    visits: tuple[ProposedVisit, ...]
    wanted: int

    @property
    def complete(self) -> bool:
        return len(self.visits) == self.wanted


def candidates(week: PracticeWeek, modality: str | None, chosen: int | None) -> list[Resource]:
    """Resources that can run ``modality``: the chosen one only, else all active ones."""
    found = [r for r in week.resources if r.active and r.offers(modality)]
    if chosen is not None:
        found = [r for r in found if r.id == chosen]
    return found


def is_general(resource: Resource, modality: str | None) -> bool:
    if modality is not None:
        return MODALITIES[modality].group is ModalityGroup.GENERAL
    return resource.general


class BookingCalendar:
    """The bookings by day, growing as visits are proposed, with each day's quick index."""

    def __init__(self, week: PracticeWeek, bookings: Sequence[Booking]) -> None:
        self.week = week
        self.by_day = group_by_day(bookings)
        self.indexes: dict[date, _DayIndex] = {}
        self.next_id = -1

    def day(self, day: date) -> DayBookings:
        return DayBookings(tuple(self.by_day.get(day, ())))

    def index(self, day: date) -> _DayIndex:
        found = self.indexes.get(day)
        if found is None:
            found = self.indexes[day] = _DayIndex(self.week, tuple(self.by_day.get(day, ())))
        return found

    def add(self, patient_id: int, visit: ProposedVisit, resource: Resource, general: bool) -> None:
        booking = Booking(
            self.next_id,
            patient_id,
            resource.id,
            visit.start,
            visit.length_min,
            resource.turnaround_min,
            None,
            general,
        )
        self.next_id -= 1
        self.by_day.setdefault(visit.start.date(), []).append(booking)
        if visit.start.date() in self.indexes:
            self.indexes[visit.start.date()].add(booking)


def _slots(
    req: ProposalRequest, resources: list[Resource], day: date, strict: bool
) -> Iterator[tuple[Resource, datetime]]:
    """Every (resource, start) of ``day`` in time order, kept to the preferences if ``strict``."""
    found: list[tuple[int, int, Resource]] = []
    for order, res in enumerate(resources):
        for start in req.week.slot_starts(res, day):
            if strict and not req.prefs.allows_time(start):
                continue
            found.append((start, order, res))
    for start, _, res in sorted(found, key=lambda f: (f[0], f[1])):
        moment = at_minutes(day, start)
        if moment >= req.now:
            yield res, moment


class _DayIndex:
    """A quick, conservative look at one day: which runs are full and which minutes every
    practitioner is busy. It only skips slots the full check would refuse anyway."""

    def __init__(self, week: PracticeWeek, bookings: tuple[Booking, ...]) -> None:
        self.capacity = {r.id: r.capacity for r in week.resources}
        self.runs: dict[tuple[int, datetime], int] = {}
        self.busy: dict[int, list[tuple[datetime, datetime, datetime]]] = {}
        self.staffed: dict[datetime, set[int]] = {}
        self.staff = week.staff
        for b in bookings:
            self.add(b)

    def add(self, b: Booking) -> None:
        self.runs[(b.resource_id, b.start)] = self.runs.get((b.resource_id, b.start), 0) + 1
        self.busy.setdefault(b.resource_id, []).append((b.start, b.free_at, b.end))

    def hopeless(self, res: Resource, start: datetime) -> bool:
        if self.runs.get((res.id, start), 0) >= res.capacity:
            return True
        free_at = start + timedelta(minutes=res.step_min)
        if any(s != start and s < free_at and start < f for s, f, _ in self.busy.get(res.id, ())):
            return True
        end = start + timedelta(minutes=res.session_min)
        others = {
            rid
            for rid, spans in self.busy.items()
            if rid != res.id and any(s < end and start < e for s, _, e in spans)
        }
        return len(others) + 1 > self.staff


def _first_slot(
    req: ProposalRequest, cal: BookingCalendar, resources: list[Resource], day: date, strict: bool
) -> ProposedVisit | None:
    if strict and not req.prefs.allows_day(day.weekday()):
        return None
    index = cal.index(day)
    today: DayBookings | None = None
    for res, start in _slots(req, resources, day, strict):
        if index.hopeless(res, start):
            continue
        today = today or cal.day(day)
        general = is_general(res, req.modality)
        proposed = Proposed(req.patient_id, res, start, res.session_min)
        findings = place_findings(
            req.week, proposed, today, stop_others=req.stop_others, general=general
        )
        if not findings:  # neither a refusal nor the daily-limit warning
            return ProposedVisit(res.id, start, res.session_min, not strict and not req.prefs.empty)
    return None


def _next_visit(
    req: ProposalRequest,
    cal: BookingCalendar,
    resources: list[Resource],
    taken: list[date],
    day: date,
) -> ProposedVisit | None:
    last = req.now.date() + timedelta(days=req.horizon_days)
    for strict, until in ((True, day + timedelta(days=PREFERENCE_PATIENCE_DAYS)), (False, last)):
        if strict and req.prefs.empty:
            continue
        probe = day
        while probe <= min(until, last):
            context = CourseContext(req.course.protocol, tuple(taken), None, req.course.not_before)
            if req.week.is_open(probe) and not course_findings(context, probe):
                visit = _first_slot(req, cal, resources, probe, strict)
                if visit is not None:
                    return visit
            probe += timedelta(days=1)
    return None


def propose(req: ProposalRequest, calendar: BookingCalendar | None = None) -> Proposal:
    """Up to ``req.count`` visits, in date order; fewer when the horizon runs out.

    ``calendar`` (of the same week) stands for ``req.bookings`` when proposing for many
    courses in a row: each proposal's visits are added to it, so the next one sees them."""
    resources = candidates(req.week, req.modality, req.resource_id)
    cal = calendar or BookingCalendar(req.week, req.bookings)
    taken = sorted(req.course.taken)
    visits: list[ProposedVisit] = []
    day = earliest_course_day(req.course, req.now.date())
    step = timedelta(days=min_interval(req.course.protocol))
    while resources and len(visits) < req.count:
        visit = _next_visit(req, cal, resources, taken, day)
        if visit is None:
            break
        res = next(r for r in resources if r.id == visit.resource_id)
        cal.add(req.patient_id, visit, res, is_general(res, req.modality))
        visits.append(visit)
        taken.append(visit.start.date())
        day = visit.start.date() + step
    return Proposal(tuple(visits), req.count)
