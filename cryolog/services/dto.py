"""Plain, immutable results handed to the GUI, reports and CLI (never live ORM objects)."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from datetime import date, datetime
from typing import Any, TypeVar

from cryolog.domain.age import age_on
from cryolog.domain.messages import Message
from cryolog.domain.session_state import SessionState
from cryolog.services.dto_list import PatientSummary as PatientSummary

T = TypeVar("T")


def from_row(cls: type[T], row: Any, **extra: Any) -> T:
    """Build dataclass ``cls`` from the same-named attributes of ``row`` (plus ``extra``)."""
    values: dict[str, Any] = {}
    for field in fields(cls):  # type: ignore[arg-type]
        if field.name in extra:
            values[field.name] = extra[field.name]
        elif field.default is MISSING or hasattr(row, field.name):
            values[field.name] = getattr(row, field.name)
        # else: a derived field with a default the row does not carry (e.g. limits_version)
    return cls(**values)


@dataclass(frozen=True, slots=True)
class PatientDTO:
    id: int
    version: int
    family_name: str
    given_name: str
    middle_name: str
    birth_date: date
    sex: str
    height_cm: float | None
    weight_kg: float | None
    phone: str
    email: str
    address: str
    notes: str
    handout_language: str
    created_at: datetime
    archived_at: datetime | None
    archive_reason: str | None

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.given_name, self.middle_name) if p)

    def age_on(self, day: date) -> int:
        return age_on(self.birth_date, day)


@dataclass(frozen=True, slots=True)
class ScreeningDTO:
    id: int
    patient_id: int
    screened_on: date
    catalog_version: int
    answers: dict[str, str]
    notes: str
    archived_at: datetime | None


@dataclass(frozen=True, slots=True)
class ClearanceDTO:
    id: int
    patient_id: int
    issued_on: date
    valid_until: date
    ecg: bool
    blood: bool
    urine: bool
    issued_by: str
    notes: str
    archived_at: datetime | None


@dataclass(frozen=True, slots=True)
class ConsentDTO:
    id: int
    patient_id: int
    signed_on: date
    form_version: int
    notes: str
    archived_at: datetime | None


@dataclass(frozen=True, slots=True)
class ColdTestDTO:
    id: int
    patient_id: int
    kind: str
    performed_on: date
    contact_s: int | None
    read_after_min: int | None
    ice_result: str | None
    antihistamine_48h: bool | None
    water_c: float | None
    immersion_s: int | None
    bp_before_sys: int | None
    bp_before_dia: int | None
    bp_after_sys: int | None
    bp_after_dia: int | None
    ctt_c: float | None
    notes: str
    archived_at: datetime | None
    contact_started_at: datetime | None = None
    cube_removed_at: datetime | None = None
    read_at: datetime | None = None
    read_early: bool = False


@dataclass(frozen=True, slots=True)
class CourseDTO:
    id: int
    version: int
    patient_id: int
    protocol_id: str
    indication: str
    body_area: str
    planned_sessions: int | None
    status: str
    started_on: date
    ended_on: date | None
    notes: str
    archived_at: datetime | None


@dataclass(frozen=True, slots=True)
class AreaDTO:
    site: str
    kind: str
    area_dm2: float | None
    passes: int | None
    exposure_s: int | None


@dataclass(frozen=True, slots=True)
class PainZoneDTO:
    zone: str
    nrs_pre: int | None
    nrs_post: int | None


@dataclass(frozen=True, slots=True)
class FindingDTO:
    """A saved finding: ``message`` is the text shown when it was saved (in
    ``shown_language``); ``said`` its key and values, None for findings saved before keyed
    messages (they have only their English text)."""

    rule: str
    level: str
    message: str
    override_reason: str | None
    said: Message | None = None
    shown_language: str | None = None

    @property
    def text(self) -> str:
        """What the finding says in the current language (its saved text when unkeyed)."""
        return self.message if self.said is None else self.said.render()


@dataclass(frozen=True, slots=True)
class BPReadingDTO:
    systolic: int
    diastolic: int
    measured_at: datetime | None


@dataclass(frozen=True, slots=True)
class SessionDTO:
    id: int
    version: int
    patient_id: int
    course_id: int | None
    modality: str
    device: str
    applicator: str
    started_at: datetime
    session_date: date
    set_temp_c: float | None
    measured_temp_c: float | None
    temp_unit_entered: str
    duration_s: int | None  # the planned exposure; None only in a draft
    bp_pre_sys: int | None
    bp_pre_dia: int | None
    hr_pre: int | None
    spo2_pre: int | None
    bp_post_sys: int | None
    bp_post_dia: int | None
    hr_post: int | None
    spo2_post: int | None
    skin_temp_before_c: float | None
    skin_temp_after_c: float | None
    skin_temp_method: str | None
    nrs_pre: int | None
    nrs_post: int | None
    chk_dry_skin: bool | None
    chk_no_lotion: bool | None
    chk_no_metal: bool | None
    chk_protective_gear: bool | None
    chk_oxygen_monitor: bool | None
    direct_skin_contact: bool | None
    reactions: str
    aborted: bool
    abort_reason: str
    notes: str
    archived_at: datetime | None
    areas: tuple[AreaDTO, ...]
    pain_zones: tuple[PainZoneDTO, ...]
    findings: tuple[FindingDTO, ...]
    state: str = "signed"
    running_at: datetime | None = None
    completed_at: datetime | None = None
    signed_at: datetime | None = None
    actual_exposure_s: int | None = None
    over_max_note: str = ""
    bp_readings: tuple[BPReadingDTO, ...] = ()

    @property
    def exposure_s(self) -> int | None:
        """What the patient had: the timer's measure when there is one, else the plan."""
        return self.actual_exposure_s if self.actual_exposure_s is not None else self.duration_s

    @property
    def counts(self) -> bool:
        """Counts for the course and the rules (running or later, not archived)."""
        return self.archived_at is None and SessionState(self.state).counts


