"""Practice details printed on documents, and the clinical thresholds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base
from cryolog.db.types import UTCDateTime, utcnow


class Practice(Base):
    """The single row of practice details (id is always 1)."""

    __tablename__ = "practice"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    practitioner: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    """Two-letter code ('' until set): the region of phone numbers typed without "+"."""
    time_zone: Mapped[str] = mapped_column(String(64), default="")
    """IANA name ('' until set: the computer's own): where the practice's days begin."""
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    """Counted up by every change (SQLAlchemy's version counter): a save started from an
    older copy is refused (``PracticeService.update_practice(expected_version=)``)."""

    __mapper_args__ = {"version_id_col": version}


class ClinicalThreshold(Base):
    """A practice's value for one named threshold of domain.md §6 (absent = default)."""

    __tablename__ = "clinical_threshold"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    """Counted up by every change; the limits' version is the sum over the stored rows
    (every change adds one: a new row starts at 1, an edit adds 1; rows are never deleted)."""

    __mapper_args__ = {"version_id_col": version}
