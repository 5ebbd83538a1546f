"""Read a patient's whole record and history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select

from cryolog.db.models import (
    AdverseEvent,
    Assessment,
    Clearance,
    ColdTest,
    Consent,
    Course,
    Patient,
    Screening,
)
from cryolog.services.audit_history import PAGE_SIZE, HistoryPage, history_page, patient_history
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
from cryolog.services.record_reads import cold_test_dto, screening_dto
from cryolog.services.session_read import patient_sessions

T = TypeVar("T")


def _dto(cls: type[T]) -> Callable[[Any], T]:
    return lambda row: from_row(cls, row)


def _newest_first(model: Any, patient_id: int, *order: Any) -> Any:
    return select(model).where(model.patient_id == patient_id).order_by(*order, model.id.desc())


class RecordService(Service):
    def patient_record(self, patient_id: int) -> PatientRecord:
        with self.read() as s:
            patient = self.get(s, Patient, patient_id)

            def rows(model: Any, order: Any, convert: Callable[[Any], T]) -> tuple[T, ...]:
                stmt = _newest_first(model, patient_id, order)
                return tuple(convert(r) for r in s.scalars(stmt))

            return PatientRecord(
                patient=patient_dto(patient),
                screenings=rows(Screening, Screening.screened_on.desc(), screening_dto),
                clearances=rows(Clearance, Clearance.issued_on.desc(), _dto(ClearanceDTO)),
                consents=rows(Consent, Consent.signed_on.desc(), _dto(ConsentDTO)),
                cold_tests=rows(ColdTest, ColdTest.performed_on.desc(), cold_test_dto),
                courses=rows(Course, Course.started_on.desc(), _dto(CourseDTO)),
                sessions=patient_sessions(s, patient_id),
                adverse_events=rows(
                    AdverseEvent, AdverseEvent.onset_on.desc(), _dto(AdverseEventDTO)
                ),
                assessments=rows(Assessment, Assessment.assessed_on.desc(), _dto(AssessmentDTO)),
            )

    def history(self, patient_id: int, limit: int = 1000) -> list[AuditEntryDTO]:
        """The audit trail of one patient, newest first."""
        with self.read() as s:
            return patient_history(s, patient_id, limit)

    def history_page(
        self, patient_id: int, before: int | None = None, size: int = PAGE_SIZE
    ) -> HistoryPage:
        """One page of the audit trail, newest first, keyed on the entry id: ``before`` is
        the previous page's ``older`` (None for the newest page)."""
        with self.read() as s:
            return history_page(s, patient_id, before, size)
