"""What every service shares: the database, who is acting, and record look-ups."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import Session

from cryolog.db.database import Database
from cryolog.db.models import Appointment, Patient, Practice
from cryolog.db.models._common import ClinicalRecord
from cryolog.db.types import utcnow
from cryolog.domain.errors import FieldError, InvalidInput, RecordNotFound, StaleRecord, said
from cryolog.domain.messages import Message, Ref
from cryolog.domain.reasons import check_reason
from cryolog.domain.schemas._base import parse
from cryolog.services import audit

R = TypeVar("R")
M = TypeVar("M", bound=BaseModel)

Payload = Mapping[str, Any] | BaseModel


class Service:
    """A use case over ``db`` acting as ``actor``.

    Bound to ``session`` (see ``Services.unit``), every ``write()``/``read()`` joins that one
    transaction instead of opening its own, so several use cases commit together or not at
    all."""

    def __init__(self, db: Database, actor: str, session: Session | None = None) -> None:
        self.db = db
        self.actor = actor
        self.session = session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """The unit of work that writes: a transaction of its own, or the bound one."""
        if self.session is not None:
            yield self.session
            return
        with self.db.write() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        if self.session is not None:
            yield self.session
            return
        with self.db.read() as session:
            yield session

    @staticmethod
    def validate(model: type[M], data: Payload) -> M:
        return parse(model, data)

    @staticmethod
    def get(session: Session, model: type[R], record_id: int) -> R:
        row = session.get(model, record_id)
        if row is None:
            table = getattr(model, "__tablename__", model.__name__)
            raise RecordNotFound(Message("db.not_found", what=Ref("record", table), id=record_id))
        return row

    def live_patient(self, session: Session, patient_id: int) -> Patient:
        """The patient, refusing new clinical records for an archived one."""
        patient = self.get(session, Patient, patient_id)
        if patient.archived_at is not None:
            raise InvalidInput([FieldError("patient", said("patient_archived"))])
        return patient

    @staticmethod
    def check_version(
        row: ClinicalRecord | Appointment | Practice,
        expected: int | None,
        yours: Payload | None = None,
    ) -> None:
        """Refuse an edit that started from an older version, with what was saved since
        (``yours``: the values the edit would save, to set beside theirs)."""
        if expected is not None and row.version != expected:
            from sqlalchemy.orm import object_session

            from cryolog.services.changed_elsewhere import other_change

            session = object_session(row)
            typed = yours.model_dump() if isinstance(yours, BaseModel) else yours
            other = other_change(session, row, expected, typed) if session else None
            raise StaleRecord(Message("db.stale"), other)

    def add_record(
        self, session: Session, row: ClinicalRecord, entity: str, patient_id: int
    ) -> None:
        """Insert a new clinical record and its audit row."""
        session.add(row)
        session.flush()
        audit.write(session, self.actor, "create", entity, row.id, patient_id)

    def archive_row(
        self, session: Session, row: ClinicalRecord, entity: str, patient_id: int, reason: str
    ) -> None:
        reason = check_reason(reason)
        if row.archived_at is not None:
            raise InvalidInput([FieldError("", said("already_archived"))])
        before = audit.snapshot(row)
        row.archived_at = utcnow()
        row.archive_reason = reason
        session.flush()
        audit.write(
            session, self.actor, "archive", entity, row.id, patient_id, before, reason=reason
        )
