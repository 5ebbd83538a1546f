"""Adverse events and outcome assessments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base
from cryolog.db.models._common import ClinicalRecord, in_list, patient_fk
from cryolog.domain.enums import AdverseEventType, AssessmentKind, Severity
from cryolog.domain.ranges import ASSESSMENT_RANGES


class AdverseEvent(ClinicalRecord, Base):
    __tablename__ = "adverse_event"
    __table_args__ = (
        CheckConstraint(
            in_list("event_type", [t.value for t in AdverseEventType]), name="type_known"
        ),
        CheckConstraint(in_list("severity", [s.value for s in Severity]), name="severity_known"),
        CheckConstraint(
            "resolved_on IS NULL OR resolved_on >= onset_on", name="resolved_after_onset"
        ),
    )

    patient_id: Mapped[int] = patient_fk()
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("treatment_session.id", ondelete="RESTRICT"), index=True
    )
    event_type: Mapped[str] = mapped_column(String(30))
    severity: Mapped[str] = mapped_column(String(10))
    onset_on: Mapped[date] = mapped_column(Date)
    resolved_on: Mapped[date | None] = mapped_column(Date)
    device_malfunction: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text, default="")


_VALUE_IN_RANGE = " OR ".join(
    f"(kind = '{kind}' AND value BETWEEN {r.low:g} AND {r.high:g})"
    for kind, r in ASSESSMENT_RANGES.items()
)


class Assessment(ClinicalRecord, Base):
    """An outcome measure (NRS, DLQI, PASI, IGA, SALT, lesion count) on a date."""

    __tablename__ = "assessment"
    __table_args__ = (
        CheckConstraint(in_list("kind", [k.value for k in AssessmentKind]), name="kind_known"),
        CheckConstraint(_VALUE_IN_RANGE, name="value_plausible"),
    )

    patient_id: Mapped[int] = patient_fk()
    course_id: Mapped[int | None] = mapped_column(
        ForeignKey("course.id", ondelete="RESTRICT"), index=True
    )
    assessed_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    notes: Mapped[str] = mapped_column(Text, default="")
