"""Input for the pre-treatment records: screening, clearance, consent, cold tests."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import ValidationInfo, field_validator

from cryolog.domain import ranges
from cryolog.domain.catalog import CONDITIONS
from cryolog.domain.enums import Answer, IceCubeResult
from cryolog.domain.errors import refuse
from cryolog.domain.schemas._base import (
    Choice,
    Diastolic,
    Input,
    Line,
    PastDate,
    Systolic,
    Text,
    ranged,
)


class ScreeningInput(Input):
    screened_on: PastDate
    answers: dict[str, Choice[Answer]]
    notes: Text = ""

    @field_validator("answers")
    @classmethod
    def _known_conditions(cls, value: dict[str, Answer]) -> dict[str, Answer]:
        unknown = sorted(set(value) - set(CONDITIONS))
        if unknown:
            raise refuse("unknown_conditions", ids=", ".join(unknown))
        return value


class ClearanceInput(Input):
    issued_on: PastDate
    valid_until: date
    ecg: bool
    blood: bool
    urine: bool
    issued_by: Line = ""
    notes: Text = ""

    @field_validator("valid_until")
    @classmethod
    def _valid_after_issue(cls, value: date, info: ValidationInfo) -> date:
        issued = info.data.get("issued_on")
        if issued is not None and value < issued:
            raise refuse("before_issue", day=value, issued=issued)
        return value


class ConsentInput(Input):
    signed_on: PastDate
    form_version: Annotated[int, ranged(ranges.Range(1, 1000, "", "form version"))]
    notes: Text = ""


class BloodPressure(Input):
    systolic: Systolic
    diastolic: Diastolic

    @field_validator("diastolic")
    @classmethod
    def _diastolic_below(cls, value: int, info: ValidationInfo) -> int:
        systolic = info.data.get("systolic")
        if systolic is not None and value >= systolic:
            raise refuse("diastolic_below", diastolic=value, systolic=systolic)
        return value


class IceCubeTestInput(Input):
    performed_on: PastDate
    contact_s: Annotated[int, ranged(ranges.ICE_CONTACT)] = 300
    read_after_min: Annotated[int, ranged(ranges.ICE_READ_AFTER)] = 10
    result: Choice[IceCubeResult]
    antihistamine_48h: bool = False
    notes: Text = ""


class ColdPressorTestInput(Input):
    performed_on: PastDate
    water_c: Annotated[float, ranged(ranges.PRESSOR_WATER)]
    immersion_s: Annotated[int, ranged(ranges.PRESSOR_IMMERSION)]
    bp_before: BloodPressure
    bp_after: BloodPressure
    notes: Text = ""


class TempThresholdTestInput(Input):
    performed_on: PastDate
    ctt_c: Annotated[float, ranged(ranges.CTT)] | None = None  # None: no wheal at any temperature
    notes: Text = ""


ColdTestInput = IceCubeTestInput | ColdPressorTestInput | TempThresholdTestInput