@dataclass(frozen=True, slots=True)
class AdverseEventDTO:
    id: int
    patient_id: int
    session_id: int | None
    event_type: str
    severity: str
    onset_on: date
    resolved_on: date | None
    device_malfunction: bool
    description: str
    archived_at: datetime | None
    version: int = 1
    """The version an edit of the event starts from."""


@dataclass(frozen=True, slots=True)
class AssessmentDTO:
    id: int
    patient_id: int
    course_id: int | None
    assessed_on: date
    kind: str
    value: float
    notes: str
    archived_at: datetime | None


@dataclass(frozen=True, slots=True)
class AuditEntryDTO:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    patient_id: int | None
    before_json: str | None
    after_json: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class PracticeDTO:
    name: str
    address: str
    phone: str
    practitioner: str
    country: str
    time_zone: str
    version: int = 1
    """The practice row's version as read (a save is checked against it)."""
    limits_version: int = 0
    """The clinical limits' version as read (``services.practice_versions``)."""


@dataclass(frozen=True, slots=True)
class PatientRecord:
    """Everything recorded about one patient, newest first within each list."""

    patient: PatientDTO
    screenings: tuple[ScreeningDTO, ...]
    clearances: tuple[ClearanceDTO, ...]
    consents: tuple[ConsentDTO, ...]
    cold_tests: tuple[ColdTestDTO, ...]
    courses: tuple[CourseDTO, ...]
    sessions: tuple[SessionDTO, ...]
    adverse_events: tuple[AdverseEventDTO, ...]
    assessments: tuple[AssessmentDTO, ...]


@dataclass(slots=True)
class DueCourse:
    """An open course whose next session is allowed today or was allowed earlier.

    Not frozen: the day plan makes one per due course, thousands in a large practice, and
    a frozen dataclass's ``__init__`` costs two and a half times as much; nothing changes
    one once made."""

    patient_id: int
    patient_name: str
    course_id: int
    protocol_label: str
    sessions_done: int
    sessions_planned: int | None
    earliest: date
    overdue: bool
    days_late: int


@dataclass(frozen=True, slots=True)
class TodaySession:
    session_id: int
    patient_id: int
    patient_name: str
    started_at: datetime
    modality_label: str
    duration_s: int | None
    course_id: int | None
    state: str = "signed"
