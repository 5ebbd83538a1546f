"""Scope of every rule (domain.md §6, "applies to"): which modalities it fires for, and which not.

Each trigger below makes its rule fire whenever the rule applies; the test runs it for all nine
modalities and compares the set that fired with the contract's scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.enums import Answer, AreaKind, IceCubeResult
from cryolog.domain.rules.case import (
    BloodPressure,
    Case,
    ColdPressorTest,
    Patient,
    PreviousCourse,
    Screening,
)
from tests.domain.rule_cases import (
    ALL_MODALITIES,
    GENERAL_MODALITIES,
    area,
    clean_case,
    days_ago,
    ice_test,
    in_course,
    levels,
    past,
    with_session,
    with_tests,
)

Trigger = Callable[[str], Case]
ALL = frozenset(ALL_MODALITIES)
GENERAL = frozenset(GENERAL_MODALITIES)
MODERATE = frozenset(
    m for m, spec in MODALITIES.items() if spec.group is ModalityGroup.LOCAL_MODERATE
)


def answer(modality: str, condition: str, given: Answer = Answer.YES) -> Case:
    return replace(clean_case(modality), screening=Screening(days_ago(3), {condition: given}))


def session(**changes: object) -> Trigger:
    return lambda m: with_session(clean_case(m), **changes)


def course(protocol: str, earlier: int = 0, **session_changes: object) -> Trigger:
    sessions = tuple(past(d, "cold_pack", nrs_pre=5) for d in range(earlier, 0, -1))
    return lambda m: in_course(with_session(clean_case(m), **session_changes), protocol, sessions)


def pressor_case(modality: str) -> Case:
    test = ColdPressorTest(days_ago(3), BloodPressure(120, 80), BloodPressure(150, 80))
    return with_tests(clean_case(modality), ice_test(), test)


SCOPES: dict[str, tuple[Trigger, frozenset[str]]] = {
    "consent_missing": (lambda m: replace(clean_case(m), consent=None), ALL),
    "screening_missing": (lambda m: replace(clean_case(m), screening=None), ALL),
    "contraindication_absolute": (lambda m: answer(m, "pacemaker_or_metal_implant"), GENERAL),
    "contraindication_relative": (lambda m: answer(m, "claustrophobia"), GENERAL),
    "clearance_missing": (lambda m: replace(clean_case(m), clearance=None), GENERAL),
    "age_minimum": (
        lambda m: replace(clean_case(m), patient=Patient(date(2012, 1, 1), 150)),
        GENERAL,
    ),
    "height_minimum": (
        lambda m: replace(clean_case(m), patient=Patient(date(1980, 1, 1), None)),
        frozenset({"cryosauna_n2"}),
    ),
    "cold_test_missing": (lambda m: with_tests(clean_case(m)), ALL),
    "cold_test_positive": (
        lambda m: with_tests(clean_case(m), ice_test(result=IceCubeResult.WHEAL)),
        ALL,
    ),
    "cold_test_unreliable": (lambda m: with_tests(clean_case(m), ice_test(contact_s=100)), ALL),
    "cold_pressor_hyperreactive": (pressor_case, GENERAL),
    "bp_missing": (session(bp_pre=None), GENERAL),
    "bp_high": (session(bp_pre=BloodPressure(170, 80)), GENERAL),
    "bp_elevated": (session(bp_pre=BloodPressure(145, 80)), GENERAL),
    "bp_post_high": (session(bp_post=BloodPressure(170, 80)), GENERAL),
    "checklist_incomplete": (session(checklist=None), GENERAL),
    "exposure_max": (session(duration_s=300), GENERAL),
    "exposure_long": (session(duration_s=200), GENERAL),
    "first_session_long": (course("custom", duration_s=150), GENERAL),
    "progression_fast": (
        lambda m: in_course(
            with_session(clean_case(m), duration_s=200), "custom", (past(1, "wbc_chamber", 60),)
        ),
        GENERAL,
    ),
    "daily_limit": (
        lambda m: replace(clean_case(m), other_sessions=(past(0, "wbc_chamber", hour=8),)),
        GENERAL,
    ),
    "area_exposure_long": (session(areas=(area(400, 1.0),)), frozenset({"ln2_spray"})),
    "spot_freeze_long": (
        course("rosacea", areas=(area(30, kind=AreaKind.SPOT),)),
        frozenset({"ln2_applicator"}),
    ),
    "scalp_area_long": (course("alopecia", areas=(area(30),)), frozenset({"ln2_applicator"})),
    "patch_freeze_long": (
        course("alopecia_areata", areas=(area(300, kind=AreaKind.PATCH),)),
        frozenset({"ln2_applicator"}),
    ),
    "cold_pack_long": (session(duration_s=1500), MODERATE),
    "cold_pack_direct": (session(direct_skin_contact=True), frozenset({"cold_pack"})),
    "interval_short": (course("cryopeeling", earlier=1), ALL),
    "frequency_high": (
        lambda m: in_course(clean_case(m), "acne", (past(6, "cold_pack"), past(3, "cold_pack"))),
        ALL,
    ),
    "course_length_exceeded": (course("local_pain", earlier=10), ALL),
    "course_break_short": (
        lambda m: in_course(
            clean_case(m),
            "alopecia",
            previous=(PreviousCourse("alopecia", date(2025, 12, 1), days_ago(10)),),
        ),
        ALL,
    ),
    "course_count_exceeded": (
        lambda m: in_course(
            clean_case(m),
            "alopecia_areata",
            previous=tuple(
                PreviousCourse("alopecia_areata", days_ago(d), days_ago(d - 40))
                for d in (300, 200, 100)
            ),
        ),
        ALL,
    ),
    "skin_drop_small": (session(skin_temp_before_c=30.0, skin_temp_after_c=25.0), ALL),
    "no_improvement": (course("custom", earlier=4, nrs_pre=5), ALL),
}


def test_every_rule_has_a_scope_row() -> None:
    from cryolog.domain.rules import RULE_IDS

    assert set(SCOPES) == set(RULE_IDS)


@pytest.mark.parametrize("rule", sorted(SCOPES))
def test_rule_fires_exactly_in_its_scope(rule: str) -> None:
    trigger, scope = SCOPES[rule]
    fired = {m for m in ALL_MODALITIES if rule in levels(trigger(m))}
    assert fired == scope


def fired_for(rule: str, condition: str) -> set[str]:
    return {m for m in ALL_MODALITIES if rule in levels(answer(m, condition))}


@pytest.mark.parametrize(
    ("condition", "scope"),
    [("raynaud", ALL), ("cold_urticaria", ALL), ("seizures", GENERAL), ("pregnancy", GENERAL)],
)
def test_absolute_condition_scope_follows_the_catalog(
    condition: str, scope: frozenset[str]
) -> None:
    assert fired_for("contraindication_absolute", condition) == scope


@pytest.mark.parametrize(("condition", "scope"), [("diabetes", ALL), ("kidney_disease", GENERAL)])
def test_relative_condition_scope_follows_the_catalog(
    condition: str, scope: frozenset[str]
) -> None:
    assert fired_for("contraindication_relative", condition) == scope


@pytest.mark.parametrize("modality", ALL_MODALITIES)
def test_cold_test_missing_level_depends_on_group(modality: str) -> None:
    moderate = MODALITIES[modality].group is ModalityGroup.LOCAL_MODERATE
    expected = "warning" if moderate else "hard_stop"
    assert levels(with_tests(clean_case(modality)))["cold_test_missing"] == expected


COURSE_ONLY = (
    "first_session_long",
    "progression_fast",
    "interval_short",
    "frequency_high",
    "course_length_exceeded",
    "course_break_short",
    "course_count_exceeded",
    "no_improvement",
    "spot_freeze_long",
    "scalp_area_long",
    "patch_freeze_long",
)


@pytest.mark.parametrize("rule", COURSE_ONLY)
def test_course_rules_are_skipped_without_a_course(rule: str) -> None:
    trigger, scope = SCOPES[rule]
    modality = sorted(scope)[0]
    assert rule in levels(trigger(modality))
    assert rule not in levels(replace(trigger(modality), course=None))
