"""JSON case parsing: conversion to the engine's dataclasses and every kind of invalid input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from cryolog.domain.enums import AreaKind, IceCubeResult
from cryolog.domain.rules import evaluate
from cryolog.domain.rules.case import (
    BloodPressure,
    ColdPressorTest,
    IceCubeTest,
    TempThresholdTest,
)
from cryolog.domain.rules.jsoncase import InvalidCase, parse_case_data, parse_case_text
from tests.domain.rule_cases import clean_json

Edit = Callable[[dict[str, Any]], None]


def problems(edit: Edit) -> list[str]:
    case = clean_json()
    edit(case)
    with pytest.raises(InvalidCase) as caught:
        parse_case_data(case)
    return [str(p) for p in caught.value.problems]


def accepted(edit: Edit) -> None:
    case = clean_json()
    edit(case)
    parse_case_data(case)


def setter(*path: str | int, value: Any) -> Edit:
    def edit(case: dict[str, Any]) -> None:
        node: Any = case
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def deleter(*path: str | int) -> Edit:
    def edit(case: dict[str, Any]) -> None:
        node: Any = case
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


def test_clean_case_converts_every_field() -> None:
    case = parse_case_data(clean_json())
    assert case.as_of == datetime(2026, 3, 10, 10, 0)
    assert case.patient.birth_date == date(1980, 5, 2)
    assert case.session.temp_c == -110.0
    assert case.session.bp_pre == BloodPressure(128, 82)
    assert case.session.areas[0].kind is AreaKind.AREA
    assert case.session.checklist is not None and case.session.checklist["oxygen_monitor"] is None
    ice, pressor, threshold = case.cold_tests
    assert isinstance(ice, IceCubeTest) and ice.result is IceCubeResult.NEGATIVE
    assert isinstance(pressor, ColdPressorTest) and pressor.bp_after == BloodPressure(135, 88)
    assert isinstance(threshold, TempThresholdTest) and threshold.ctt_c is None
    assert case.course is not None and case.course.sessions[0].nrs_post == 4
    assert case.other_sessions[0].modality == "cold_air"
    assert case.settings["bp_warn_systolic"] == 140
    assert case.settings["exposure_max_s"] == 240


def test_minimal_case_is_accepted() -> None:
    text = (
        '{"as_of": "2026-03-10T10:00", "patient": {"birth_date": "1980-05-02"},'
        ' "session": {"modality": "cold_pack", "duration_s": 600}}'
    )
    case = parse_case_text(text)
    assert case.course is None and case.cold_tests == () and case.session.temp_c is None


def test_fahrenheit_is_converted() -> None:
    case = clean_json()
    case["session"]["temperature"] = {"value": -166, "unit": "F"}
    assert parse_case_data(case).session.temp_c == -110.0


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            setter("session", "checklist", "extra", value=True),
            "session.checklist.extra: unknown key",
        ),
        (setter("sesion", value={}), "sesion: unknown key"),
        (setter("cold_tests", 0, "wet", value=1), "cold_tests[0].wet: unknown key"),
        (deleter("session", "modality"), "session.modality: required"),
        (deleter("as_of"), "as_of: required"),
        (deleter("cold_tests", 0, "result"), "cold_tests[0].result: required"),
        (setter("session", "duration_s", value=True), "session.duration_s: must be a whole number"),
        (
            setter("session", "skin_temp_after_c", value=False),
            "session.skin_temp_after_c: must be a number",
        ),
        (setter("session", "hr_pre", value="70"), "session.hr_pre: must be a whole number"),
        (setter("session", "areas", 0, "site", value=5), "session.areas[0].site: must be a string"),
        (setter("clearance", "ecg", value=1), "clearance.ecg: must be true or false"),
        (setter("session", "nrs_pre", value=5.5), "session.nrs_pre: must be a whole number"),
        (setter("session", "nrs_pre", value=11), "session.nrs_pre: 11 is outside 0 … 10"),
        (
            setter("session", "temperature", "value", value=-250),
            "session.temperature.value: -250 °C is outside -196 … -20 °C for wbc_chamber",
        ),
        (
            setter("session", "temperature", value={"value": -400, "unit": "F"}),
            "session.temperature.value: -400 °F = -240 °C is outside -196 … -20 °C for wbc_chamber",
        ),
        (
            setter("session", "temperature", "unit", value="K"),
            "session.temperature.unit: must be 'C' or 'F'",
        ),
        (
            setter("session", "temperature", value=None),
            "session.temperature: required for wbc_chamber",
        ),
        (
            setter("session", "modality", value="sauna"),
            "session.modality: unknown modality 'sauna'",
        ),
        (setter("course", "protocol", value="yoga"), "course.protocol: unknown protocol 'yoga'"),
        (
            setter("screening", "answers", "flu", value="yes"),
            "screening.answers.flu: unknown condition 'flu'",
        ),
        (
            setter("screening", "answers", "diabetes", value="maybe"),
            "screening.answers.diabetes: must be 'yes', 'no' or 'unknown'",
        ),
        (
            setter("session", "bp_pre", value=[90, 90]),
            "session.bp_pre: diastolic 90 must be below systolic 90",
        ),
        (setter("session", "bp_pre", value=[120]), "session.bp_pre[1]: required"),
        (
            setter("session", "bp_pre", value=[120, 80, 70]),
            "session.bp_pre: must be a list [systolic, diastolic]",
        ),
        (setter("session", "bp_post", value=[300, 80]), "session.bp_post[0]: 300 mmHg is outside"),
        (
            setter("course", "sessions", 0, "at", value="2026-03-10T10:01"),
            "course.sessions[0].at: after as_of",
        ),
        (
            setter("other_sessions", 0, "at", value="2026-03-11T00:00"),
            "other_sessions[0].at: after as_of",
        ),
        (setter("cold_tests", 2, "date", value="2026-03-11"), "cold_tests[2].date: after as_of"),
        (setter("consent", "signed", value="2026-03-11"), "consent.signed: after as_of"),
        (
            setter("course", "previous_courses", 0, "ended", value="2027-01-01"),
            "course.previous_courses[0].ended: after as_of",
        ),
        (setter("patient", "birth_date", value="2026-03-11"), "patient.birth_date: after as_of"),
        (
            setter("patient", "birth_date", value="1906-03-09"),
            "patient.birth_date: more than 120 years before as_of",
        ),
        (
            setter("as_of", value="2026-03-10T10:00+01:00"),
            "as_of: must be a local time without a time zone",
        ),
        (setter("as_of", value="2026-03-10"), "as_of: must be a local time YYYY-MM-DDTHH:MM"),
        (setter("screening", "date", value="10.03.2026"), "screening.date: must be a date"),
        (
            setter("session", "duration_s", value=601),
            "session.duration_s: 601 s is outside 1 … 600 s",
        ),
        (
            setter("course", "sessions", 0, "duration_s", value=0),
            "course.sessions[0].duration_s: 0 s is outside",
        ),
        (setter("settings", value={"bp_limit": 150}), "settings.bp_limit: unknown setting"),
        (
            setter("settings", value={"bp_stop_systolic": 1600}),
            "settings.bp_stop_systolic: 1600 mmHg is outside 60 … 260 mmHg",
        ),
        (
            setter("settings", value={"exposure_max_s": 200.5}),
            "settings.exposure_max_s: must be a whole number",
        ),
        (
            setter("settings", value={"exposure_max_s": True}),
            "settings.exposure_max_s: must be a number",
        ),
        (
            setter("cold_tests", 0, "kind", value="snowball"),
            "cold_tests[0].kind: must be one of ice_cube, cold_pressor, temp_threshold",
        ),
        (deleter("cold_tests", 1, "kind"), "cold_tests[1].kind: required"),
        (
            setter("cold_tests", 2, "ctt_c", value=50),
            "cold_tests[2].ctt_c: 50 °C is outside 4 … 44",
        ),
        (setter("cold_tests", 0, value="x"), "cold_tests[0]: must be an object"),
        (setter("patient", value="Ann"), "patient: must be an object"),
        (setter("cold_tests", value={}), "cold_tests: must be a list"),
        (setter("consent", "form_version", value=0), "consent.form_version: must be at least 1"),
        (setter("session", "areas", 0, "area_dm2", value=0), "session.areas[0].area_dm2: 0 dm²"),
    ],
)
def test_invalid_input_names_the_field(edit: Edit, expected: str) -> None:
    found = problems(edit)
    assert any(line.startswith(expected) for line in found), found
    assert not any("Value error" in line or "Input should" in line for line in found), found


@pytest.mark.parametrize(
    "edit",
    [
        setter("course", "sessions", 0, "at", value="2026-03-10T10:00"),
        setter("other_sessions", 0, "at", value="2026-03-10T23:59"),
        setter("clearance", "valid_until", value="2027-01-01"),
        setter("session", "nrs_post", value=0),
        setter("patient", "birth_date", value="1906-03-10"),
        setter("settings", value={}),
        setter("settings", value=None),
        setter("settings", value={"spray_max_s_per_dm2": 150.5}),
        deleter("session", "areas", 0, "kind"),
    ],
)
def test_boundary_input_is_accepted(edit: Edit) -> None:
    accepted(edit)


def test_local_moderate_modality_needs_no_temperature() -> None:
    def edit(case: dict[str, Any]) -> None:
        case["session"]["modality"] = "cold_pack"
        case["session"]["temperature"] = None

    accepted(edit)


def test_local_duration_may_exceed_the_general_limit() -> None:
    def edit(case: dict[str, Any]) -> None:
        case["session"].update(
            modality="cold_air", duration_s=3600, temperature={"value": -30, "unit": "C"}
        )

    accepted(edit)


def test_all_structural_problems_are_listed_together() -> None:
    def edit(case: dict[str, Any]) -> None:
        case["session"]["hr_pre"] = 10
        case["patient"]["height_cm"] = 300
        case["x"] = 1

    assert len(problems(edit)) == 3


def test_numbers_too_large_for_a_float_name_their_field() -> None:
    text = (
        '{"as_of": "2026-03-10T10:00", "patient": {"birth_date": "1980-05-02", "height_cm": 1e400},'
        ' "session": {"modality": "cold_pack", "duration_s": 600}}'
    )
    with pytest.raises(InvalidCase) as caught:
        parse_case_text(text)
    assert [str(p) for p in caught.value.problems] == ["patient.height_cm: number out of range"]


def test_non_json_python_values_are_refused() -> None:
    case = clean_json()
    case["as_of"] = datetime(2026, 3, 10, 10, 0)
    with pytest.raises(InvalidCase, match="not JSON data"):
        parse_case_data(case)


def test_expired_screening_answers_still_count() -> None:
    case = clean_json()
    case["screening"] = {"date": "2024-01-01", "answers": {"raynaud": "yes"}}
    found = {f.rule: f.level.value for f in evaluate(parse_case_data(case))}
    assert found["screening_missing"] == "hard_stop"
    assert found["contraindication_absolute"] == "hard_stop"
