"""Patients and their search keys."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base
from cryolog.db.models._common import NAME_LEN, ClinicalRecord, between, in_list
from cryolog.db.types import search_key
from cryolog.domain.enums import Sex
from cryolog.domain.text import PREFIX_LEN


class Patient(ClinicalRecord, Base):
    __tablename__ = "patient"
    __table_args__ = (
        CheckConstraint("length(family_name) > 0", name="family_name_present"),
        CheckConstraint(in_list("sex", [s.value for s in Sex]), name="sex_known"),
        CheckConstraint(between("height_cm", 50, 250), name="height_plausible"),
        CheckConstraint(between("weight_kg", 2, 400), name="weight_plausible"),
        Index("ix_patient_birth_date", "birth_date"),
        Index("ix_patient_phone_digits", "phone_digits"),
        Index("ix_patient_phone_digits_rev", "phone_digits_rev"),
        # The list and the name search walk it, live patients or all, in order (0009).
        Index("ix_patient_search_name", "search_name", "id", "archived_at"),
    )

    family_name: Mapped[str] = mapped_column(String(NAME_LEN))
    given_name: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    middle_name: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(10), default=Sex.UNKNOWN.value)
    height_cm: Mapped[float | None] = mapped_column(Float)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    handout_language: Mapped[str] = mapped_column(
        ForeignKey("language.code", ondelete="RESTRICT"), default="en"
    )
    # Derived search keys, maintained by the patient service (see domain.search).
    search_name: Mapped[str] = mapped_column(search_key(3 * NAME_LEN + 2), default="")
    phone_digits: Mapped[str] = mapped_column(String(50), default="")
    phone_digits_rev: Mapped[str] = mapped_column(String(50), default="")


class PatientNameToken(Base):
    """One normalised word of a patient's name; prefix search runs on its index."""

    __tablename__ = "patient_name_token"
    __table_args__ = (Index("ix_patient_name_token_token", "token", "patient_id"),)

    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patient.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(search_key(NAME_LEN), primary_key=True)


class PatientNamePrefix(Base):
    """Every beginning of a patient's name tokens (up to ``PREFIX_LEN`` characters) with the
    patient's sort key: a one-word search reads its page in the list's order straight from the
    primary key, so the first page of "m" costs what the first page of "müller" does however
    many patients match (revision 0016). Rewritten with the tokens by the patient service."""

    __tablename__ = "patient_name_prefix"
    __table_args__ = ({"sqlite_with_rowid": False},)

    prefix: Mapped[str] = mapped_column(search_key(PREFIX_LEN), primary_key=True)
    search_name: Mapped[str] = mapped_column(search_key(3 * NAME_LEN + 2), primary_key=True)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patient.id", ondelete="CASCADE"), primary_key=True
    )
