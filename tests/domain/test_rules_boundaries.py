"""Every rule id of domain.md §6 at its thresholds: just under, at, just over; defaults and
overridden settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from cryolog.domain.enums import Answer, AreaKind, IceCubeResult
from cryolog.domain.rules import RULE_IDS
from cryolog.domain.rules.case import (
    BloodPressure,
    Case,
    Clearance,
    ColdPressorTest,
    Consent,
    Patient,
    PreviousCourse,
    Screening,
    TempThresholdTest,
)
from tests.domain.rule_cases import (
    DAY,
    area,
    clean_case,
    days_ago,
    ice_test,
    in_course,
    level_of,
    levels,
    past,
    with_session,
    with_settings,
    with_tests,
)

HS, W, INF = "hard_stop", "warning", "info"
P = pytest.param
WBC = clean_case()
SAUNA = clean_case("cryosauna_n2")
SPRAY = clean_case("ln2_spray")
APPLICATOR = clean_case("ln2_applicator")
PACK = clean_case("cold_pack")
COLD_AIR = clean_case("cold_air")


def answers(case: Case, **given: Answer) -> Case:
    return replace(case, screening=Screening(days_ago(9), given))


def pressor(before: tuple[int, int], after: tuple[int, int], ago: int = 9) -> ColdPressorTest:
    return ColdPressorTest(days_ago(ago), BloodPressure(*before), BloodPressure(*after))


def born(case: Case, birth: date, height: float | None = 170) -> Case:
    return replace(case, patient=Patient(birth, height))


def clearance(case: Case, valid_until: date = date(2026, 8, 1), **done: bool) -> Case:
    tests = {"ecg": True, "blood": True, "urine": True} | done
    return replace(case, clearance=Clearance(days_ago(18), valid_until=valid_until, **tests))


ROWS: dict[str, list[object]] = {
    "consent_missing": [
        P(replace(WBC, consent=None), HS, id="none"),
        P(WBC, None, id="current-version"),
        P(with_settings(WBC, consent_form_version=2), HS, id="older-than-setting"),
        P(
            with_settings(replace(WBC, consent=Consent(days_ago(1), 3)), consent_form_version=2),
            None,
            id="newer-than-setting",
        ),
        P(replace(PACK, consent=None), HS, id="local-none"),
    ],
    "screening_missing": [
        P(replace(WBC, screening=None), HS, id="none"),
        P(replace(WBC, screening=Screening(days_ago(364))), None, id="364-days"),
        P(replace(WBC, screening=Screening(days_ago(365))), None, id="365-days"),
        P(replace(WBC, screening=Screening(days_ago(366))), HS, id="366-days"),
        P(
            with_settings(replace(WBC, screening=Screening(days_ago(30))), screening_valid_days=30),
            None,
            id="setting-at",
        ),
        P(
            with_settings(replace(WBC, screening=Screening(days_ago(31))), screening_valid_days=30),
            HS,
            id="setting-over",
        ),
    ],
    "contraindication_absolute": [
        P(answers(WBC, pacemaker_or_metal_implant=Answer.YES), HS, id="general-yes"),
        P(answers(COLD_AIR, pacemaker_or_metal_implant=Answer.YES), None, id="general-on-local"),
        P(answers(PACK, raynaud=Answer.YES), HS, id="all-on-local"),
        P(answers(WBC, raynaud=Answer.UNKNOWN), None, id="unknown-is-not-absolute"),
        P(answers(WBC, diabetes=Answer.YES), None, id="relative-yes"),
        P(answers(WBC, raynaud=Answer.NO), None, id="no"),
    ],
    "contraindication_relative": [
        P(answers(WBC, diabetes=Answer.YES), W, id="relative-yes"),
        P(answers(PACK, diabetes=Answer.YES), W, id="relative-all-on-local"),
        P(answers(SPRAY, claustrophobia=Answer.YES), None, id="general-relative-on-local"),
        P(answers(WBC, raynaud=Answer.UNKNOWN), W, id="absolute-unknown"),
        P(answers(COLD_AIR, seizures=Answer.UNKNOWN), None, id="general-unknown-on-local"),
        P(answers(WBC, diabetes=Answer.UNKNOWN), None, id="relative-unknown"),
        P(answers(WBC, seizures=Answer.YES), None, id="absolute-yes-is-hard-stop"),
    ],
    "clearance_missing": [
        P(replace(WBC, clearance=None), HS, id="none"),
        P(clearance(WBC, ecg=False), HS, id="no-ecg"),
        P(clearance(WBC, blood=False), HS, id="no-blood"),
        P(clearance(WBC, urine=False), HS, id="no-urine"),
        P(clearance(WBC, valid_until=days_ago(1)), HS, id="expired-yesterday"),
        P(clearance(WBC, valid_until=DAY), None, id="valid-until-today"),
        P(replace(SPRAY, clearance=None), None, id="local-needs-none"),
    ],
    "age_minimum": [
        P(born(WBC, date(2008, 3, 11)), HS, id="18th-birthday-tomorrow"),
        P(born(WBC, date(2008, 3, 10)), None, id="18th-birthday-today"),
        P(born(WBC, date(2008, 3, 9)), None, id="18-and-a-day"),
        P(
            born(replace(WBC, as_of=WBC.as_of.replace(month=2, day=28)), date(2008, 2, 29)),
            HS,
            id="leap-birthday-not-yet-on-28-feb",
        ),
        P(
            born(replace(WBC, as_of=WBC.as_of.replace(month=3, day=1)), date(2008, 2, 29)),
            None,
            id="leap-birthday-counts-on-1-march",
        ),
        P(with_settings(born(WBC, date(2006, 3, 11)), min_age_general=20), HS, id="setting-under"),
        P(with_settings(born(WBC, date(2006, 3, 10)), min_age_general=20), None, id="setting-at"),
        P(born(SPRAY, date(2015, 1, 1)), None, id="local-any-age"),
    ],
    "height_minimum": [
        P(born(SAUNA, date(1980, 1, 1), 151.9), HS, id="151.9"),
        P(born(SAUNA, date(1980, 1, 1), 152), None, id="152"),
        P(born(SAUNA, date(1980, 1, 1), None), HS, id="unknown"),
        P(
            with_settings(born(SAUNA, date(1980, 1, 1), 159), min_height_cryosauna_cm=160),
            HS,
            id="setting-under",
        ),
        P(
            with_settings(born(SAUNA, date(1980, 1, 1), 160), min_height_cryosauna_cm=160),
            None,
            id="setting-at",
        ),
        P(born(WBC, date(1980, 1, 1), 140), None, id="chamber-any-height"),
    ],
    "cold_test_missing": [
        P(with_tests(WBC), HS, id="general-none"),
        P(with_tests(SPRAY), HS, id="extreme-none"),
        P(with_tests(PACK), W, id="moderate-none"),
        P(with_tests(WBC, ice_test(ago=180)), None, id="180-days"),
        P(with_tests(WBC, ice_test(ago=181)), HS, id="181-days"),
        P(with_tests(WBC, TempThresholdTest(days_ago(5), None)), None, id="threshold-test"),
        P(with_tests(WBC, pressor((120, 80), (125, 85))), HS, id="pressor-does-not-count"),
        P(with_tests(WBC, ice_test(contact_s=60)), None, id="unreliable-still-counts"),
        P(
            with_settings(with_tests(WBC, ice_test(ago=30)), cold_test_valid_days=30),
            None,
            id="setting-at",
        ),
        P(
            with_settings(with_tests(WBC, ice_test(ago=31)), cold_test_valid_days=30),
            HS,
            id="setting-over",
        ),
    ],
    "cold_test_positive": [
        P(with_tests(WBC, ice_test(result=IceCubeResult.WHEAL)), HS, id="wheal"),
        P(with_tests(PACK, ice_test(result=IceCubeResult.SYSTEMIC)), HS, id="systemic-local"),
        P(with_tests(WBC, ice_test(result=IceCubeResult.ERYTHEMA_ONLY)), None, id="erythema"),
        P(with_tests(WBC, TempThresholdTest(days_ago(5), 12.0)), HS, id="threshold-found"),
        P(with_tests(WBC, TempThresholdTest(days_ago(5), None)), None, id="no-threshold"),
        P(
            with_tests(WBC, ice_test(ago=181, result=IceCubeResult.WHEAL), ice_test()),
            None,
            id="expired-positive",
        ),
        P(
            with_tests(WBC, ice_test(ago=20, result=IceCubeResult.WHEAL), ice_test(ago=1)),
            HS,
            id="later-negative-does-not-clear",
        ),
        P(with_tests(WBC, ice_test(ago=180, result=IceCubeResult.WHEAL)), HS, id="180-days"),
        P(
            with_settings(
                with_tests(WBC, ice_test(ago=30, result=IceCubeResult.WHEAL)),
                cold_test_valid_days=30,
            ),
            HS,
            id="setting-at",
        ),
        P(
            with_settings(
                with_tests(WBC, ice_test(ago=31, result=IceCubeResult.WHEAL)),
                cold_test_valid_days=30,
            ),
            None,
            id="setting-expired",
        ),
    ],
    "cold_test_unreliable": [
        P(with_tests(WBC, ice_test(contact_s=299)), W, id="contact-299"),
        P(with_tests(WBC, ice_test(contact_s=300)), None, id="contact-300"),
        P(with_tests(WBC, ice_test(antihistamine=True)), W, id="antihistamine"),
        P(
            with_settings(with_tests(WBC, ice_test(contact_s=599)), ice_test_min_contact_s=600),
            W,
            id="setting-under",
        ),
        P(
            with_settings(with_tests(WBC, ice_test(contact_s=600)), ice_test_min_contact_s=600),
            None,
            id="setting-at",
        ),
        P(
            with_tests(WBC, ice_test(ago=20, contact_s=60), ice_test(ago=2)),
            None,
            id="newer-reliable",
        ),
        P(
            with_tests(WBC, ice_test(ago=2, contact_s=60), ice_test(ago=2)),
            W,
            id="same-day-one-unreliable",
        ),
        P(
            with_tests(WBC, ice_test(ago=20, contact_s=60), TempThresholdTest(days_ago(2), None)),
            None,
            id="newer-threshold-test",
        ),
        P(with_tests(PACK, ice_test(contact_s=10)), W, id="local"),
    ],
    "cold_pressor_hyperreactive": [
        P(with_tests(WBC, ice_test(), pressor((120, 80), (140, 90))), None, id="rise-20"),
        P(with_tests(WBC, ice_test(), pressor((120, 80), (141, 90))), W, id="systolic-21"),
        P(with_tests(WBC, ice_test(), pressor((120, 80), (130, 101))), W, id="diastolic-21"),
        P(
            with_settings(
                with_tests(WBC, ice_test(), pressor((120, 80), (150, 80))),
                cold_pressor_max_rise_mmhg=30,
            ),
            None,
            id="setting-at",
        ),
        P(
            with_settings(
                with_tests(WBC, ice_test(), pressor((120, 80), (151, 80))),
                cold_pressor_max_rise_mmhg=30,
            ),
            W,
            id="setting-over",
        ),
        P(
            with_tests(
                WBC, ice_test(), pressor((120, 80), (150, 80), 20), pressor((120, 80), (125, 80), 3)
            ),
            None,
            id="latest-is-normal",
        ),
        P(with_tests(WBC, ice_test(), pressor((120, 80), (150, 80), 181)), None, id="expired"),
        P(with_tests(SPRAY, ice_test(), pressor((120, 80), (150, 80))), None, id="local"),
    ],
    "bp_missing": [
        P(with_session(WBC, bp_pre=None), HS, id="none"),
        P(WBC, None, id="given"),
        P(with_session(SPRAY, bp_pre=None), None, id="local"),
    ],
    "bp_high": [
        P(with_session(WBC, bp_pre=BloodPressure(159, 99)), None, id="159/99"),
        P(with_session(WBC, bp_pre=BloodPressure(160, 90)), HS, id="160/90"),
        P(with_session(WBC, bp_pre=BloodPressure(130, 100)), HS, id="130/100"),
        P(with_session(WBC, bp_pre=BloodPressure(161, 101)), HS, id="161/101"),
        P(
            with_settings(with_session(WBC, bp_pre=BloodPressure(149, 80)), bp_stop_systolic=150),
            None,
            id="setting-under",
        ),
        P(
            with_settings(with_session(WBC, bp_pre=BloodPressure(150, 80)), bp_stop_systolic=150),
            HS,
            id="setting-at",
        ),
        P(
            with_settings(with_session(WBC, bp_pre=BloodPressure(120, 95)), bp_stop_diastolic=95),
            HS,
            id="setting-diastolic-at",
        ),
        P(with_session(SPRAY, bp_pre=BloodPressure(190, 110)), None, id="local"),
    ],
    "bp_elevated": [
        P(with_session(WBC, bp_pre=BloodPressure(139, 89)), None, id="139/89"),
        P(with_session(WBC, bp_pre=BloodPressure(140, 80)), W, id="140/80"),
        P(with_session(WBC, bp_pre=BloodPressure(120, 90)), W, id="120/90"),
        P(with_session(WBC, bp_pre=BloodPressure(159, 99)), W, id="159/99"),
        P(with_session(WBC, bp_pre=BloodPressure(160, 80)), None, id="bp-high-instead"),
        P(
            with_settings(with_session(WBC, bp_pre=BloodPressure(129, 80)), bp_warn_systolic=130),
            None,
            id="setting-under",
        ),
        P(
            with_settings(with_session(WBC, bp_pre=BloodPressure(130, 80)), bp_warn_systolic=130),
            W,
            id="setting-at",
        ),
        P(with_session(PACK, bp_pre=BloodPressure(150, 95)), None, id="local"),
    ],
    "bp_post_high": [
        P(with_session(WBC, bp_post=BloodPressure(159, 99)), None, id="159/99"),
        P(with_session(WBC, bp_post=BloodPressure(160, 80)), W, id="160/80"),
        P(with_session(WBC, bp_post=BloodPressure(120, 100)), W, id="120/100"),
        P(
            with_settings(with_session(WBC, bp_post=BloodPressure(170, 80)), bp_stop_systolic=171),
            None,
            id="setting-under",
        ),
        P(
            with_settings(with_session(WBC, bp_post=BloodPressure(171, 80)), bp_stop_systolic=171),
            W,
            id="setting-at",
        ),
        P(with_session(SPRAY, bp_post=BloodPressure(180, 100)), None, id="local"),
    ],
    "checklist_incomplete": [
        P(WBC, None, id="complete"),
        P(with_session(WBC, checklist=None), HS, id="no-checklist"),
        P(
            with_session(
                WBC,
                checklist={
                    "dry_skin": True,
                    "no_lotion": True,
                    "no_metal": False,
                    "protective_gear": True,
                },
            ),
            HS,
            id="one-false",
        ),
        P(
            with_session(
                WBC,
                checklist={
                    "dry_skin": True,
                    "no_lotion": None,
                    "no_metal": True,
                    "protective_gear": True,
                },
            ),
            HS,
            id="one-unanswered",
        ),
        P(
            with_session(
                WBC,
                checklist={
                    "dry_skin": True,
                    "no_lotion": True,
                    "no_metal": True,
                    "protective_gear": True,
                },
            ),
            None,
            id="chamber-no-oxygen",
        ),
        P(
            with_session(
                SAUNA,
                checklist={
                    "dry_skin": True,
                    "no_lotion": True,
                    "no_metal": True,
                    "protective_gear": True,
                    "oxygen_monitor": None,
                },
            ),
            HS,
            id="cryosauna-needs-oxygen-monitor",
        ),
        P(with_session(SPRAY, checklist=None), None, id="local"),
    ],
    "exposure_max": [
        P(with_session(WBC, duration_s=240), None, id="240"),
        P(with_session(WBC, duration_s=241), HS, id="241"),
        P(
            with_settings(with_session(WBC, duration_s=200), exposure_max_s=200),
            None,
            id="setting-at",
        ),
        P(
            with_settings(with_session(WBC, duration_s=201), exposure_max_s=200),
            HS,
            id="setting-over",
        ),
        P(with_session(SPRAY, duration_s=600), None, id="local"),
    ],
    "exposure_long": [
        P(with_session(WBC, duration_s=180), None, id="180"),
        P(with_session(WBC, duration_s=181), W, id="181"),
        P(with_session(WBC, duration_s=240), W, id="240"),
        P(with_session(WBC, duration_s=241), None, id="241-is-exposure-max"),
        P(
            with_settings(with_session(WBC, duration_s=120), exposure_long_s=120),
            None,
            id="setting-at",
        ),
        P(
            with_settings(with_session(WBC, duration_s=121), exposure_long_s=120),
            W,
            id="setting-over",
        ),
        P(with_session(COLD_AIR, duration_s=200), None, id="local"),
    ],
    "first_session_long": [
        P(in_course(with_session(WBC, duration_s=120), "wbc_course"), None, id="120"),
        P(in_course(with_session(WBC, duration_s=121), "wbc_course"), W, id="121"),
        P(
            in_course(with_session(WBC, duration_s=150), "wbc_course", (past(1, duration_s=60),)),
            None,
            id="not-first",
        ),
        P(
            in_course(with_session(WBC, duration_s=150), "custom", (past(1, "cold_pack"),)),
            W,
            id="earlier-local-session-only",
        ),
        P(with_session(WBC, duration_s=150), None, id="no-course"),
        P(
            with_settings(
                in_course(with_session(WBC, duration_s=90), "wbc_course"), first_session_max_s=90
            ),
            None,
            id="setting-at",
        ),
        P(
            with_settings(
                in_course(with_session(WBC, duration_s=91), "wbc_course"), first_session_max_s=90
            ),
            W,
            id="setting-over",
        ),
        P(in_course(with_session(COLD_AIR, duration_s=600), "local_pain"), None, id="local"),
    ],
    "progression_fast": [
        P(
            in_course(with_session(WBC, duration_s=180), "wbc_course", (past(1, duration_s=120),)),
            None,
            id="step-60",
        ),
        P(
            in_course(with_session(WBC, duration_s=181), "wbc_course", (past(1, duration_s=120),)),
            W,
            id="step-61",
        ),
        P(
            in_course(
                with_session(WBC, duration_s=181),
                "wbc_course",
                (past(2, duration_s=60), past(1, duration_s=150)),
            ),
            None,
            id="compares-with-latest",
        ),
        P(
            in_course(
                with_session(WBC, duration_s=200),
                "custom",
                (past(2, duration_s=100), past(1, "cold_pack", 900)),
            ),
            W,
            id="skips-local-sessions",
        ),
        P(
            with_settings(
                in_course(
                    with_session(WBC, duration_s=150), "wbc_course", (past(1, duration_s=120),)
                ),
                progression_max_step_s=30,
            ),
            None,
            id="setting-at",
        ),
        P(
            with_settings(
                in_course(
                    with_session(WBC, duration_s=151), "wbc_course", (past(1, duration_s=120),)
                ),
                progression_max_step_s=30,
            ),
            W,
            id="setting-over",
        ),
        P(
            in_course(
                with_session(COLD_AIR, duration_s=600), "local_pain", (past(1, "cold_air", 100),)
            ),
            None,
            id="local",
        ),
    ],
    "daily_limit": [
        P(replace(WBC, other_sessions=(past(1, hour=10),)), None, id="yesterday"),
        P(replace(WBC, other_sessions=(past(0, "cryosauna_n2", hour=8),)), W, id="one-other"),
        P(replace(WBC, other_sessions=(past(0, hour=8), past(0, hour=18))), HS, id="two-others"),
        P(
            in_course(
                replace(WBC, other_sessions=(past(0, hour=18),)), "custom", (past(0, hour=7),)
            ),
            HS,
            id="course-and-other-sessions-count",
        ),
        P(replace(WBC, other_sessions=(past(0, "cold_air", hour=8),)), None, id="local-other"),
        P(replace(WBC, other_sessions=(past(1, hour=23),)), None, id="late-yesterday"),
        P(
            with_settings(
                replace(WBC, other_sessions=(past(0, hour=8),)), daily_general_stop_others=1
            ),
            HS,
            id="setting-stop-at-one",
        ),
        P(
            with_settings(
                replace(WBC, other_sessions=(past(0, hour=8), past(0, hour=9))),
                daily_general_stop_others=3,
            ),
            W,
            id="setting-two-below-three",
        ),
        P(replace(SPRAY, other_sessions=(past(0, hour=8), past(0, hour=9))), None, id="local"),
    ],
    "area_exposure_long": [
        P(with_session(SPRAY, areas=(area(360, 2.0),)), None, id="180.0"),
        P(with_session(SPRAY, areas=(area(361, 2.0),)), W, id="180.5"),
        P(with_session(SPRAY, areas=(area(360.08, 2.0),)), None, id="180.04-rounds-down"),
        P(with_session(SPRAY, areas=(area(360.1, 2.0),)), W, id="180.05-rounds-up"),
        P(with_session(SPRAY, areas=(area(10, 1.0), area(200, 1.0))), W, id="second-area"),
        P(with_session(SPRAY, areas=(area(400, 1.0, AreaKind.SPOT),)), None, id="spot-kind"),
        P(
            with_settings(with_session(SPRAY, areas=(area(100, 1.0),)), spray_max_s_per_dm2=100),
            None,
            id="setting-at",
        ),
        P(
            with_settings(with_session(SPRAY, areas=(area(101, 1.0),)), spray_max_s_per_dm2=100),
            W,
            id="setting-over",
        ),
        P(with_session(APPLICATOR, areas=(area(400, 1.0),)), None, id="applicator"),
    ],
    "spot_freeze_long": [
        P(
            in_course(with_session(APPLICATOR, areas=(area(15, kind=AreaKind.SPOT),)), "rosacea"),
            None,
            id="15",
        ),
        P(
            in_course(with_session(APPLICATOR, areas=(area(15.1, kind=AreaKind.SPOT),)), "rosacea"),
            W,
            id="15.1",
        ),
        P(
            in_course(with_session(APPLICATOR, areas=(area(16, kind=AreaKind.SPOT),)), "rosacea"),
            W,
            id="16",
        ),
        P(in_course(with_session(APPLICATOR, areas=(area(60),)), "rosacea"), None, id="area-kind"),
        P(
            in_course(with_session(APPLICATOR, areas=(area(60, kind=AreaKind.SPOT),)), "acne"),
            None,
            id="other-protocol",
        ),
        P(with_session(APPLICATOR, areas=(area(60, kind=AreaKind.SPOT),)), None, id="no-course"),
        P(
            with_settings(
                in_course(
                    with_session(APPLICATOR, areas=(area(10, kind=AreaKind.SPOT),)), "rosacea"
                ),
                spot_freeze_max_s=10,
            ),
            None,
            id="setting-at",
        ),
        P(
            with_settings(
                in_course(
                    with_session(APPLICATOR, areas=(area(11, kind=AreaKind.SPOT),)), "rosacea"
                ),
                spot_freeze_max_s=10,
            ),
            W,
            id="setting-over",
        ),
        P(
            in_course(with_session(SPRAY, areas=(area(60, kind=AreaKind.SPOT),)), "rosacea"),
            None,
            id="spray",
        ),
    ],
    "scalp_area_long": [
        P(in_course(with_session(APPLICATOR, areas=(area(5),)), "alopecia"), None, id="5"),
        P(in_course(with_session(APPLICATOR, areas=(area(6),)), "alopecia"), W, id="6"),
        P(
            in_course(with_session(APPLICATOR, areas=(area(60, kind=AreaKind.PATCH),)), "alopecia"),
            None,
            id="patch-kind",
        ),
        P(
            in_course(with_session(APPLICATOR, areas=(area(60),)), "alopecia_areata"),
            None,
            id="areata-protocol",
        ),
        P(
            with_settings(
                in_course(with_session(APPLICATOR, areas=(area(8),)), "alopecia"),
                scalp_area_max_s=8,
            ),
            None,
            id="setting-at",
        ),
        P(
            with_settings(
                in_course(with_session(APPLICATOR, areas=(area(9),)), "alopecia"),
                scalp_area_max_s=8,
            ),
            W,
            id="setting-over",
        ),
    ],
    "patch_freeze_long": [
        P(
            in_course(
                with_session(APPLICATOR, areas=(area(120, kind=AreaKind.PATCH),)), "alopecia_areata"
            ),
            None,
            id="120",
        ),
        P(
            in_course(
                with_session(APPLICATOR, areas=(area(121, kind=AreaKind.PATCH),)), "alopecia_areata"
            ),
            W,
            id="121",
        ),
        P(
            in_course(with_session(APPLICATOR, areas=(area(300),)), "alopecia_areata"),
            None,
            id="area-kind",
        ),
        P(
            in_course(
                with_session(APPLICATOR, areas=(area(300, kind=AreaKind.PATCH),)), "alopecia"
            ),
            None,
            id="alopecia-protocol",
        ),
        P(
            with_settings(
                in_course(
                    with_session(APPLICATOR, areas=(area(60, kind=AreaKind.PATCH),)),
                    "alopecia_areata",
                ),
                patch_freeze_max_s=60,
            ),
            None,
            id="setting-at",
        ),
        P(
            with_settings(
                in_course(
                    with_session(APPLICATOR, areas=(area(61, kind=AreaKind.PATCH),)),
                    "alopecia_areata",
                ),
                patch_freeze_max_s=60,
            ),
            W,
            id="setting-over",
        ),
    ],
    "cold_pack_long": [
        P(with_session(PACK, duration_s=1200), None, id="1200"),
        P(with_session(PACK, duration_s=1201), W, id="1201"),
        P(with_session(clean_case("ice_massage"), duration_s=1201), W, id="ice-massage"),
        P(with_session(clean_case("cold_bath"), duration_s=1201), W, id="cold-bath"),
        P(
            with_settings(with_session(PACK, duration_s=600), cold_pack_max_s=600),
            None,
            id="setting-at",
        ),
        P(
            with_settings(with_session(PACK, duration_s=601), cold_pack_max_s=600),
            W,
            id="setting-over",
        ),
        P(with_session(COLD_AIR, duration_s=1500), None, id="extreme"),
    ],
    "cold_pack_direct": [
        P(with_session(PACK, direct_skin_contact=True), W, id="direct"),
        P(with_session(PACK, direct_skin_contact=False), None, id="wrapped"),
        P(with_session(PACK, direct_skin_contact=None), None, id="not-recorded"),
        P(
            with_session(clean_case("ice_massage"), direct_skin_contact=True),
            None,
            id="ice-massage",
        ),
    ],
    "interval_short": [
        P(in_course(SPRAY, "cryopeeling", (past(2, "ln2_spray"),)), W, id="cryopeeling-2-days"),
        P(in_course(SPRAY, "cryopeeling", (past(3, "ln2_spray"),)), None, id="cryopeeling-3"),
        P(in_course(APPLICATOR, "alopecia", (past(1, "ln2_applicator"),)), W, id="alopecia-1"),
        P(in_course(APPLICATOR, "alopecia", (past(2, "ln2_applicator"),)), None, id="alopecia-2"),
        P(in_course(WBC, "wbc_course", (past(0, hour=8),)), W, id="wbc-same-day"),
        P(in_course(WBC, "wbc_course", (past(1, hour=18),)), None, id="wbc-yesterday-evening"),
        P(in_course(PACK, "custom", (past(0, "cold_pack", hour=8),)), None, id="custom"),
        P(in_course(SPRAY, "cryopeeling"), None, id="first-session"),
    ],
    "frequency_high": [
        P(in_course(SPRAY, "cryopeeling", (past(4, "ln2_spray"),)), None, id="2-in-7-days"),
        P(
            in_course(SPRAY, "cryopeeling", (past(6, "ln2_spray"), past(3, "ln2_spray"))),
            W,
            id="3-in-7-days",
        ),
        P(
            in_course(SPRAY, "cryopeeling", (past(7, "ln2_spray"), past(3, "ln2_spray"))),
            None,
            id="7-days-ago-is-outside",
        ),
        P(
            in_course(WBC, "wbc_course", tuple(past(d) for d in range(6, 0, -1))),
            None,
            id="wbc-7-in-7-days",
        ),
        P(
            in_course(WBC, "wbc_course", (*(past(d) for d in range(6, 0, -1)), past(0, hour=7))),
            W,
            id="wbc-8-in-7-days",
        ),
        P(
            in_course(PACK, "custom", tuple(past(0, "cold_pack", hour=h) for h in range(1, 9))),
            None,
            id="custom",
        ),
    ],
    "course_length_exceeded": [
        P(
            in_course(COLD_AIR, "local_pain", tuple(past(d, "cold_air") for d in range(10, 1, -1))),
            None,
            id="session-10-of-10",
        ),
        P(
            in_course(COLD_AIR, "local_pain", tuple(past(d, "cold_air") for d in range(11, 1, -1))),
            W,
            id="session-11-of-10",
        ),
        P(
            in_course(
                APPLICATOR, "acne", tuple(past(3 * d, "ln2_applicator") for d in range(15, 0, -1))
            ),
            W,
            id="acne-16-of-15",
        ),
        P(
            in_course(PACK, "custom", tuple(past(d, "cold_pack") for d in range(40, 0, -1))),
            None,
            id="custom",
        ),
    ],
    "course_break_short": [
        P(
            in_course(
                APPLICATOR,
                "alopecia",
                previous=(PreviousCourse("alopecia", date(2025, 12, 1), days_ago(29)),),
            ),
            W,
            id="29-days",
        ),
        P(
            in_course(
                APPLICATOR,
                "alopecia",
                previous=(PreviousCourse("alopecia", date(2025, 12, 1), days_ago(30)),),
            ),
            None,
            id="30-days",
        ),
        P(
            in_course(
                APPLICATOR,
                "alopecia_areata",
                started_ago=5,
                previous=(PreviousCourse("alopecia_areata", date(2025, 12, 1), days_ago(34)),),
            ),
            W,
            id="counted-from-course-start",
        ),
        P(
            in_course(
                APPLICATOR,
                "alopecia",
                previous=(PreviousCourse("alopecia", date(2026, 2, 1), None),),
            ),
            None,
            id="not-ended",
        ),
        P(
            in_course(
                APPLICATOR,
                "alopecia",
                previous=(PreviousCourse("rosacea", date(2026, 1, 1), days_ago(2)),),
            ),
            None,
            id="other-protocol",
        ),
        P(
            in_course(
                SPRAY,
                "cryopeeling",
                previous=(PreviousCourse("cryopeeling", date(2026, 1, 1), days_ago(2)),),
            ),
            None,
            id="no-break-in-protocol",
        ),
    ],
    "course_count_exceeded": [
        P(
            in_course(
                APPLICATOR,
                "alopecia",
                previous=(
                    PreviousCourse("alopecia", days_ago(200), days_ago(150)),
                    PreviousCourse("alopecia", days_ago(100), days_ago(50)),
                ),
            ),
            None,
            id="third",
        ),
        P(
            in_course(
                APPLICATOR,
                "alopecia",
                previous=(
                    PreviousCourse("alopecia", days_ago(364), days_ago(300)),
                    PreviousCourse("alopecia", days_ago(200), days_ago(150)),
                    PreviousCourse("alopecia", days_ago(100), days_ago(50)),
                ),
            ),
            W,
            id="fourth-364",
        ),
        P(
            in_course(
                APPLICATOR,
                "alopecia",
                previous=(
                    PreviousCourse("alopecia", days_ago(365), days_ago(300)),
                    PreviousCourse("alopecia", days_ago(200), days_ago(150)),
                    PreviousCourse("alopecia", days_ago(100), days_ago(50)),
                ),
            ),
            None,
            id="oldest-365",
        ),
        P(
            in_course(
                APPLICATOR,
                "alopecia",
                previous=(
                    PreviousCourse("alopecia_areata", days_ago(300), days_ago(250)),
                    PreviousCourse("alopecia", days_ago(200), days_ago(150)),
                    PreviousCourse("alopecia", days_ago(100), days_ago(50)),
                ),
            ),
            None,
            id="other-protocol",
        ),
        P(
            in_course(
                SPRAY,
                "cryopeeling",
                previous=tuple(
                    PreviousCourse("cryopeeling", days_ago(d), days_ago(d - 20))
                    for d in (300, 200, 100)
                ),
            ),
            None,
            id="no-limit-in-protocol",
        ),
    ],
    "skin_drop_small": [
        P(with_session(WBC, skin_temp_before_c=32.0, skin_temp_after_c=17.0), None, id="15.0"),
        P(with_session(WBC, skin_temp_before_c=32.0, skin_temp_after_c=17.1), INF, id="14.9"),
        P(
            with_session(WBC, skin_temp_before_c=32.35, skin_temp_after_c=17.4),
            None,
            id="14.95-rounds-to-15.0",
        ),
        P(
            with_session(WBC, skin_temp_before_c=32.34, skin_temp_after_c=17.4),
            INF,
            id="14.94-rounds-to-14.9",
        ),
        P(with_session(PACK, skin_temp_before_c=32.0, skin_temp_after_c=20.0), INF, id="local"),
        P(
            with_session(WBC, skin_temp_before_c=None, skin_temp_after_c=25.0),
            None,
            id="before-missing",
        ),
        P(
            with_session(WBC, skin_temp_before_c=32.0, skin_temp_after_c=None),
            None,
            id="after-missing",
        ),
        P(
            with_settings(
                with_session(WBC, skin_temp_before_c=30.0, skin_temp_after_c=20.0),
                skin_drop_min_c=10,
            ),
            None,
            id="setting-at",
        ),
        P(
            with_settings(
                with_session(WBC, skin_temp_before_c=30.0, skin_temp_after_c=20.1),
                skin_drop_min_c=10,
            ),
            INF,
            id="setting-under",
        ),
    ],
    "no_improvement": [
        P(
            in_course(
                with_session(WBC, nrs_pre=5),
                "wbc_course",
                tuple(past(d, nrs_pre=6) for d in (4, 3, 2, 1)),
            ),
            None,
            id="1-point-better",
        ),
        P(
            in_course(
                with_session(WBC, nrs_pre=6),
                "wbc_course",
                tuple(past(d, nrs_pre=6) for d in (4, 3, 2, 1)),
            ),
            INF,
            id="no-change",
        ),
        P(
            in_course(
                with_session(WBC, nrs_pre=6),
                "wbc_course",
                tuple(past(d, nrs_pre=6) for d in (3, 2, 1)),
            ),
            None,
            id="3-earlier",
        ),
        P(
            in_course(
                with_session(WBC, nrs_pre=8),
                "wbc_course",
                (past(4, nrs_pre=None), *(past(d, nrs_pre=6) for d in (3, 2, 1))),
            ),
            None,
            id="first-missing",
        ),
        P(
            in_course(
                with_session(WBC, nrs_pre=None),
                "wbc_course",
                tuple(past(d, nrs_pre=6) for d in (4, 3, 2, 1)),
            ),
            None,
            id="now-missing",
        ),
        P(
            with_settings(
                in_course(
                    with_session(WBC, nrs_pre=4),
                    "wbc_course",
                    tuple(past(d, nrs_pre=6) for d in (4, 3, 2, 1)),
                ),
                no_improvement_min_points=2,
            ),
            None,
            id="setting-points-at",
        ),
        P(
            with_settings(
                in_course(
                    with_session(WBC, nrs_pre=5),
                    "wbc_course",
                    tuple(past(d, nrs_pre=6) for d in (4, 3, 2, 1)),
                ),
                no_improvement_min_points=2,
            ),
            INF,
            id="setting-points-under",
        ),
        P(
            with_settings(
                in_course(
                    with_session(WBC, nrs_pre=6),
                    "wbc_course",
                    (past(2, nrs_pre=6), past(1, nrs_pre=6)),
                ),
                no_improvement_after_sessions=2,
            ),
            INF,
            id="setting-after-2",
        ),
        P(with_session(WBC, nrs_pre=9), None, id="no-course"),
    ],
}

TABLE = [
    pytest.param(rule, *param.values, id=f"{rule}-{param.id}")  # type: ignore[attr-defined]
    for rule, params in ROWS.items()
    for param in params
]


SPEC_RULE_IDS = {
    "consent_missing",
    "screening_missing",
    "contraindication_absolute",
    "contraindication_relative",
    "clearance_missing",
    "age_minimum",
    "height_minimum",
    "cold_test_missing",
    "cold_test_positive",
    "cold_test_unreliable",
    "cold_pressor_hyperreactive",
    "bp_missing",
    "bp_high",
    "bp_elevated",
    "bp_post_high",
    "checklist_incomplete",
    "exposure_max",
    "exposure_long",
    "first_session_long",
    "progression_fast",
    "daily_limit",
    "area_exposure_long",
    "spot_freeze_long",
    "scalp_area_long",
    "patch_freeze_long",
    "cold_pack_long",
    "cold_pack_direct",
    "interval_short",
    "frequency_high",
    "course_length_exceeded",
    "course_break_short",
    "course_count_exceeded",
    "skin_drop_small",
    "no_improvement",
}
"""The rule ids of domain.md §6, copied from the contract."""


def test_engine_implements_exactly_the_contract_rule_ids() -> None:
    assert set(RULE_IDS) == SPEC_RULE_IDS


def test_every_rule_id_has_boundary_rows() -> None:
    assert set(ROWS) == SPEC_RULE_IDS
    assert all(len(rows) >= 3 for rows in ROWS.values())


@pytest.mark.parametrize(("rule", "case", "expected"), TABLE)
def test_rule_boundary(rule: str, case: Case, expected: str | None) -> None:
    assert level_of(case, rule) == expected


@pytest.mark.parametrize("modality", ["wbc_chamber", "cryosauna_n2", "ln2_spray", "cold_pack"])
def test_clean_case_has_no_finding(modality: str) -> None:
    assert levels(clean_case(modality)) == {}
