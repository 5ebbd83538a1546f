"""Register, edit, archive and restore patients."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from cryolog.db.models import Patient, PatientNameToken
from cryolog.domain.reasons import check_reason
from cryolog.domain.schemas import PatientInput
from cryolog.domain.text import digits, fold, name_tokens
from cryolog.services import audit
from cryolog.services.base import Payload, Service
from cryolog.services.dto import PatientDTO, from_row


def patient_dto(row: Patient) -> PatientDTO:
    return from_row(PatientDTO, row)


def search_columns(family: str, given: str, middle: str, phone: str) -> dict[str, str]:
    """The derived search columns of a patient row."""
    phone_digits = digits(phone)
    return {
        "search_name": fold(" ".join((family, given, middle))),
        "phone_digits": phone_digits,
        "phone_digits_rev": phone_digits[::-1],
    }


def refresh_search_keys(session: Session, row: Patient) -> None:
    """Rewrite the derived search columns and name tokens of a flushed patient row."""
    for key, value in search_columns(
        row.family_name, row.given_name, row.middle_name, row.phone
    ).items():
        setattr(row, key, value)
    session.execute(delete(PatientNameToken).where(PatientNameToken.patient_id == row.id))
    tokens = name_tokens(row.family_name, row.given_name, row.middle_name)
    session.add_all(PatientNameToken(patient_id=row.id, token=t) for t in sorted(tokens))


class PatientService(Service):
    def register(self, data: Payload) -> PatientDTO:
        values = self.validate(PatientInput, data)
        with self.write() as session:
            row = Patient(**values.model_dump())
            session.add(row)
            session.flush()
            refresh_search_keys(session, row)
            session.flush()
            audit.write(session, self.actor, "create", "patient", row.id, row.id)
            return patient_dto(row)

    def edit(
        self,
        patient_id: int,
        data: Payload,
        *,
        expected_version: int | None = None,
        reason: str = "",
    ) -> PatientDTO:
        """Change a patient's details; a change needs a reason (``check_reason``)."""
        values = self.validate(PatientInput, data)
        with self.write() as session:
            row = self.get(session, Patient, patient_id)
            self.check_version(row, expected_version)
            before = audit.snapshot(row)
            for key, value in values.model_dump().items():
                setattr(row, key, value)
            after = audit.snapshot(row)
            if after == before:
                return patient_dto(row)
            reason = check_reason(reason)
            refresh_search_keys(session, row)
            session.flush()
            audit.write(
                session,
                self.actor,
                "update",
                "patient",
                row.id,
                row.id,
                before,
                reason=reason,
            )
            return patient_dto(row)

    def archive(self, patient_id: int, reason: str) -> PatientDTO:
        with self.write() as session:
            row = self.get(session, Patient, patient_id)
            self.archive_row(session, row, "patient", row.id, reason)
            return patient_dto(row)

    def restore(self, patient_id: int, reason: str = "") -> PatientDTO:
        reason = check_reason(reason)
        with self.write() as session:
            row = self.get(session, Patient, patient_id)
            before = audit.snapshot(row)
            row.archived_at = None
            row.archive_reason = None
            session.flush()
            audit.write(
                session,
                self.actor,
                "restore",
                "patient",
                row.id,
                row.id,
                before,
                reason=reason,
            )
            return patient_dto(row)

    def get_patient(self, patient_id: int) -> PatientDTO:
        with self.read() as session:
            return patient_dto(self.get(session, Patient, patient_id))
