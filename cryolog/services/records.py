"""Read a patient's whole record and history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from cryolog.db.models import (
    AdverseEvent,
    Assessment,
    AuditEntry,
    Clearance,
    ColdTest,
    Consent,
    Course,
    Patient,
    Screening,
    TreatmentSession,
)
from cryolog.services.base import Service
from cryolog.services.dto import (
    AdverseEventDTO,
    AssessmentDTO,
    AuditEntryDTO,
    ClearanceDTO,
    ConsentDTO,
    CourseDTO,
    PatientRecord,
    from_row,
)
from cryolog.services.patients import patient_dto
from cryolog.services.pretreatment import cold_test_dto, screening_dto
from cryolog.services.sessions import session_dto


def _newest_first(model: Any, patient_id: int, *order: Any) -> Any:
    return select(model).where(model.patient_id == patient_id).order_by(*order, model.id.desc())


class RecordService(Service):
    def patient_record(self, patient_id: int) -> PatientRecord:
        with self.db.read() as s:
            patient = self.get(s, Patient, patient_id)
            q = _newest_first
            return PatientRecord(
                patient=patient_dto(patient),
                screenings=tuple(
                    screening_dto(r)
                    for r in s.scalars(q(Screening, patient_id, Screening.screened_on.desc()))
                ),
                clearances=tuple(
                    from_row(ClearanceDTO, r)
                    for r in s.scalars(q(Clearance, patient_id, Clearance.issued_on.desc()))
                ),
                consents=tuple(
                    from_row(ConsentDTO, r)
                    for r in s.scalars(q(Consent, patient_id, Consent.signed_on.desc()))
                ),
                cold_tests=tuple(
                    cold_test_dto(r)
                    for r in s.scalars(q(ColdTest, patient_id, ColdTest.performed_on.desc()))
                ),
                courses=tuple(
                    from_row(CourseDTO, r)
                    for r in s.scalars(q(Course, patient_id, Course.started_on.desc()))
                ),
                sessions=tuple(
                    session_dto(r)
                    for r in s.scalars(
                        q(TreatmentSession, patient_id, TreatmentSession.started_at.desc())
                    )
                ),
                adverse_events=tuple(
                    from_row(AdverseEventDTO, r)
                    for r in s.scalars(q(AdverseEvent, patient_id, AdverseEvent.onset_on.desc()))
                ),
                assessments=tuple(
                    from_row(AssessmentDTO, r)
                    for r in s.scalars(q(Assessment, patient_id, Assessment.assessed_on.desc()))
                ),
            )

    def history(self, patient_id: int, limit: int = 1000) -> list[AuditEntryDTO]:
        """The audit trail of one patient, newest first."""
        stmt = (
            select(AuditEntry)
            .where(AuditEntry.patient_id == patient_id)
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        )
        with self.db.read() as s:
            return [from_row(AuditEntryDTO, r) for r in s.scalars(stmt)]
