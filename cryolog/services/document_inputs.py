"""What each printed document shows: plain inputs for the renderers in cryolog.reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from cryolog.services.dto import (
    AdverseEventDTO,
    AssessmentDTO,
    ClearanceDTO,
    ColdTestDTO,
    ConsentDTO,
    CourseDTO,
    PatientDTO,
    PracticeDTO,
    ScreeningDTO,
    SessionDTO,
)


@dataclass(frozen=True, slots=True)
class CourseSummaryInput:
    """Everything the course summary prints; ``sessions`` oldest first, archived left out."""

    practice: PracticeDTO
    patient: PatientDTO
    course: CourseDTO
    sessions: tuple[SessionDTO, ...]
    screening: ScreeningDTO | None
    clearance: ClearanceDTO | None
    consent: ConsentDTO | None
    consent_form_version: int
    screening_valid_days: int
    cold_tests: tuple[ColdTestDTO, ...]
    cold_pressor_max_rise_mmhg: float
    adverse_events: tuple[AdverseEventDTO, ...]
    assessments: tuple[AssessmentDTO, ...]
    generated_on: date
    language: str = "en"


@dataclass(frozen=True, slots=True)
class HandoutInput:
    practice: PracticeDTO
    patient: PatientDTO
    course: CourseDTO
    modality: str | None
    sessions_done: int
    sessions_planned: int | None
    visits: tuple[datetime, ...]  # booked visits, the practice's wall-clock start times
    language: str
    generated_on: date


@dataclass(frozen=True, slots=True)
class ConsentFormInput:
    """``patient`` None prints a blank form; ``consent`` is the latest one on record."""

    practice: PracticeDTO
    patient: PatientDTO | None
    form_version: int
    consent: ConsentDTO | None
    language: str
    generated_on: date


@dataclass(frozen=True, slots=True)
class ScreeningFormInput:
    """``screening`` None leaves every answer for the patient to tick."""

    practice: PracticeDTO
    patient: PatientDTO | None
    screening: ScreeningDTO | None
    language: str
    generated_on: date


@dataclass(frozen=True, slots=True)
class AppointmentCardInput:
    """The small card of booked visits (``visits``: start time and resource name)."""

    practice: PracticeDTO
    patient: PatientDTO
    visits: tuple[tuple[datetime, str], ...]
    language: str
    generated_on: date


DocumentInput = (
    CourseSummaryInput | HandoutInput | ConsentFormInput | ScreeningFormInput | AppointmentCardInput
)
Renderer = Callable[[DocumentInput], bytes]


@dataclass(frozen=True, slots=True)
class DocumentDTO:
    """One row of the patient's Documents list (the PDF itself is fetched by id)."""

    id: int
    patient_id: int
    course_id: int | None
    kind: str
    language: str
    created_at: datetime
    actor: str
    sha256: str
    size: int
