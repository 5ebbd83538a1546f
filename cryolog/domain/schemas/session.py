"""Input for recording or amending a treatment session (domain.md §7)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import (
    AwareDatetime,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cryolog.domain import ranges
from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.enums import AreaKind, SkinTempMethod
from cryolog.domain.errors import refuse
from cryolog.domain.messages import Ref
from cryolog.domain.schemas._base import (
    AreaDm2,
    Choice,
    ExposureS,
    HeartRate,
    Input,
    Line,
    Nrs,
    Passes,
    RequiredLine,
    SkinTemp,
    SpO2,
    Text,
    ranged,
)
from cryolog.domain.schemas.pretreatment import BloodPressure
from cryolog.domain.units import TempUnit, to_celsius

Duration = int
"""Whole seconds (the window parses "2:30", "2 min", "150 s" with units.parse_duration)."""


class Temperature(Input):
    """A temperature as typed, with its unit always explicit."""

    value: float
    unit: Choice[TempUnit]

    @property
    def celsius(self) -> float:
        return to_celsius(self.value, self.unit)


class Checklist(Input):
    dry_skin: bool | None = None
    no_lotion: bool | None = None
    no_metal: bool | None = None
    protective_gear: bool | None = None
    oxygen_monitor: bool | None = None


class AreaInput(Input):
    site: RequiredLine
    kind: Choice[AreaKind] = AreaKind.AREA
    area_dm2: AreaDm2 | None = None
    passes: Passes | None = None
    exposure_s: ExposureS | None = None


class BPReading(BloodPressure):
    """One pre-session blood pressure reading; the latest is the one the rules use."""

    measured_at: AwareDatetime | None = None


class PainZoneInput(Input):
    zone: RequiredLine
    nrs_pre: Nrs | None = None
    nrs_post: Nrs | None = None


def _label(modality_id: str) -> Ref:
    """How messages name a modality: 'for the cold pack / compress'."""
    return Ref("modality", modality_id)


def _modality_of(info: ValidationInfo) -> str | None:
    value = info.data.get("modality")
    return value if isinstance(value, str) and value in MODALITIES else None


class SessionInput(Input):
    """A complete session. ``bp_pre`` is the latest of ``bp_pre_readings`` (either may be
    given: readings fill in ``bp_pre``; a lone ``bp_pre`` is the one reading).
    ``duration_s`` is the planned exposure the rules check, ``actual_exposure_s`` what the
    timer measured."""

    DRAFT: ClassVar[bool] = False

    modality: str
    started_at: AwareDatetime
    course_id: int | None = None
    duration_s: Duration
    set_temp: Temperature | None = Field(default=None, validate_default=True)
    measured_temp: Temperature | None = None
    device: Line = ""
    applicator: Line = ""
    bp_pre: BloodPressure | None = None
    bp_pre_readings: Annotated[list[BPReading], Field(max_length=20)] = []
    hr_pre: HeartRate | None = None
    spo2_pre: SpO2 | None = None
    bp_post: BloodPressure | None = None
    hr_post: HeartRate | None = None
    spo2_post: SpO2 | None = None
    skin_temp_before_c: SkinTemp | None = None
    skin_temp_after_c: SkinTemp | None = None
    skin_temp_method: Choice[SkinTempMethod] | None = None
    nrs_pre: Nrs | None = None
    nrs_post: Nrs | None = None
    checklist: Checklist = Checklist()
    direct_skin_contact: bool | None = None
    areas: Annotated[list[AreaInput], Field(max_length=50)] = []
    pain_zones: Annotated[list[PainZoneInput], Field(max_length=30)] = []
    reactions: Text = ""
    aborted: bool = False
    abort_reason: Text = Field(default="", validate_default=True)
    notes: Text = ""
    overrides: dict[str, Text] = {}
    actual_exposure_s: Annotated[Duration, ranged(ranges.DURATION_LOCAL)] | None = None
    over_max_note: Text = ""

    @model_validator(mode="before")
    @classmethod
    def _latest_reading(cls, data: Any) -> Any:
        """Either form of the pre-session blood pressure fills in the other."""
        if not isinstance(data, dict):
            return data
        readings, bp = data.get("bp_pre_readings"), data.get("bp_pre")
        if isinstance(readings, list) and readings and bp is None:
            latest = readings[-1]
            if isinstance(latest, dict):
                keys = ("systolic", "diastolic")
                return {**data, "bp_pre": {k: latest.get(k) for k in keys}}
        return data

    @property
    def pre_readings(self) -> list[BloodPressure]:
        """Every pre-session reading, oldest first (a lone ``bp_pre`` is the only one)."""
        if self.bp_pre_readings:
            return list(self.bp_pre_readings)
        return [self.bp_pre] if self.bp_pre is not None else []

    @model_validator(mode="after")
    def _bp_is_latest(self) -> SessionInput:
        if self.bp_pre_readings and self.bp_pre is not None:
            latest = self.bp_pre_readings[-1]
            if (latest.systolic, latest.diastolic) != (self.bp_pre.systolic, self.bp_pre.diastolic):
                raise refuse("bp_not_latest")
        return self

    @field_validator("modality")
    @classmethod
    def _known_modality(cls, value: str) -> str:
        if value not in MODALITIES:
            raise refuse("unknown_modality", value=value)
        return value

    @field_validator("duration_s")
    @classmethod
    def _duration(cls, value: int | None, info: ValidationInfo) -> int | None:
        modality = _modality_of(info)
        if modality is None or value is None:
            return value
        general = MODALITIES[modality].group is ModalityGroup.GENERAL
        spec = ranges.DURATION_GENERAL if general else ranges.DURATION_LOCAL
        problem = spec.problem(value)
        if problem:
            raise refuse("for_modality", problem=problem, modality=_label(modality))
        return value

    @field_validator("set_temp", "measured_temp")
    @classmethod
    def _temperature(cls, value: Temperature | None, info: ValidationInfo) -> Temperature | None:
        modality = _modality_of(info)
        if modality is None:
            return value
        spec = MODALITIES[modality]
        if value is None:
            if info.field_name == "set_temp" and spec.needs_temperature and not cls.DRAFT:
                raise refuse("required_for_modality", modality=_label(modality))
            return value
        celsius = value.celsius
        if not spec.temp_min_c <= celsius <= spec.temp_max_c:
            raise refuse(
                "temperature_outside_f" if value.unit is TempUnit.F else "temperature_outside",
                value=value.value,
                celsius=celsius,
                low=spec.temp_min_c,
                high=spec.temp_max_c,
                modality=_label(modality),
            )
        return value

    @field_validator("abort_reason")
    @classmethod
    def _abort_reason(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("aborted") and not value:
            raise refuse("required_when_aborted")
        return value


class SessionDraftInput(SessionInput):
    """A session being prepared: what is typed must be plausible, but it may be incomplete
    (no duration or temperature yet)."""

    DRAFT: ClassVar[bool] = True

    duration_s: Duration | None = None  # type: ignore[assignment]
