"""Treatment courses and the sessions recorded in them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cryolog.db.base import Base
from cryolog.db.models._common import ClinicalRecord, between, in_list, patient_fk
from cryolog.db.types import UTCDateTime
from cryolog.domain.enums import AreaKind, CourseStatus, FindingLevel, SkinTempMethod
from cryolog.domain.session_state import SessionState


class Course(ClinicalRecord, Base):
    __tablename__ = "course"
    __table_args__ = (
        CheckConstraint(in_list("status", [s.value for s in CourseStatus]), name="status_known"),
        Index("ix_course_status", "status", "archived_at"),  # the open courses (0009)
        CheckConstraint(between("planned_sessions", 1, 100), name="planned_plausible"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="ends_after_start"),
    )

    patient_id: Mapped[int] = patient_fk()
    protocol_id: Mapped[str] = mapped_column(String(40))
    indication: Mapped[str] = mapped_column(Text, default="")
    body_area: Mapped[str] = mapped_column(String(200), default="")
    planned_sessions: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default=CourseStatus.OPEN.value)
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


_BP_PAIR = "{p}_sys IS NULL OR {p}_dia IS NULL OR {p}_dia < {p}_sys"
_TABLE_ARGS_VITALS = tuple(
    CheckConstraint(between(f"{phase}_{what}", low, high), name=f"{phase}_{what}_plausible")
    for phase in ("bp_pre", "bp_post")
    for what, low, high in (("sys", 60, 260), ("dia", 30, 160))
) + tuple(
    CheckConstraint(between(f"{what}_{phase}", low, high), name=f"{what}_{phase}_plausible")
    for phase in ("pre", "post")
    for what, low, high in (("hr", 30, 220), ("spo2", 70, 100), ("nrs", 0, 10))
)


_STATES = [s.value for s in SessionState]
_UNFINISHED = "('draft', 'abandoned')"
UNSIGNED_ONLY = f"state <> '{SessionState.SIGNED.value}'"
"""The condition of ``ix_treatment_session_state``; a query wanting that index says it too
(SQLite uses a partial index only when the query's WHERE holds the index's condition)."""


class TreatmentSession(ClinicalRecord, Base):
    """One cryotherapy session (domain.md §7). Temperatures in °C, times in UTC.

    ``state`` follows domain.session_state; a draft may lack its duration. ``duration_s``
    is the planned exposure (what the rules checked), ``actual_exposure_s`` what the timer
    measured; ``bp_pre_*`` is the latest of the pre-session ``bp_readings``.
    """

    __tablename__ = "treatment_session"
    __audit_children__ = ("areas", "pain_zones", "findings", "bp_readings")
    __table_args__ = (
        *_TABLE_ARGS_VITALS,
        CheckConstraint(_BP_PAIR.format(p="bp_pre"), name="bp_pre_dia_below_sys"),
        CheckConstraint(_BP_PAIR.format(p="bp_post"), name="bp_post_dia_below_sys"),
        CheckConstraint(between("duration_s", 1, 7200), name="duration_plausible"),
        CheckConstraint(
            f"duration_s IS NOT NULL OR state IN {_UNFINISHED}", name="duration_when_run"
        ),
        CheckConstraint(in_list("state", _STATES), name="state_known"),
        CheckConstraint("state <> 'signed' OR signed_at IS NOT NULL", name="signed_has_time"),
        CheckConstraint(between("actual_exposure_s", 1, 7200), name="actual_plausible"),
        CheckConstraint(between("set_temp_c", -196, 15), name="set_temp_plausible"),
        CheckConstraint(between("measured_temp_c", -196, 15), name="measured_temp_plausible"),
        CheckConstraint(between("skin_temp_before_c", -5, 40), name="skin_before_plausible"),
        CheckConstraint(between("skin_temp_after_c", -5, 40), name="skin_after_plausible"),
        CheckConstraint("temp_unit_entered IN ('C', 'F')", name="temp_unit_known"),
        CheckConstraint(
            "skin_temp_method IS NULL OR "
            + in_list("skin_temp_method", [m.value for m in SkinTempMethod]),
            name="skin_method_known",
        ),
        CheckConstraint("NOT aborted OR length(abort_reason) > 0", name="abort_has_reason"),
        Index("ix_treatment_session_patient_day", "patient_id", "session_date"),
        Index("ix_treatment_session_day", "session_date"),
        # The sessions not signed yet (0021: the signed ones, nearly all, left out).
        Index(
            "ix_treatment_session_state",
            "state",
            sqlite_where=text(UNSIGNED_ONLY),
            postgresql_where=text(UNSIGNED_ONLY),
        ),
        # A course's sessions by day: its count and last date from the index alone (0009).
        Index(
            "ix_treatment_session_course_day", "course_id", "session_date", "state", "archived_at"
        ),
    )

    patient_id: Mapped[int] = patient_fk(index=False)  # ix_treatment_session_patient_day
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id", ondelete="RESTRICT"))
    modality: Mapped[str] = mapped_column(String(40))
    device: Mapped[str] = mapped_column(String(200), default="")
    applicator: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    session_date: Mapped[date] = mapped_column(Date)  # the practice's local calendar day
    set_temp_c: Mapped[float | None] = mapped_column(Float)
    measured_temp_c: Mapped[float | None] = mapped_column(Float)
    temp_unit_entered: Mapped[str] = mapped_column(String(1), default="C")
    duration_s: Mapped[int | None] = mapped_column(Integer)
    bp_pre_sys: Mapped[int | None] = mapped_column(Integer)
    bp_pre_dia: Mapped[int | None] = mapped_column(Integer)
    hr_pre: Mapped[int | None] = mapped_column(Integer)
    spo2_pre: Mapped[int | None] = mapped_column(Integer)
    bp_post_sys: Mapped[int | None] = mapped_column(Integer)
    bp_post_dia: Mapped[int | None] = mapped_column(Integer)
    hr_post: Mapped[int | None] = mapped_column(Integer)
    spo2_post: Mapped[int | None] = mapped_column(Integer)
    skin_temp_before_c: Mapped[float | None] = mapped_column(Float)
    skin_temp_after_c: Mapped[float | None] = mapped_column(Float)
    skin_temp_method: Mapped[str | None] = mapped_column(String(20))
    nrs_pre: Mapped[int | None] = mapped_column(Integer)
    nrs_post: Mapped[int | None] = mapped_column(Integer)
    chk_dry_skin: Mapped[bool | None] = mapped_column(Boolean)
    chk_no_lotion: Mapped[bool | None] = mapped_column(Boolean)
    chk_no_metal: Mapped[bool | None] = mapped_column(Boolean)
    chk_protective_gear: Mapped[bool | None] = mapped_column(Boolean)
    chk_oxygen_monitor: Mapped[bool | None] = mapped_column(Boolean)
    direct_skin_contact: Mapped[bool | None] = mapped_column(Boolean)
    reactions: Mapped[str] = mapped_column(Text, default="")
    aborted: Mapped[bool] = mapped_column(Boolean, default=False)
    abort_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(
        String(10), default=SessionState.SIGNED.value, server_default=SessionState.SIGNED.value
    )
    running_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    actual_exposure_s: Mapped[int | None] = mapped_column(Integer)
    over_max_note: Mapped[str] = mapped_column(Text, default="", server_default="")

    areas: Mapped[list[SessionArea]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SessionArea.position"
    )
    pain_zones: Mapped[list[SessionPainZone]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SessionPainZone.position"
    )
    findings: Mapped[list[SessionFinding]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SessionFinding.position"
    )
    bp_readings: Mapped[list[SessionBPReading]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SessionBPReading.position"
    )


def _session_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("treatment_session.id", ondelete="CASCADE"), index=True)


class SessionArea(Base):
    """A treated area of a local session: site, size, passes and exposure."""

    __tablename__ = "session_area"
    __table_args__ = (
        CheckConstraint(in_list("kind", [k.value for k in AreaKind]), name="kind_known"),
        CheckConstraint(between("area_dm2", 0.01, 100), name="area_plausible"),
        CheckConstraint(between("passes", 1, 50), name="passes_plausible"),
        CheckConstraint(between("exposure_s", 1, 7200), name="exposure_plausible"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = _session_fk()
    position: Mapped[int] = mapped_column(Integer)
    site: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10), default=AreaKind.AREA.value)
    area_dm2: Mapped[float | None] = mapped_column(Float)
    passes: Mapped[int | None] = mapped_column(Integer)
    exposure_s: Mapped[int | None] = mapped_column(Integer)


class SessionPainZone(Base):
    """Pain score before and after for one body zone."""

    __tablename__ = "session_pain_zone"
    __table_args__ = (
        CheckConstraint(between("nrs_pre", 0, 10), name="nrs_pre_plausible"),
        CheckConstraint(between("nrs_post", 0, 10), name="nrs_post_plausible"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = _session_fk()
    position: Mapped[int] = mapped_column(Integer)
    zone: Mapped[str] = mapped_column(String(200))
    nrs_pre: Mapped[int | None] = mapped_column(Integer)
    nrs_post: Mapped[int | None] = mapped_column(Integer)


class SessionFinding(Base):
    """A safety finding shown when the session was saved, with the override reason if any."""

    __tablename__ = "session_finding"
    __table_args__ = (
        CheckConstraint(in_list("level", [lv.value for lv in FindingLevel]), name="level_known"),
        CheckConstraint(
            "level <> 'hard_stop' OR length(override_reason) > 0", name="hard_stop_overridden"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = _session_fk()
    position: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)  # the text shown when it was saved
    override_reason: Mapped[str | None] = mapped_column(Text)
    # the message's key and values (None for findings saved before keyed messages), and
    # the language ``message`` is written in
    message_key: Mapped[str | None] = mapped_column(String(120))
    message_values: Mapped[str | None] = mapped_column(Text)
    shown_language: Mapped[str | None] = mapped_column(String(16))


class SessionBPReading(Base):
    """One blood pressure reading before a session (re-measured after rest: several)."""

    __tablename__ = "session_bp_reading"
    __table_args__ = (
        CheckConstraint(between("systolic", 60, 260, nullable=False), name="systolic_plausible"),
        CheckConstraint(between("diastolic", 30, 160, nullable=False), name="diastolic_plausible"),
        CheckConstraint("diastolic < systolic", name="dia_below_sys"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = _session_fk()
    position: Mapped[int] = mapped_column(Integer)
    systolic: Mapped[int] = mapped_column(Integer)
    diastolic: Mapped[int] = mapped_column(Integer)
    measured_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
