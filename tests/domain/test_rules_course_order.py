"""The course rules read the course's earlier sessions oldest first whatever order the case
lists them in: the engine sorts them once for every rule of the case."""

from __future__ import annotations

from dataclasses import replace
from itertools import permutations

import pytest

from cryolog.domain.rules.case import Case, Course
from tests.domain.rule_cases import clean_case, in_course, level_of, levels, past, with_session

OLDEST_FIRST = (
    past(5, duration_s=60, nrs_pre=8),  # general, the first: the course's starting pain
    past(1, duration_s=120, nrs_pre=7),  # general, the latest general one
    past(0, "ln2_spray", duration_s=30, nrs_pre=7, hour=7),  # local, the latest of all
)


def _case(sessions: tuple[object, ...]) -> Case:
    base = in_course(with_session(clean_case(), duration_s=150, nrs_pre=7), "wbc_course")
    assert base.course is not None
    course: Course = replace(base.course, sessions=sessions, started=OLDEST_FIRST[0].at.date())
    return replace(base, course=course)


@pytest.mark.parametrize("order", list(permutations(range(len(OLDEST_FIRST)))))
def test_the_course_rules_see_the_sessions_oldest_first(order: tuple[int, ...]) -> None:
    case = _case(tuple(OLDEST_FIRST[i] for i in order))
    # 150 s after a 120 s general session is a step of 30 s (after the 60 s one: 90 s)
    assert level_of(case, "progression_fast") is None
    # the latest session of the course was this morning
    assert level_of(case, "interval_short") == "warning"
    assert levels(case) == levels(_case(OLDEST_FIRST))


def test_a_step_from_the_latest_general_session_too_long_is_found() -> None:
    case = _case((*OLDEST_FIRST[:1], OLDEST_FIRST[2]))  # the latest general one: 60 s
    assert level_of(case, "progression_fast") == "warning"
