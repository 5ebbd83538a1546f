"""Open and close treatment courses."""

from __future__ import annotations

from cryolog.db.models import Course
from cryolog.domain.catalog import protocol
from cryolog.domain.enums import CourseStatus
from cryolog.domain.errors import FieldError, InvalidInput
from cryolog.domain.schemas import CourseCloseInput, CourseInput
from cryolog.services import audit
from cryolog.services.base import Payload, Service
from cryolog.services.dto import CourseDTO, from_row


def course_dto(row: Course) -> CourseDTO:
    return from_row(CourseDTO, row)


class CourseService(Service):
    def open_course(self, patient_id: int, data: Payload) -> CourseDTO:
        values = self.validate(CourseInput, data)
        planned = values.planned_sessions or protocol(values.protocol_id).sessions_max
        with self.write() as session:
            self.live_patient(session, patient_id)
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
            self.check_version(row, expected_version)
            if row.status != CourseStatus.OPEN.value:
                raise InvalidInput([FieldError("status", "This course is already closed.")])
            if values.ended_on < row.started_on:
                raise InvalidInput(
                    [
                        FieldError(
                            "ended_on",
                            f"{values.ended_on.isoformat()} is before the course started"
                            f" ({row.started_on.isoformat()})",
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
                audit.snapshot(row),
                values.reason,
            )
            return course_dto(row)

    def archive(self, course_id: int, reason: str) -> None:
        with self.write() as session:
            row = self.get(session, Course, course_id)
            self.archive_row(session, row, "course", row.patient_id, reason)
