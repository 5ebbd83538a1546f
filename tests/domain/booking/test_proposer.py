"""The visit proposer: protocol intervals, weekly limits, breaks, closed days, holidays,
capacity, staff and the patient's preferences (table-driven where the rule has numbers)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest

from cryolog.domain.booking.bookings import Booking
from cryolog.domain.booking.checks import CourseContext
from cryolog.domain.booking.prefs import Preferences
from cryolog.domain.booking.proposer import ProposalRequest, propose
from cryolog.domain.booking.week import ClosedDay, Interval, PracticeWeek, Resource
from cryolog.domain.catalog import protocol
from cryolog.domain.schedule import sessions_in_window

MONDAY = date(2027, 3, 1)  # a Monday
NOW = datetime(2027, 3, 1, 7, 0)
CHAMBER = Resource(1, "Chamber", ("wbc_chamber",), capacity=3, session_min=3, turnaround_min=5)
CABIN = Resource(2, "Cabin", ("ln2_applicator", "cold_air"), capacity=1, session_min=20,
                 turnaround_min=10)  # fmt: skip
WEEKDAYS_8_12 = tuple(Interval(d, 8 * 60, 12 * 60) for d in range(6))  # Mon–Sat, Sunday closed


def week(closed: tuple[ClosedDay, ...] = (), staff: int = 1) -> PracticeWeek:
    return PracticeWeek(WEEKDAYS_8_12, closed, (CHAMBER, CABIN), staff)


def request(protocol_id: str, count: int, **changes: object) -> ProposalRequest:
    values: dict[str, object] = {
        "patient_id": 1,
        "count": count,
        "week": week(),
        "course": CourseContext(protocol(protocol_id), ()),
        "bookings": (),
        "now": NOW,
        "modality": protocol(protocol_id).modalities[0],
    }
    values.update(changes)
    return ProposalRequest(**values)  # type: ignore[arg-type]


def days(req: ProposalRequest) -> list[date]:
    return [v.start.date() for v in propose(req).visits]


@pytest.mark.parametrize(
    ("protocol_id", "interval", "per_week"),
    [("acne", 3, 2), ("rosacea", 3, 2), ("alopecia", 2, 4), ("wbc_course", 1, 7),
     ("local_pain", 1, 7), ("cryopeeling", 3, 2)],
)  # fmt: skip
def test_proposals_keep_the_interval_and_weekly_limit(
    protocol_id: str, interval: int, per_week: int
) -> None:
    found = days(request(protocol_id, 12))
    assert len(found) == 12
    gaps = [(b - a).days for a, b in itertools.pairwise(found)]
    assert min(gaps) >= interval
    assert max(sessions_in_window(found, d) for d in found) <= per_week
    assert all(d.weekday() != 6 for d in found), "Sunday is closed"


def test_interval_counts_from_the_sessions_already_done() -> None:
    course = CourseContext(protocol("acne"), (MONDAY - timedelta(days=1),))
    assert days(request("acne", 1, course=course))[0] == MONDAY + timedelta(days=2)


def test_weekly_limit_counts_the_sessions_already_done() -> None:
    # acne: every 3 days, at most 2 in any 7 days. Monday is 3 days after the last visit,
    # but a third visit within 7 days: the first allowed day is Tuesday.
    done = tuple(MONDAY - timedelta(days=k) for k in (6, 3))
    course = CourseContext(protocol("acne"), done)
    first = days(request("acne", 1, course=course))[0]
    assert sessions_in_window([*done, first], first) <= 2
    assert first == MONDAY + timedelta(days=1)


def test_course_break_is_respected() -> None:
    course = CourseContext(protocol("alopecia"), (), not_before=MONDAY + timedelta(days=30))
    assert days(request("alopecia", 1, course=course))[0] == MONDAY + timedelta(days=30)


def test_closed_days_and_holidays_are_skipped() -> None:
    holiday = ClosedDay(MONDAY + timedelta(days=1), "Spring holiday")
    found = days(request("wbc_course", 6, week=week((holiday,))))
    assert holiday.day not in found
    assert MONDAY + timedelta(days=6) not in found  # Sunday
    assert found[:2] == [MONDAY, MONDAY + timedelta(days=2)]


def test_nothing_is_proposed_before_now() -> None:
    now = datetime(2027, 3, 1, 11, 50)
    found = propose(request("wbc_course", 1, now=now)).visits
    assert found[0].start == datetime(2027, 3, 1, 11, 52)  # the chamber's last slot of the day


@pytest.mark.parametrize(("taken", "expected_start"), [(2, "08:00"), (3, "08:08")])
def test_a_full_chamber_run_moves_to_the_next_slot(taken: int, expected_start: str) -> None:
    others = tuple(
        Booking(10 + k, 100 + k, CHAMBER.id, datetime(2027, 3, 1, 8, 0), 3, 5, None, True)
        for k in range(taken)
    )
    visit = propose(request("wbc_course", 1, bookings=others)).visits[0]
    assert visit.start.strftime("%H:%M") == expected_start


def test_a_busy_practitioner_blocks_another_resource_at_the_same_time() -> None:
    chamber_run = Booking(10, 100, CHAMBER.id, datetime(2027, 3, 1, 8, 0), 3, 5, None, True)
    one = propose(request("local_pain", 1, modality="cold_air", bookings=(chamber_run,)))
    assert one.visits[0].start == datetime(2027, 3, 1, 8, 30)
    two = propose(request("local_pain", 1, modality="cold_air", bookings=(chamber_run,),
                          week=week(staff=2)))  # fmt: skip
    assert two.visits[0].start == datetime(2027, 3, 1, 8, 0)


def test_a_second_whole_body_visit_on_one_day_is_not_proposed() -> None:
    other = Booking(10, 1, CHAMBER.id, datetime(2027, 3, 1, 9, 0), 3, 5, 77, True)
    assert days(request("wbc_course", 1, bookings=(other,)))[0] == MONDAY + timedelta(days=1)


def test_preferred_days_and_times_are_kept() -> None:
    prefs = Preferences(frozenset({1, 3}), 10 * 60, 11 * 60)  # Tue, Thu 10:00–11:00
    visits = propose(request("acne", 4, prefs=prefs)).visits
    assert {v.start.weekday() for v in visits} <= {1, 3}
    assert all(10 <= v.start.hour <= 11 and not v.outside_preferences for v in visits)


def test_impossible_preferences_fall_back_and_say_so() -> None:
    prefs = Preferences(frozenset({6}))  # Sunday: closed
    visits = propose(request("acne", 2, prefs=prefs)).visits
    assert len(visits) == 2 and all(v.outside_preferences for v in visits)


def test_without_resources_for_the_modality_nothing_is_proposed() -> None:
    found = propose(request("acne", 3, modality="co2"))
    assert found.visits == () and not found.complete


def test_a_chosen_resource_is_kept() -> None:
    visits = propose(request("local_pain", 3, modality="cold_air", resource_id=CABIN.id)).visits
    assert {v.resource_id for v in visits} == {CABIN.id}


def test_without_preferences_no_visit_is_outside_them() -> None:
    visits = propose(request("acne", 3)).visits
    assert len(visits) == 3 and not any(v.outside_preferences for v in visits)
