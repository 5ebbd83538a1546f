"""Refusals and warnings of one booking, with their messages."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from cryolog.domain.booking.bookings import Booking, DayBookings
from cryolog.domain.booking.checks import (
    CourseContext,
    Level,
    Proposed,
    calendar_findings,
    course_findings,
    place_findings,
)
from cryolog.domain.booking.prefs import Preferences, preference_errors
from cryolog.domain.booking.week import (
    ClosedDay,
    Interval,
    PracticeWeek,
    Resource,
    hours_errors,
    resource_errors,
)
from cryolog.domain.catalog import protocol

MONDAY = date(2027, 3, 1)
CHAMBER = Resource(1, "Chamber", ("wbc_chamber",), 3, 3, 5)
CABIN = Resource(2, "Cabin", ("cold_air",), 1, 20, 10)
WEEK = PracticeWeek(
    (Interval(0, 8 * 60, 12 * 60), Interval(0, 14 * 60, 18 * 60), Interval(1, 8 * 60, 12 * 60)),
    (ClosedDay(MONDAY + timedelta(days=8), "Staff training"),),
    (CHAMBER, CABIN),
)


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm)


def rules(findings: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(f.rule, f.level.value) for f in findings]


@pytest.mark.parametrize(
    ("start", "rule", "words"),
    [
        (at(MONDAY + timedelta(days=2), 9), "closed_day", "closed on Wednesdays"),
        (at(MONDAY + timedelta(days=8), 9), "closed_day", "Staff training"),
        (at(MONDAY, 9, 5), "off_grid", "nearest are 09:04 or 09:12"),
        (at(MONDAY, 12, 30), "off_grid", "not a session slot"),
        (at(MONDAY, 6), "in_past", "already passed"),
    ],
)
def test_calendar_refusals_name_the_reason(start: datetime, rule: str, words: str) -> None:
    found = calendar_findings(WEEK, Proposed(1, CHAMBER, start, 3), now=at(MONDAY, 7))
    assert rules(found) == [(rule, "refusal")]
    assert words in found[0].message


def test_slots_follow_the_grid_of_session_and_turnaround() -> None:
    starts = list(WEEK.slot_starts(CABIN, MONDAY))
    assert starts[:3] == [480, 510, 540]
    assert starts[-1] == 17 * 60 + 30  # ends 17:50, before closing
    assert 14 * 60 in starts and 12 * 60 not in starts


def booking(
    bid: int, patient: int, res: Resource, start: datetime, general: bool = False
) -> Booking:
    return Booking(bid, patient, res.id, start, res.session_min, res.turnaround_min, None, general)


@pytest.mark.parametrize(("taken", "refused"), [(0, False), (2, False), (3, True)])
def test_capacity_of_the_chamber(taken: int, refused: bool) -> None:
    day = DayBookings(
        tuple(booking(k, 100 + k, CHAMBER, at(MONDAY, 8), True) for k in range(taken))
    )
    found = place_findings(WEEK, Proposed(1, CHAMBER, at(MONDAY, 8), 3), day, general=True)
    assert (("resource_full", "refusal") in rules(found)) is refused
    if refused:
        assert "all 3 places taken" in found[0].message


def test_a_run_that_started_earlier_fills_the_resource() -> None:
    day = DayBookings((booking(1, 100, CABIN, at(MONDAY, 8)),))
    found = place_findings(WEEK, Proposed(1, CABIN, at(MONDAY, 8, 20), 20), day)
    assert rules(found) == [("resource_full", "refusal")]
    assert "08:00–08:30" in found[0].message


@pytest.mark.parametrize(("staff", "refused"), [(1, True), (2, False)])
def test_one_practitioner_cannot_run_two_resources(staff: int, refused: bool) -> None:
    week = PracticeWeek(WEEK.hours, WEEK.closed, WEEK.resources, staff)
    day = DayBookings((booking(1, 100, CABIN, at(MONDAY, 8)),))
    found = place_findings(week, Proposed(1, CHAMBER, at(MONDAY, 8, 8), 3), day, general=True)
    assert (("practitioner_busy", "refusal") in rules(found)) is refused


@pytest.mark.parametrize(
    ("others", "recorded", "expected"),
    [(0, 0, []), (1, 0, [("daily_limit", "warning")]), (1, 1, [("daily_limit", "refusal")]),
     (0, 2, [("daily_limit", "refusal")])],
)  # fmt: skip
def test_daily_limit(others: int, recorded: int, expected: list[tuple[str, str]]) -> None:
    day = DayBookings(tuple(booking(k, 1, CHAMBER, at(MONDAY, 9 + k), True) for k in range(others)))
    found = place_findings(WEEK, Proposed(1, CHAMBER, at(MONDAY, 8), 3), day, general=True,
                           sessions_today=recorded)  # fmt: skip
    assert rules(found) == expected


def test_the_patient_cannot_be_in_two_places() -> None:
    day = DayBookings((booking(1, 1, CHAMBER, at(MONDAY, 8), True),))
    found = place_findings(WEEK, Proposed(1, CABIN, at(MONDAY, 8), 20), day)
    assert ("patient_busy", "refusal") in rules(found)


@pytest.mark.parametrize(
    ("protocol_id", "taken_offsets", "day_offset", "expected"),
    [
        ("acne", (0,), 3, []),
        ("acne", (0,), 2, ["interval_short"]),
        ("acne", (5,), 3, ["interval_short"]),  # the next visit is too close too
        ("acne", (0, 3), 6, ["frequency_high"]),
        ("acne", (0, 3), 7, []),
        ("alopecia", (0, 2, 4), 6, []),
        ("alopecia", (0, 2, 4, 6), 8, []),
        ("alopecia", (0, 2, 4), 5, ["interval_short"]),
        ("alopecia", (0, 2, 4, 6), 5, ["interval_short", "frequency_high"]),
    ],
)
def test_course_warnings(
    protocol_id: str, taken_offsets: tuple[int, ...], day_offset: int, expected: list[str]
) -> None:
    taken = tuple(MONDAY + timedelta(days=k) for k in taken_offsets)
    found = course_findings(CourseContext(protocol(protocol_id), taken),
                            MONDAY + timedelta(days=day_offset))  # fmt: skip
    assert [f.rule for f in found] == expected
    assert all(f.level is Level.WARNING for f in found)


def test_course_length_and_break_warn() -> None:
    taken = tuple(MONDAY + timedelta(days=3 * k) for k in range(5))
    context = CourseContext(
        protocol("alopecia"), taken, planned=5, not_before=MONDAY + timedelta(40)
    )
    found = course_findings(context, MONDAY + timedelta(days=20))
    assert [f.rule for f in found] == ["course_length_exceeded", "course_break_short"]
    assert "visit 6 of a course planned for 5" in found[0].message


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ([Interval(0, 600, 540)], "opens at 10:00 but closes at 09:00"),
        ([Interval(7, 480, 600)], "Monday to Sunday"),
        ([Interval(0, 480, 1500)], "between 00:00 and 24:00"),
        ([Interval(0, 480, 720), Interval(0, 700, 800)], "overlaps"),
    ],
)
def test_bad_opening_hours_are_refused(hours: list[Interval], message: str) -> None:
    errors = hours_errors(hours)
    assert errors and message in errors[0].message


@pytest.mark.parametrize(
    ("resource", "path"),
    [
        (Resource(0, "   ", ("cold_air",)), "name"),
        (Resource(0, "\u200b", ("cold_air",)), "name"),
        (Resource(0, "X" * 81, ("cold_air",)), "name"),
        (Resource(0, "chamber", ("wbc_chamber",)), "name"),  # the same as an existing one
        (Resource(0, "New", ()), "modalities"),
        (Resource(0, "New", ("plasma",)), "modalities"),
        (Resource(0, "New", ("cold_air",), capacity=0), "capacity"),
        (Resource(0, "New", ("cold_air",), capacity=21), "capacity"),
        (Resource(0, "New", ("cold_air",), session_min=0), "session_min"),
        (Resource(0, "New", ("cold_air",), turnaround_min=-1), "turnaround_min"),
        (Resource(0, "New", ("cold_air",), capacity=True), "capacity"),
    ],
)
def test_bad_resources_are_refused(resource: Resource, path: str) -> None:
    assert path in [e.path for e in resource_errors(resource, WEEK.resources)]


def test_preferences_are_checked() -> None:
    assert preference_errors(Preferences(frozenset({1}), 600, 540))[0].path == "latest"
    assert preference_errors(Preferences(frozenset({9})))[0].path == "weekdays"
    assert preference_errors(Preferences(frozenset({0}), 540, 600)) == []
