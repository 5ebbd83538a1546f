"""Pydantic models of the rule checker's JSON case (shared/rules-check.md, "Input").

Every model forbids unknown keys and validates strictly as JSON: a boolean is not a number and
a number is not a string. Single-field plausible ranges (domain.md §2) are checked here; checks
that need other fields (temperature per modality, dates against ``as_of``, settings) are in
``jsoncase``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from cryolog.domain import ranges
from cryolog.domain.catalog import CONDITIONS, MODALITIES, PROTOCOLS
from cryolog.domain.ranges import Range


def _in_range(allowed: Range) -> AfterValidator:
    def check(value: float) -> float:
        problem = allowed.problem(value)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


def _known(catalog: Mapping[str, Any], what: str) -> AfterValidator:
    def check(value: str) -> str:
        if value not in catalog:
            raise ValueError(f"unknown {what} {value!r}")
        return value

    return AfterValidator(check)


def _naive(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        raise ValueError("must be a local time without a time zone")
    return value


def _below_systolic(value: tuple[int, int]) -> tuple[int, int]:
    if value[1] >= value[0]:
        raise ValueError(f"diastolic {value[1]} must be below systolic {value[0]}")
    return value


Moment = Annotated[dt.datetime, AfterValidator(_naive)]
ModalityId = Annotated[str, _known(MODALITIES, "modality")]
ProtocolId = Annotated[str, _known(PROTOCOLS, "protocol")]
ConditionId = Annotated[str, _known(CONDITIONS, "condition")]
AnswerValue = Literal["yes", "no", "unknown"]
Nrs = Annotated[int, _in_range(ranges.NRS)]
BloodPressure = Annotated[
    tuple[Annotated[int, _in_range(ranges.SYSTOLIC)], Annotated[int, _in_range(ranges.DIASTOLIC)]],
    AfterValidator(_below_systolic),
]
SkinTemp = Annotated[float, _in_range(ranges.SKIN_TEMP)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class PatientIn(_Model):
    birth_date: dt.date
    height_cm: Annotated[float, _in_range(ranges.HEIGHT)] | None = None


class ScreeningIn(_Model):
    date: dt.date
    answers: dict[ConditionId, AnswerValue] = Field(default_factory=dict)


class ClearanceIn(_Model):
    date: dt.date
    ecg: bool
    blood: bool
    urine: bool
    valid_until: dt.date


class ConsentIn(_Model):
    signed: dt.date
    form_version: Annotated[int, Field(ge=1)]


class IceCubeIn(_Model):
    kind: Literal["ice_cube"]
    date: dt.date
    contact_s: Annotated[int, _in_range(ranges.ICE_CONTACT)]
    read_after_min: Annotated[float, _in_range(ranges.ICE_READ_AFTER)] | None = None
    result: Literal["negative", "erythema_only", "wheal", "systemic"]
    antihistamine_48h: bool = False


class ColdPressorIn(_Model):
    kind: Literal["cold_pressor"]
    date: dt.date
    water_c: Annotated[float, _in_range(ranges.PRESSOR_WATER)] | None = None
    immersion_s: Annotated[int, _in_range(ranges.PRESSOR_IMMERSION)] | None = None
    bp_before: BloodPressure
    bp_after: BloodPressure


class TempThresholdIn(_Model):
    kind: Literal["temp_threshold"]
    date: dt.date
    ctt_c: Annotated[float, _in_range(ranges.CTT)] | None


ColdTestIn = Annotated[IceCubeIn | ColdPressorIn | TempThresholdIn, Field(discriminator="kind")]
COLD_TEST_KINDS: frozenset[str] = frozenset({"ice_cube", "cold_pressor", "temp_threshold"})


class OtherSessionIn(_Model):
    at: Moment
    modality: ModalityId
    duration_s: int


class CourseSessionIn(OtherSessionIn):
    nrs_pre: Nrs | None = None
    nrs_post: Nrs | None = None


class PreviousCourseIn(_Model):
    protocol: ProtocolId
    started: dt.date
    ended: dt.date | None = None


class CourseIn(_Model):
    protocol: ProtocolId
    started: dt.date
    sessions: list[CourseSessionIn] | None = None
    previous_courses: list[PreviousCourseIn] | None = None


class TemperatureIn(_Model):
    value: float
    unit: Literal["C", "F"]


class AreaIn(_Model):
    site: Annotated[str, Field(min_length=1)]
    area_dm2: Annotated[float, _in_range(ranges.AREA_DM2)]
    exposure_s: Annotated[float, _in_range(ranges.DURATION_LOCAL)]
    kind: Literal["area", "spot", "patch"] = "area"


class ChecklistIn(_Model):
    dry_skin: bool | None = None
    no_lotion: bool | None = None
    no_metal: bool | None = None
    protective_gear: bool | None = None
    oxygen_monitor: bool | None = None


class SessionIn(_Model):
    modality: ModalityId
    temperature: TemperatureIn | None = None
    duration_s: int
    bp_pre: BloodPressure | None = None
    hr_pre: Annotated[int, _in_range(ranges.HEART_RATE)] | None = None
    spo2_pre: Annotated[float, _in_range(ranges.SPO2)] | None = None
    bp_post: BloodPressure | None = None
    checklist: ChecklistIn | None = None
    areas: list[AreaIn] | None = None
    direct_skin_contact: bool | None = None
    skin_temp_before_c: SkinTemp | None = None
    skin_temp_after_c: SkinTemp | None = None
    nrs_pre: Nrs | None = None
    nrs_post: Nrs | None = None


class CaseIn(_Model):
    as_of: Moment
    patient: PatientIn
    screening: ScreeningIn | None = None
    clearance: ClearanceIn | None = None
    consent: ConsentIn | None = None
    cold_tests: list[ColdTestIn] | None = None
    course: CourseIn | None = None
    other_sessions: list[OtherSessionIn] | None = None
    session: SessionIn
    settings: dict[str, float] | None = None
