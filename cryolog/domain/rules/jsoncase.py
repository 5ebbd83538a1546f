"""The rule checker's JSON case (shared/rules-check.md) -> ``Case``, or every problem with it.

``parse_case_text`` / ``parse_case_data`` raise ``InvalidCase`` listing ``Problem``s, each
naming its field path (``session.temperature.value``, ``course.sessions[2].at``). Structure and
single-field ranges are checked first; when the structure is sound the checks that need other
fields follow (temperature per modality, duration per group, dates against ``as_of``, settings).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from cryolog.domain import ranges
from cryolog.domain.age import years_before
from cryolog.domain.catalog import modality
from cryolog.domain.locale import MACHINE
from cryolog.domain.rules import jsonconvert
from cryolog.domain.rules.base import num
from cryolog.domain.rules.case import Case
from cryolog.domain.rules.jsonerrors import InvalidCase, Problem, problems_of
from cryolog.domain.rules.jsonmodels import CaseIn, SessionIn
from cryolog.domain.thresholds import threshold_problem
from cryolog.domain.units import TempUnit, to_celsius

__all__ = ["InvalidCase", "Problem", "parse_case_data", "parse_case_text"]


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def parse_case_text(text: str) -> Case:
    """The case in a JSON document."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        raise InvalidCase([Problem("", f"invalid JSON: {exc}")]) from None
    return parse_case_data(data)


def parse_case_data(data: Any) -> Case:
    """The case in already-decoded JSON (dicts, lists, str, int, float, bool, None)."""
    if not isinstance(data, dict):
        raise InvalidCase([Problem("", "the case must be a JSON object")])
    huge = list(_non_finite(data))
    if huge:
        raise InvalidCase(huge)
    try:
        model = CaseIn.model_validate_json(json.dumps(data, allow_nan=False))
    except ValidationError as exc:
        raise InvalidCase(problems_of(exc)) from None
    except (TypeError, ValueError) as exc:
        raise InvalidCase([Problem("", f"not JSON data: {exc}")]) from None
    problems = cross_field_problems(model)
    if problems:
        raise InvalidCase(problems)
    return jsonconvert.to_case(model)


def _non_finite(data: Any, path: str = "") -> Iterator[Problem]:
    """Numbers too large for a float (1e400 decodes as infinity)."""
    if isinstance(data, float) and not math.isfinite(data):
        yield Problem(path, "number out of range")
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _non_finite(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _non_finite(value, f"{path}[{index}]")


def cross_field_problems(case: CaseIn) -> list[Problem]:
    """Problems that a single field cannot show on its own."""
    return [
        *_temperature_problems(case.session),
        *_duration_problems(case),
        *_date_problems(case),
        *_birth_problems(case),
        *_setting_problems(case.settings or {}),
    ]


def _temperature_problems(session: SessionIn) -> list[Problem]:
    mod = modality(session.modality)
    temp = session.temperature
    if temp is None:
        return (
            []
            if not mod.needs_temperature
            else [Problem("session.temperature", f"required for {mod.id}")]
        )
    celsius = to_celsius(temp.value, temp.unit)
    problem = ranges.Range(mod.temp_min_c, mod.temp_max_c, "°C", "temperature").problem(celsius)
    if problem is None:
        return []
    typed = f"{num(temp.value)} °F = " if temp.unit == TempUnit.F else ""
    return [Problem("session.temperature.value", f"{typed}{problem} for {mod.id}")]


def _durations(case: CaseIn) -> Iterator[tuple[str, str, int]]:
    yield "session.duration_s", case.session.modality, case.session.duration_s
    for i, s in enumerate((case.course and case.course.sessions) or []):
        yield f"course.sessions[{i}].duration_s", s.modality, s.duration_s
    for i, o in enumerate(case.other_sessions or []):
        yield f"other_sessions[{i}].duration_s", o.modality, o.duration_s


def _duration_problems(case: CaseIn) -> list[Problem]:
    problems = []
    for path, modality_id, seconds in _durations(case):
        mod = modality(modality_id)
        allowed = ranges.Range(1, mod.max_duration_s, "s", "duration")
        problem = allowed.problem(seconds)
        if problem:
            problems.append(Problem(path, f"{problem} for {mod.id}"))
    return problems


def _dates(case: CaseIn) -> Iterator[tuple[str, dt.date | dt.datetime]]:
    """Every record's date (or time) that may not lie after ``as_of``."""
    for path, record, attr in (
        ("screening.date", case.screening, "date"),
        ("clearance.date", case.clearance, "date"),
        ("consent.signed", case.consent, "signed"),
        ("course.started", case.course, "started"),
    ):
        if record is not None:
            yield path, getattr(record, attr)
    for i, test in enumerate(case.cold_tests or []):
        yield f"cold_tests[{i}].date", test.date
    yield from _course_dates(case)
    for i, other in enumerate(case.other_sessions or []):
        yield f"other_sessions[{i}].at", other.at.date()


def _course_dates(case: CaseIn) -> Iterator[tuple[str, dt.date | dt.datetime]]:
    course = case.course
    if course is None:
        return
    for i, session in enumerate(course.sessions or []):
        yield f"course.sessions[{i}].at", session.at
    for i, previous in enumerate(course.previous_courses or []):
        yield f"course.previous_courses[{i}].started", previous.started
        if previous.ended is not None:
            yield f"course.previous_courses[{i}].ended", previous.ended


def _after(value: dt.date | dt.datetime, as_of: dt.datetime) -> bool:
    if isinstance(value, dt.datetime):
        return value > as_of
    return value > as_of.date()


def _date_problems(case: CaseIn) -> list[Problem]:
    dates = _dates(case)
    return [Problem(path, "after as_of") for path, value in dates if _after(value, case.as_of)]


def _birth_problems(case: CaseIn) -> list[Problem]:
    birth, day = case.patient.birth_date, case.as_of.date()
    if birth > day:
        return [Problem("patient.birth_date", "after as_of")]
    if birth < years_before(day, ranges.MAX_AGE_YEARS):
        return [
            Problem("patient.birth_date", f"more than {ranges.MAX_AGE_YEARS} years before as_of")
        ]
    return []


def _setting_problems(settings: dict[str, float]) -> list[Problem]:
    problems = []
    for name, value in settings.items():
        problem = threshold_problem(name, value, rules_only=True)
        if problem:
            problems.append(
                Problem(f"settings.{name}", _without_name(problem.render(MACHINE), name))
            )
    return problems


def _without_name(message: str, name: str) -> str:
    """threshold_problem names the setting; the path already does."""
    for prefix in (f"{name}: ", f"{name} "):
        if message.startswith(prefix):
            return message.removeprefix(prefix)
    return message.replace(f" {name!r}", "")
