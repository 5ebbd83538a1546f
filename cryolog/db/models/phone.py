"""The phone search index: every digit suffix of every form of each patient's number."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base
from cryolog.db.types import search_key


class PatientPhoneKey(Base):
    """One digit suffix of one form of a patient's phone (see domain/phone.py). The key
    comes first in the primary key, so "contains 34567" is a range scan on that index."""

    __tablename__ = "patient_phone_key"
    __table_args__ = (
        Index("ix_patient_phone_key_patient_id", "patient_id"),
        {"sqlite_with_rowid": False},  # the key is the row (0019)
    )

    key: Mapped[str] = mapped_column(search_key(20), primary_key=True)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patient.id", ondelete="CASCADE"), primary_key=True
    )
    whole: Mapped[bool] = mapped_column(Boolean, default=False)
