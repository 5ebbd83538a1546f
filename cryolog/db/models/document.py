"""Printed documents as they were generated: the exact PDF, its hash, who and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base
from cryolog.db.models._common import in_list, patient_fk
from cryolog.db.types import UTCDateTime, utcnow
from cryolog.domain.documents import DOCUMENT_KINDS

__all__ = ["DOCUMENT_KINDS", "Document"]


class Document(Base):
    """One generated PDF. Rows are never changed: a new print is a new row."""

    __tablename__ = "document"
    __table_args__ = (
        CheckConstraint(in_list("kind", DOCUMENT_KINDS), name="kind_known"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = patient_fk()
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(30))
    language: Mapped[str] = mapped_column(ForeignKey("language.code", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
