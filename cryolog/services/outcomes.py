"""Record adverse events and outcome assessments."""

from __future__ import annotations

from collections.abc import Mapping

from cryolog.db.models import AdverseEvent, Assessment, Course, TreatmentSession
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.reasons import check_reason
from cryolog.domain.schemas import AdverseEventInput, AssessmentInput
from cryolog.services import audit
from cryolog.services.base import Payload, Service
from cryolog.services.dto import AdverseEventDTO, AssessmentDTO, from_row

_LARGEST_ID = 2**63 - 1
"""The largest id a database row can have (SQLite's and PostgreSQL's bigint)."""


class OutcomeService(Service):
    def record_adverse_event(self, patient_id: int, data: Payload) -> AdverseEventDTO:
        values = self.validate(AdverseEventInput, data)
        with self.write() as session:
            self.live_patient(session, patient_id)
            if values.session_id is not None:
                # an id no row can have is no session of this patient's either
                in_range = 0 < values.session_id <= _LARGEST_ID
                linked = session.get(TreatmentSession, values.session_id) if in_range else None
                if linked is None or linked.patient_id != patient_id:
                    raise InvalidInput([FieldError("session_id", said("not_patient_session"))])
            row = AdverseEvent(patient_id=patient_id, **values.model_dump())
            self.add_record(session, row, "adverse_event", patient_id)
            return from_row(AdverseEventDTO, row)

    def resolve_adverse_event(
        self,
        event_id: int,
        resolved_on: Payload,
        reason: str = "",
        *,
        expected_version: int | None = None,
    ) -> AdverseEventDTO:
        """Set the date an adverse event resolved (validated like a new event).

        Setting it the first time is the follow-up the event waited for; changing a date
        already recorded is a correction and needs a reason (``check_reason``)."""
        if not isinstance(resolved_on, Mapping) or set(resolved_on) - {"resolved_on"}:
            raise InvalidInput([FieldError("resolved_on", said("only_field_changes"))])
        with self.write() as session:
            row = self.get(session, AdverseEvent, event_id)
            self.check_version(row, expected_version, resolved_on)
            current = {c: getattr(row, c) for c in AdverseEventInput.model_fields}
            values = self.validate(AdverseEventInput, {**current, **dict(resolved_on)})
            if values.resolved_on == row.resolved_on:
                return from_row(AdverseEventDTO, row)
            if row.resolved_on is not None or reason.strip():
                reason = check_reason(reason)
            before = audit.snapshot(row)
            row.resolved_on = values.resolved_on
            audit.write(
                session,
                self.actor,
                "update",
                "adverse_event",
                row.id,
                row.patient_id,
                before,
                reason=reason.strip() or None,
            )
            return from_row(AdverseEventDTO, row)

    def record_assessment(self, patient_id: int, data: Payload) -> AssessmentDTO:
        values = self.validate(AssessmentInput, data)
        with self.write() as session:
            self.live_patient(session, patient_id)
            if values.course_id is not None:
                in_range = 0 < values.course_id <= _LARGEST_ID
                course = session.get(Course, values.course_id) if in_range else None
                if course is None or course.patient_id != patient_id:
                    raise InvalidInput([FieldError("course_id", said("not_patient_course"))])
            row = Assessment(patient_id=patient_id, **values.model_dump())
            self.add_record(session, row, "assessment", patient_id)
            return from_row(AssessmentDTO, row)
