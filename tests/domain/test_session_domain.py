"""Pure pieces of the session's life: typed durations, states, the exposure maximum, the
ice cube reading time, and the timer settings the rule checker does not take."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cryolog.domain.ice_cube import read_early_problem
from cryolog.domain.rules.jsoncase import InvalidCase, parse_case_data
from cryolog.domain.session_state import (
    SessionState,
    exposure_limit_s,
    ran_past_maximum,
    transition_problem,
)
from cryolog.domain.thresholds import defaults, threshold_problem
from cryolog.domain.units import describe_duration, format_duration, parse_duration
from tests.domain.rule_cases import clean_json


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("2:30", 150),
        ("0:45", 45),
        ("10:00", 600),
        ("2 min", 120),
        ("2min", 120),
        ("2 Min.", 120),
        ("150 s", 150),
        ("150s", 150),
        ("150 sec", 150),
        ("150", 150),
        ("2 min 30 s", 150),
        ("2m30s", 150),
        ("2 min 30", 150),
        ("1,5 min", 90),
        ("1.5 min", 90),
        ("2 мин", 120),
        ("3 мин 10 сек", 190),
        (" 2 minutes ", 120),
    ],
)
def test_durations_as_they_are_said(typed: str, seconds: int) -> None:
    assert parse_duration(typed) == seconds


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "2:75",
        "2:3",
        "1:02:00",
        "30 s 2 min",
        "2 30",
        "1.5",
        "2 hours",
        "2 min min",
        "-2",
    ],
)
def test_what_is_not_a_duration_says_how_to_type_one(typed: str) -> None:
    with pytest.raises(ValueError, match=r"is required|2:30, 2 min"):
        parse_duration(typed)


@pytest.mark.parametrize(
    ("seconds", "clock", "words"),
    [(150, "2:30", "2 min 30 s"), (45, "0:45", "45 s"), (120, "2:00", "2 min"), (0, "0:00", "0 s")],
)
def test_durations_are_shown_back(seconds: int, clock: str, words: str) -> None:
    assert (format_duration(seconds), describe_duration(seconds)) == (clock, words)
    assert parse_duration(format_duration(seconds)) == seconds or seconds == 0


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (SessionState.DRAFT, SessionState.RUNNING, True),
        (SessionState.DRAFT, SessionState.COMPLETED, True),
        (SessionState.DRAFT, SessionState.ABANDONED, True),
        (SessionState.DRAFT, SessionState.SIGNED, False),
        (SessionState.RUNNING, SessionState.COMPLETED, True),
        (SessionState.RUNNING, SessionState.ABANDONED, False),
        (SessionState.RUNNING, SessionState.DRAFT, False),
        (SessionState.COMPLETED, SessionState.SIGNED, True),
        (SessionState.COMPLETED, SessionState.RUNNING, False),
        (SessionState.SIGNED, SessionState.COMPLETED, False),
        (SessionState.ABANDONED, SessionState.DRAFT, False),
    ],
)
def test_the_steps_a_session_may_take(
    current: SessionState, target: SessionState, allowed: bool
) -> None:
    assert (transition_problem(current, target) is None) is allowed


def test_running_and_later_count_drafts_do_not() -> None:
    assert {s for s in SessionState if s.counts} == {
        SessionState.RUNNING,
        SessionState.COMPLETED,
        SessionState.SIGNED,
    }


@pytest.mark.parametrize(
    ("modality", "actual", "over"),
    [
        ("wbc_chamber", 240, False),
        ("wbc_chamber", 241, True),
        ("cold_pack", 1200, False),
        ("cold_pack", 1201, True),
        ("ln2_spray", 7000, False),  # extreme local cold has per-area limits instead
        ("wbc_chamber", None, False),
    ],
)
def test_an_exposure_past_the_maximum(modality: str, actual: int | None, over: bool) -> None:
    assert ran_past_maximum(modality, actual, defaults()) is over
    assert exposure_limit_s("wbc_chamber", {**defaults(), "exposure_max_s": 200}) == 200


REMOVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("minutes_after", "early", "refused"),
    [
        (9.99, False, True),
        (9.99, True, False),
        (10, False, False),
        (25, False, False),
        (-1, True, True),  # before the cube came off: impossible either way
    ],
)
def test_a_reading_before_its_time_needs_read_early(
    minutes_after: float, early: bool, refused: bool
) -> None:
    read_at = REMOVED + timedelta(minutes=minutes_after)
    assert (read_early_problem(REMOVED, read_at, 10, early) is not None) is refused


def test_the_timer_settings_are_practice_settings_not_rule_settings() -> None:
    assert threshold_problem("ice_test_contact_s", 240) is None
    assert threshold_problem("ice_test_contact_s", 20) is not None
    problem = threshold_problem("ice_test_contact_s", 240, rules_only=True)
    assert problem is not None and str(problem) == "unknown setting 'ice_test_contact_s'"
    case = clean_json()
    case["settings"] = {"ice_test_read_after_min": 15}
    with pytest.raises(InvalidCase) as refused:
        parse_case_data(case)
    assert "settings.ice_test_read_after_min: unknown setting" in str(refused.value)
