"""Input for adverse events, outcome assessments and practice settings."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationInfo, field_validator

from cryolog.domain.enums import AdverseEventType, AssessmentKind, Severity
from cryolog.domain.errors import refuse
from cryolog.domain.messages import Ref
from cryolog.domain.ranges import ASSESSMENT_RANGES
from cryolog.domain.schemas._base import Choice, Input, PastDate, Text


class AdverseEventInput(Input):
    event_type: Choice[AdverseEventType]
    severity: Choice[Severity]
    onset_on: PastDate
    session_id: int | None = None
    resolved_on: date | None = None
    device_malfunction: bool = False
    description: Text = ""

    @field_validator("resolved_on")
    @classmethod
    def _after_onset(cls, value: date | None, info: ValidationInfo) -> date | None:
        onset = info.data.get("onset_on")
        if value is not None and onset is not None and value < onset:
            raise refuse("before_onset", day=value, onset=onset)
        if value is not None and value > date.today():
            raise refuse("future", day=value)
        return value


class AssessmentInput(Input):
    kind: Choice[AssessmentKind]
    assessed_on: PastDate
    value: float
    course_id: int | None = None
    notes: Text = ""

    @field_validator("value")
    @classmethod
    def _in_scale(cls, value: float, info: ValidationInfo) -> float:
        kind = info.data.get("kind")
        if kind is None:
            return value
        spec = ASSESSMENT_RANGES[kind.value]
        problem = spec.problem(value)
        if problem:
            raise refuse("for_scale", problem=problem, scale=Ref("assessment", kind.value))
        if (
            kind
            in (
                AssessmentKind.IGA,
                AssessmentKind.LESION_COUNT,
                AssessmentKind.NRS,
                AssessmentKind.DLQI,
            )
            and not float(value).is_integer()
        ):
            raise refuse("scale_whole", scale=Ref("assessment", kind.value))
        return value
