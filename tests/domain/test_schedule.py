"""Course scheduling: intervals, the weekly limit, overdue courses, breaks between courses."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cryolog.domain.catalog import PROTOCOLS, protocol
from cryolog.domain.rules.case import PastSession
from cryolog.domain.schedule import (
    course_schedule,
    earliest_allowed,
    next_course_earliest,
    next_due,
    overdue_grace_days,
    remaining_dates,
    sessions_in_window,
)
from tests.domain.rule_cases import clean_case, in_course, levels

D0 = date(2026, 3, 2)  # a Monday


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def offsets(dates: tuple[date, ...] | list[date]) -> list[int]:
    return [(d - D0).days for d in dates]


@pytest.mark.parametrize(
    ("protocol_id", "interval"),
    [
        ("cryopeeling", 3),
        ("acne", 3),
        ("rosacea", 3),
        ("alopecia", 2),
        ("alopecia_areata", 2),
        ("wbc_course", 1),
        ("local_pain", 1),
        ("custom", 1),
    ],
)
def test_next_session_waits_the_minimum_interval(protocol_id: str, interval: int) -> None:
    assert earliest_allowed(protocol(protocol_id), D0, [D0]) == day(interval)


def test_first_session_is_due_on_the_course_start() -> None:
    assert earliest_allowed(protocol("acne"), day(5), []) == day(5)


@pytest.mark.parametrize("protocol_id", ["cryopeeling", "acne", "rosacea"])
def test_two_per_week_limit_pushes_the_third_session(protocol_id: str) -> None:
    proto = protocol(protocol_id)
    assert earliest_allowed(proto, D0, [day(0), day(3)]) == day(7)
    assert offsets(remaining_dates(proto, D0, [day(0)], 6, D0)) == [3, 7, 10, 14, 17]


@pytest.mark.parametrize("protocol_id", ["alopecia", "alopecia_areata"])
def test_alopecia_every_two_days_within_four_a_week(protocol_id: str) -> None:
    proto = protocol(protocol_id)
    assert offsets(remaining_dates(proto, D0, [], 5, D0)) == [0, 2, 4, 6, 8]
    assert earliest_allowed(proto, D0, [day(0), day(1), day(2), day(4)]) == day(7)


@pytest.mark.parametrize("protocol_id", ["wbc_course", "local_pain", "custom"])
def test_daily_protocols_run_on_consecutive_days(protocol_id: str) -> None:
    assert offsets(remaining_dates(protocol(protocol_id), D0, [], 8, D0)) == list(range(8))


def test_weekly_limit_counts_any_seven_days() -> None:
    dates = [day(0), day(6), day(7)]
    assert sessions_in_window(dates, day(6)) == 2
    assert sessions_in_window(dates, day(7)) == 2
    assert sessions_in_window(dates, day(13)) == 1


def test_due_is_never_before_today_and_overdue_after_the_grace() -> None:
    proto = protocol("cryopeeling")
    assert overdue_grace_days(proto) == 7
    early = next_due(proto, D0, [D0], today=day(1))
    assert (early.earliest, early.due, early.overdue, early.days_late) == (day(3), day(3), False, 0)
    at_grace = next_due(proto, D0, [D0], today=day(10))
    assert (at_grace.due, at_grace.overdue, at_grace.days_late) == (day(10), False, 7)
    assert next_due(proto, D0, [D0], today=day(11)).overdue


def test_overdue_grace_is_a_week_for_the_built_in_protocols() -> None:
    assert overdue_grace_days(protocol("wbc_course")) == 7
    assert overdue_grace_days(protocol("alopecia")) == 7


def test_alopecia_needs_a_30_day_break() -> None:
    proto = protocol("alopecia")
    assert next_course_earliest(proto, day(0)) == day(30)
    assert next_course_earliest(protocol("cryopeeling"), day(0)) == day(0)


def test_alopecia_courses_limited_to_three_in_365_days() -> None:
    proto = protocol("alopecia")
    starts = [day(-300), day(-150), day(-40)]
    assert next_course_earliest(proto, day(0), starts) == day(-300 + 365)
    assert next_course_earliest(proto, day(0), starts[1:]) == day(30)


def test_course_schedule_summary() -> None:
    done = [day(0), day(3)]
    plan = course_schedule("cryopeeling", D0, done, as_of=day(4), planned=5)
    assert (plan.sessions_done, plan.sessions_planned) == (2, 5)
    assert plan.next is not None and plan.next.due == day(7)
    assert offsets(plan.remaining) == [7, 10, 14]
    assert plan.next_course_earliest == day(14)
    assert not plan.overdue


def test_course_schedule_defaults_to_the_protocol_maximum() -> None:
    plan = course_schedule("local_pain", D0, [], as_of=D0)
    assert plan.sessions_planned == 10 and len(plan.remaining) == 10


def test_finished_course_has_nothing_due() -> None:
    done = [day(2 * i) for i in range(15)]
    plan = course_schedule("alopecia", D0, done, as_of=day(40), planned=15)
    assert plan.next is None and plan.remaining == () and not plan.overdue
    assert plan.next_course_earliest == day(28 + 30)


def test_overdue_course() -> None:
    plan = course_schedule("acne", D0, [D0], as_of=day(20), planned=10)
    assert plan.overdue
    assert plan.remaining[0] == day(20)


def test_custom_course_without_a_plan_projects_nothing() -> None:
    plan = course_schedule("custom", D0, [D0], as_of=day(1))
    assert plan.sessions_planned is None and plan.remaining == ()
    assert plan.next is not None and plan.next.due == day(1)


def as_sessions(dates: list[date], modality: str) -> tuple[PastSession, ...]:
    return tuple(PastSession(datetime.combine(d, datetime.min.time()), modality, 60) for d in dates)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(PROTOCOLS)), st.lists(st.integers(0, 40), max_size=6, unique=True))
def test_projected_dates_never_trip_the_course_rules(protocol_id: str, done_at: list[int]) -> None:
    """Every projected appointment passes interval_short and frequency_high of the engine."""
    proto = protocol(protocol_id)
    done = sorted(day(n) for n in done_at)
    modality = proto.modalities[0] if proto.modalities else "cold_pack"
    dates = remaining_dates(proto, D0, done, len(done) + 6, D0)
    for index, when in enumerate(dates):
        earlier = sorted([*done, *dates[:index]])
        case = clean_case(modality, as_of=datetime.combine(when, datetime.min.time()))
        found = levels(in_course(case, protocol_id, as_sessions(earlier, modality)))
        assert "interval_short" not in found and "frequency_high" not in found
