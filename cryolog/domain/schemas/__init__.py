"""Validation schemas at the service boundary: every input is checked here first."""

from cryolog.domain.schemas._base import parse
from cryolog.domain.schemas.course import CourseCloseInput, CourseInput
from cryolog.domain.schemas.outcome import AdverseEventInput, AssessmentInput, PracticeInput
from cryolog.domain.schemas.patient import PatientInput
from cryolog.domain.schemas.pretreatment import (
    BloodPressure,
    ClearanceInput,
    ColdPressorTestInput,
    ColdTestInput,
    ConsentInput,
    IceCubeTestInput,
    ScreeningInput,
    TempThresholdTestInput,
)
from cryolog.domain.schemas.session import (
    AreaInput,
    Checklist,
    PainZoneInput,
    SessionInput,
    Temperature,
)

__all__ = [
    "AdverseEventInput",
    "AreaInput",
    "AssessmentInput",
    "BloodPressure",
    "Checklist",
    "ClearanceInput",
    "ColdPressorTestInput",
    "ColdTestInput",
    "ConsentInput",
    "CourseCloseInput",
    "CourseInput",
    "IceCubeTestInput",
    "PainZoneInput",
    "PatientInput",
    "PracticeInput",
    "ScreeningInput",
    "SessionInput",
    "TempThresholdTestInput",
    "Temperature",
    "parse",
]
