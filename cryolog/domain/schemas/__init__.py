"""Validation schemas at the service boundary: every input is checked here first."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryolog.domain.schemas._base import parse
    from cryolog.domain.schemas.course import CourseCloseInput, CourseInput
    from cryolog.domain.schemas.outcome import AdverseEventInput, AssessmentInput
    from cryolog.domain.schemas.patient import PatientInput
    from cryolog.domain.schemas.practice import PracticeInput
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
        BPReading,
        Checklist,
        PainZoneInput,
        SessionDraftInput,
        SessionInput,
        Temperature,
    )

_WHERE: dict[str, str] = {
    "AdverseEventInput": "cryolog.domain.schemas.outcome",
    "AreaInput": "cryolog.domain.schemas.session",
    "AssessmentInput": "cryolog.domain.schemas.outcome",
    "BloodPressure": "cryolog.domain.schemas.pretreatment",
    "BPReading": "cryolog.domain.schemas.session",
    "Checklist": "cryolog.domain.schemas.session",
    "ClearanceInput": "cryolog.domain.schemas.pretreatment",
    "ColdPressorTestInput": "cryolog.domain.schemas.pretreatment",
    "ColdTestInput": "cryolog.domain.schemas.pretreatment",
    "ConsentInput": "cryolog.domain.schemas.pretreatment",
    "CourseCloseInput": "cryolog.domain.schemas.course",
    "CourseInput": "cryolog.domain.schemas.course",
    "IceCubeTestInput": "cryolog.domain.schemas.pretreatment",
    "PainZoneInput": "cryolog.domain.schemas.session",
    "PatientInput": "cryolog.domain.schemas.patient",
    "PracticeInput": "cryolog.domain.schemas.practice",
    "ScreeningInput": "cryolog.domain.schemas.pretreatment",
    "SessionDraftInput": "cryolog.domain.schemas.session",
    "SessionInput": "cryolog.domain.schemas.session",
    "TempThresholdTestInput": "cryolog.domain.schemas.pretreatment",
    "Temperature": "cryolog.domain.schemas.session",
    "parse": "cryolog.domain.schemas._base",
}


def __getattr__(name: str) -> Any:
    """Import a schema's module when the schema is first asked for (quicker start-up)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "AdverseEventInput",
    "AreaInput",
    "AssessmentInput",
    "BPReading",
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
    "SessionDraftInput",
    "SessionInput",
    "TempThresholdTestInput",
    "Temperature",
    "parse",
]
