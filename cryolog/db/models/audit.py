"""The append-only audit trail, hash-chained (see ``cryolog.db.audit_chain``).

``audit_log`` holds one entry per change: its metadata and hashes. Entries written before
the chain existed ("legacy" rows: no hashes, their before and after as JSON) are kept as
they were. ``audit_content`` holds the before and after of a change apart from the chained
entry, and ``audit_salt`` one random salt per patient, so an erasure on request can blank
both and every hash still verifies. Triggers in the migrations forbid any other UPDATE and
every DELETE on the three tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base
from cryolog.db.types import UTCDateTime


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_patient", "patient_id", "id"),
        Index("ix_audit_log_entity", "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    patient_id: Mapped[int | None] = mapped_column(Integer)
    before_json: Mapped[str | None] = mapped_column(Text)  # legacy rows only
    after_json: Mapped[str | None] = mapped_column(Text)  # legacy rows only
    reason: Mapped[str | None] = mapped_column(Text)
    row_hash: Mapped[bytes | None] = mapped_column(LargeBinary)
    before_hash: Mapped[bytes | None] = mapped_column(LargeBinary)
    content_hash: Mapped[bytes | None] = mapped_column(LargeBinary)
    entry_hash: Mapped[bytes | None] = mapped_column(LargeBinary)


class AuditContent(Base):
    """The before and after of one change (canonical JSON); blanked by an erasure."""

    __tablename__ = "audit_content"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("audit_log.id", ondelete="RESTRICT"), primary_key=True, autoincrement=False
    )
    content: Mapped[str | None] = mapped_column(Text)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditSalt(Base):
    """One patient's salt for every hash of their records; blanked by an erasure.

    ``legacy_hash`` is the hash of the patient's audit rows from before the chain, taken
    when the chain was added, so those rows can be blanked by an erasure too."""

    __tablename__ = "audit_salt"

    patient_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    salt: Mapped[bytes | None] = mapped_column(LargeBinary)
    legacy_hash: Mapped[bytes | None] = mapped_column(LargeBinary)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
