"""The rule engine's input: one complete proposed session and everything the rules look at.

These are plain frozen dataclasses so that both producers build the same structure: the
rule checker's JSON parser (``jsoncase``) and the database service layer (from stored
records). All dates and times are naive and in the practice's local time. Temperatures are
in °C. Nothing here is validated: producers validate before they build a ``Case``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from cryolog.domain.enums import Answer, AreaKind, IceCubeResult
from cryolog.domain.messages import Message
from cryolog.domain.thresholds import THRESHOLDS, defaults


@dataclass(frozen=True, slots=True)
class BloodPressure:
    systolic: int
    diastolic: int

    def __str__(self) -> str:
        return f"{self.systolic}/{self.diastolic} mmHg"

    def said(self) -> Message:
        """'165/95 mmHg' in the language it is shown in."""
        return Message("unit.bp", systolic=self.systolic, diastolic=self.diastolic)


@dataclass(frozen=True, slots=True)
class Patient:
    birth_date: dt.date
    height_cm: float | None = None


@dataclass(frozen=True, slots=True)
class Screening:
    """The patient's latest screening questionnaire; a condition not listed counts as ``no``."""

    date: dt.date
    answers: Mapping[str, Answer] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Clearance:
    """Medical clearance for general-group sessions (ECG, blood and urine tests)."""

    date: dt.date
    ecg: bool
    blood: bool
    urine: bool
    valid_until: dt.date


@dataclass(frozen=True, slots=True)
class Consent:
    signed: dt.date
    form_version: int


@dataclass(frozen=True, slots=True)
class IceCubeTest:
    date: dt.date
    contact_s: int
    result: IceCubeResult
    antihistamine_48h: bool = False
    read_after_min: float | None = None


@dataclass(frozen=True, slots=True)
class ColdPressorTest:
    date: dt.date
    bp_before: BloodPressure
    bp_after: BloodPressure
    water_c: float | None = None
    immersion_s: int | None = None


@dataclass(frozen=True, slots=True)
class TempThresholdTest:
    """Critical temperature threshold test; ``ctt_c`` None = no wheal at any temperature."""

    date: dt.date
    ctt_c: float | None


Checklist = Mapping[str, bool | None]
"""Pre-session checklist: item -> True (confirmed), False or None (not confirmed)."""

ColdTest = IceCubeTest | ColdPressorTest | TempThresholdTest


@dataclass(frozen=True, slots=True)
class PastSession:
    """An earlier session: of the course, or of the patient outside it (no NRS then)."""

    at: dt.datetime
    modality: str
    duration_s: int
    nrs_pre: int | None = None
    nrs_post: int | None = None


@dataclass(frozen=True, slots=True)
class PreviousCourse:
    protocol: str
    started: dt.date
    ended: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Course:
    """The course the session belongs to; ``sessions`` are its earlier ones, oldest first."""

    protocol: str
    started: dt.date
    sessions: tuple[PastSession, ...] = ()
    previous_courses: tuple[PreviousCourse, ...] = ()


@dataclass(frozen=True, slots=True)
class Area:
    """A treated area of a local session; ``exposure_s`` is its total exposure in the session."""

    site: str
    area_dm2: float
    exposure_s: float
    kind: AreaKind = AreaKind.AREA


@dataclass(frozen=True, slots=True)
class ProposedSession:
    """The session being checked. ``checklist`` maps CHECKLIST_ITEMS (+ oxygen_monitor) to
    True (confirmed), False or None (not confirmed); None = no checklist at all."""

    modality: str
    duration_s: int
    temp_c: float | None = None
    bp_pre: BloodPressure | None = None
    hr_pre: int | None = None
    spo2_pre: float | None = None
    bp_post: BloodPressure | None = None
    checklist: Checklist | None = None
    areas: tuple[Area, ...] = ()
    direct_skin_contact: bool | None = None
    skin_temp_before_c: float | None = None
    skin_temp_after_c: float | None = None
    nrs_pre: int | None = None
    nrs_post: int | None = None


@dataclass(frozen=True, slots=True)
class Case:
    """A complete proposed session. ``as_of`` is its start; its date is the session day.

    ``settings`` holds practice thresholds by their contract names (thresholds.THRESHOLDS),
    normally already merged with the defaults; a missing name falls back to its default.
    """

    as_of: dt.datetime
    patient: Patient
    session: ProposedSession
    screening: Screening | None = None
    clearance: Clearance | None = None
    consent: Consent | None = None
    cold_tests: tuple[ColdTest, ...] = ()
    course: Course | None = None
    other_sessions: tuple[PastSession, ...] = ()
    settings: Mapping[str, float] = field(default_factory=defaults)

    @property
    def day(self) -> dt.date:
        return self.as_of.date()

    def setting(self, name: str) -> float:
        """The practice's value for threshold ``name`` (``KeyError`` for an unknown name)."""
        value = self.settings.get(name)
        return THRESHOLDS[name].default if value is None else value
