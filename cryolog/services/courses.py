"""Open and close treatment courses."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cryolog.db.models import Course, TreatmentSession
from cryolog.db.types import utcnow
from cryolog.domain.catalog import protocol
from cryolog.domain.enums import CourseStatus
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.reasons import check_reason
from cryolog.domain.schemas import CourseCloseInput, CourseInput
from cryolog.domain.session_state import COUNTED_STATES, SessionState
from cryolog.services import audit
from cryolog.services.base import Payload, Service
from cryolog.services.dto import CourseDTO, from_row
from cryolog.services.duplicates import PossibleDuplicateCourse, open_courses_like
from cryolog.services.session_flow import abandon_row


def course_dto(row: Course) -> CourseDTO:
    return from_row(CourseDTO, row)


class CourseService(Service):
    def open_course(
        self, patient_id: int, data: Payload, *, allow_duplicate: bool = False
    ) -> CourseDTO:
        """Open a course. Unless ``allow_duplicate``, an open course of the same protocol
        stops it with PossibleDuplicateCourse (opened twice by mistake?)."""
        values = self.validate(CourseInput, data)
        planned = values.planned_sessions or protocol(values.protocol_id).sessions_max
        with self.write() as session:
            self.live_patient(session, patient_id)
            same = open_courses_like(session, patient_id, values.protocol_id)
            if same and not allow_duplicate:
                raise PossibleDuplicateCourse(same)
            row = Course(
                patient_id=patient_id,
                status=CourseStatus.OPEN.value,
                **values.model_dump(exclude={"planned_sessions"}),
                planned_sessions=planned,
            )
            self.add_record(session, row, "course", patient_id)
            return course_dto(row)

    def close_course(
        self, course_id: int, data: Payload, *, expected_version: int | None = None
    ) -> CourseDTO:
        values = self.validate(CourseCloseInput, data)
        with self.write() as session:
            row = self.get(session, Course, course_id)
            self.check_version(row, expected_version, values)
            if row.status != CourseStatus.OPEN.value:
                raise InvalidInput([FieldError("status", said("course_already_closed"))])
            if values.ended_on < row.started_on:
                raise InvalidInput(
                    [
                        FieldError(
                            "ended_on",
                            said("ended_before_start", day=values.ended_on, started=row.started_on),
                        )
                    ]
                )
            before = audit.snapshot(row)
            row.status = values.status.value
            row.ended_on = values.ended_on
            session.flush()
            audit.write(
                session,
                self.actor,
                "close",
                "course",
                row.id,
                row.patient_id,
                before,
                reason=values.reason,
            )
            return course_dto(row)

    def archive(self, course_id: int, reason: str) -> None:
        with self.write() as session:
            row = self.get(session, Course, course_id)
            self.archive_row(session, row, "course", row.patient_id, reason)

    def void_course(
        self, course_id: int, reason: str, *, expected_version: int | None = None
    ) -> CourseDTO:
        """A course opened by mistake: kept, with the reason, but hidden from the lists and
        documents. Only while no session of it has run (a running, completed or signed
        one); its drafts are abandoned with the same reason, in the same transaction."""
        reason = check_reason(reason)
        with self.write() as session:
            row = self.get(session, Course, course_id)
            self.check_version(row, expected_version, {"archive_reason": reason})
            if row.archived_at is not None:
                raise InvalidInput([FieldError("", said("course_already_voided"))])
            if recorded_sessions(session, course_id):
                raise InvalidInput([FieldError("", said("course_has_sessions"))])
            for draft in course_drafts(session, course_id):
                abandon_row(session, self.actor, draft, reason)
            before = audit.snapshot(row)
            row.archived_at = utcnow()
            row.archive_reason = reason
            session.flush()
            audit.write(
                session,
                self.actor,
                "void",
                "course",
                row.id,
                row.patient_id,
                before,
                reason=reason,
            )
            return course_dto(row)


def recorded_sessions(session: Session, course_id: int) -> int:
    """Live sessions of the course that ran (running, completed or signed); a draft or an
    abandoned one is not a recorded session."""
    stmt = select(func.count()).where(
        TreatmentSession.course_id == course_id,
        TreatmentSession.archived_at.is_(None),
        TreatmentSession.state.in_([s.value for s in COUNTED_STATES]),
    )
    return int(session.scalar(stmt) or 0)


def course_drafts(session: Session, course_id: int) -> list[TreatmentSession]:
    return list(
        session.scalars(
            select(TreatmentSession).where(
                TreatmentSession.course_id == course_id,
                TreatmentSession.archived_at.is_(None),
                TreatmentSession.state == SessionState.DRAFT.value,
            )
        )
    )
