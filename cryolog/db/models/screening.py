"""Pre-treatment records: screening questionnaire, medical clearance, consent."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cryolog.db.base import Base
from cryolog.db.models._common import ClinicalRecord, in_list, patient_fk
from cryolog.domain.enums import Answer


class Screening(ClinicalRecord, Base):
    __tablename__ = "screening"
    __audit_children__ = ("answers",)

    patient_id: Mapped[int] = patient_fk()
    screened_on: Mapped[date] = mapped_column(Date)
    catalog_version: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    answers: Mapped[list[ScreeningAnswer]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ScreeningAnswer.condition_id"
    )


class ScreeningAnswer(Base):
    __tablename__ = "screening_answer"
    __table_args__ = (
        CheckConstraint(in_list("answer", [a.value for a in Answer]), name="answer_known"),
        {"sqlite_with_rowid": False},  # the key is the row (0019)
    )

    screening_id: Mapped[int] = mapped_column(
        ForeignKey("screening.id", ondelete="CASCADE"), primary_key=True
    )
    condition_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    answer: Mapped[str] = mapped_column(String(10))


class Clearance(ClinicalRecord, Base):
    """Medical clearance for whole-body sessions: ECG, blood and urine tests."""

    __tablename__ = "clearance"
    __table_args__ = (CheckConstraint("valid_until >= issued_on", name="valid_after_issue"),)

    patient_id: Mapped[int] = patient_fk()
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    ecg: Mapped[bool] = mapped_column(Boolean)
    blood: Mapped[bool] = mapped_column(Boolean)
    urine: Mapped[bool] = mapped_column(Boolean)
    issued_by: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Consent(ClinicalRecord, Base):
    __tablename__ = "consent"
    __table_args__ = (CheckConstraint("form_version >= 1", name="form_version_positive"),)

    patient_id: Mapped[int] = patient_fk()
    signed_on: Mapped[date] = mapped_column(Date)
    form_version: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
