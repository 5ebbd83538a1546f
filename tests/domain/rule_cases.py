"""Builders for rule-engine tests: a clean case per modality, changed one field at a time."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.enums import Answer, AreaKind, IceCubeResult
from cryolog.domain.rules import evaluate
from cryolog.domain.rules.case import (
    Area,
    BloodPressure,
    Case,
    Clearance,
    ColdTest,
    Consent,
    Course,
    IceCubeTest,
    PastSession,
    Patient,
    PreviousCourse,
    ProposedSession,
    Screening,
)
from cryolog.domain.thresholds import merged

AS_OF = datetime(2026, 3, 10, 10, 0)
DAY = AS_OF.date()
ALL_MODALITIES: tuple[str, ...] = tuple(MODALITIES)
GENERAL_MODALITIES = tuple(
    m for m in ALL_MODALITIES if MODALITIES[m].group is ModalityGroup.GENERAL
)
FULL_CHECKLIST = {
    "dry_skin": True,
    "no_lotion": True,
    "no_metal": True,
    "protective_gear": True,
    "oxygen_monitor": True,
}


def days_ago(n: int) -> date:
    return DAY - timedelta(days=n)


def at_days_ago(n: int, hour: int = 10) -> datetime:
    return datetime.combine(days_ago(n), datetime.min.time()).replace(hour=hour)


def ice_test(
    ago: int = 9,
    result: IceCubeResult = IceCubeResult.NEGATIVE,
    contact_s: int = 300,
    antihistamine: bool = False,
) -> IceCubeTest:
    return IceCubeTest(days_ago(ago), contact_s, result, antihistamine, 10)


def clean_session(modality: str = "wbc_chamber", **changes: Any) -> ProposedSession:
    mod = MODALITIES[modality]
    session = ProposedSession(
        modality=modality,
        duration_s=120,
        temp_c=mod.temp_max_c,
        bp_pre=BloodPressure(128, 82),
        hr_pre=70,
        spo2_pre=98,
        checklist=dict(FULL_CHECKLIST),
        skin_temp_before_c=32.5,
        skin_temp_after_c=14.0,
        nrs_pre=4,
    )
    return replace(session, **changes)


def clean_case(modality: str = "wbc_chamber", **changes: Any) -> Case:
    """A case with no finding at all for ``modality`` (no course)."""
    case = Case(
        as_of=AS_OF,
        patient=Patient(date(1980, 5, 2), 170),
        session=clean_session(modality),
        screening=Screening(days_ago(9), {"diabetes": Answer.NO}),
        clearance=Clearance(days_ago(18), True, True, True, DAY + timedelta(days=160)),
        consent=Consent(days_ago(9), 1),
        cold_tests=(ice_test(),),
        settings=merged({}),
    )
    return replace(case, **changes)


def with_session(case: Case, **changes: Any) -> Case:
    return replace(case, session=replace(case.session, **changes))


def with_settings(case: Case, **settings: float) -> Case:
    return replace(case, settings=merged(settings))


def with_tests(case: Case, *tests: ColdTest) -> Case:
    return replace(case, cold_tests=tests)


def past(
    ago: int,
    modality: str = "wbc_chamber",
    duration_s: int = 120,
    nrs_pre: int | None = None,
    hour: int = 10,
) -> PastSession:
    return PastSession(at_days_ago(ago, hour), modality, duration_s, nrs_pre)


def in_course(
    case: Case,
    protocol: str,
    sessions: tuple[PastSession, ...] = (),
    started_ago: int | None = None,
    previous: tuple[PreviousCourse, ...] = (),
) -> Case:
    """The case with a course; it started with its first session (or today)."""
    if started_ago is None:
        started_ago = (DAY - sessions[0].at.date()).days if sessions else 0
    return replace(case, course=Course(protocol, days_ago(started_ago), sessions, previous))


def area(exposure_s: float, area_dm2: float = 1.0, kind: AreaKind = AreaKind.AREA) -> Area:
    return Area("face", area_dm2, exposure_s, kind)


def levels(case: Case) -> dict[str, str]:
    return {f.rule: f.level.value for f in evaluate(case)}


def level_of(case: Case, rule: str) -> str | None:
    return levels(case).get(rule)


# --- JSON (rules-check.md) -------------------------------------------------------------------


CLEAN_JSON: dict[str, Any] = {
    "as_of": "2026-03-10T10:00",
    "patient": {"birth_date": "1980-05-02", "height_cm": 170},
    "screening": {"date": "2026-03-01", "answers": {"diabetes": "no", "raynaud": "no"}},
    "clearance": {
        "date": "2026-02-20",
        "ecg": True,
        "blood": True,
        "urine": True,
        "valid_until": "2026-08-20",
    },
    "consent": {"signed": "2026-03-01", "form_version": 1},
    "cold_tests": [
        {
            "kind": "ice_cube",
            "date": "2026-03-01",
            "contact_s": 300,
            "read_after_min": 10,
            "result": "negative",
            "antihistamine_48h": False,
        },
        {
            "kind": "cold_pressor",
            "date": "2026-03-01",
            "water_c": 4,
            "immersion_s": 60,
            "bp_before": [120, 80],
            "bp_after": [135, 88],
        },
        {"kind": "temp_threshold", "date": "2026-03-01", "ctt_c": None},
    ],
    "course": {
        "protocol": "wbc_course",
        "started": "2026-03-02",
        "sessions": [
            {
                "at": "2026-03-02T10:00",
                "modality": "wbc_chamber",
                "duration_s": 60,
                "nrs_pre": 6,
                "nrs_post": 4,
            },
        ],
        "previous_courses": [
            {"protocol": "wbc_course", "started": "2025-01-10", "ended": "2025-02-10"}
        ],
    },
    "other_sessions": [{"at": "2026-03-10T08:00", "modality": "cold_air", "duration_s": 300}],
    "session": {
        "modality": "wbc_chamber",
        "temperature": {"value": -110, "unit": "C"},
        "duration_s": 120,
        "bp_pre": [128, 82],
        "hr_pre": 70,
        "spo2_pre": 98,
        "bp_post": None,
        "checklist": {
            "dry_skin": True,
            "no_lotion": True,
            "no_metal": True,
            "protective_gear": True,
            "oxygen_monitor": None,
        },
        "areas": [{"site": "back", "area_dm2": 2.0, "exposure_s": 30, "kind": "area"}],
        "direct_skin_contact": False,
        "skin_temp_before_c": 32.5,
        "skin_temp_after_c": 14.0,
        "nrs_pre": 5,
        "nrs_post": None,
    },
    "settings": {"bp_warn_systolic": 140},
}
"""Every key of the case format, valid, with no finding."""


def clean_json() -> dict[str, Any]:
    return copy.deepcopy(CLEAN_JSON)
