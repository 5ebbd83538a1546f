"""Printed documents: the data each one shows, and the record of every copy generated.

The builders read one unit of work and return plain inputs for the renderers in
``cryolog.reports``; ``generate`` renders through a callable handed in by the caller
(the CLI or the GUI), so this layer never imports the renderers, and then ``record``
stores the exact PDF with its SHA-256 and an audit row in one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cryolog.db.models import (
    AdverseEvent,
    Assessment,
    Clearance,
    ColdTest,
    Consent,
    Course,
    Document,
    Patient,
    Practice,
    Screening,
    TreatmentSession,
)
from cryolog.domain.catalog import protocol
from cryolog.domain.documents import DOCUMENT_KINDS, MAX_PDF_BYTES, check_document
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.locale import WINDOW_LANGUAGES
from cryolog.domain.locale import current as current_locale
from cryolog.domain.schedule import course_schedule
from cryolog.domain.session_state import COUNTED_STATES
from cryolog.services import audit
from cryolog.services.base import Service
from cryolog.services.document_inputs import (
    AppointmentCardInput,
    ConsentFormInput,
    CourseSummaryInput,
    DocumentDTO,
    DocumentInput,
    HandoutInput,
    Renderer,
    ScreeningFormInput,
)
from cryolog.services.dto import (
    AdverseEventDTO,
    AssessmentDTO,
    ClearanceDTO,
    ColdTestDTO,
    ConsentDTO,
    CourseDTO,
    PracticeDTO,
    SessionDTO,
    from_row,
)
from cryolog.services.languages import check_handout_language
from cryolog.services.patients import patient_dto
from cryolog.services.record_reads import cold_test_dto, load_thresholds, screening_dto
from cryolog.services.session_rows import session_dto

if TYPE_CHECKING:
    from cryolog.services.appointments_dto import AppointmentDTO

Kind = Literal["course_summary", "handout", "consent", "screening", "appointment_card"]
COURSE_KINDS: tuple[str, ...] = ("course_summary", "handout")
__all__ = ["MAX_PDF_BYTES", "DocumentService", "sha256_of"]
Pre = TypeVar("Pre", Screening, Clearance, Consent)
COUNTED = [state.value for state in COUNTED_STATES]
"""Running and later sessions are printed; drafts (and abandoned ones) are not."""


def _visits(s: Session, patient_id: int) -> list[AppointmentDTO]:
    """The patient's booked visits (the calendar's reads are loaded by the documents that
    show them, not by every report)."""
    from cryolog.services.appointments_links import visits_for_patient

    return visits_for_patient(s, patient_id)


def sha256_of(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


def _language(s: Session, value: str | None, patient: Patient | None) -> str:
    """The document's language: the one asked for, else the patient's; one the database
    knows for handouts (the ``language`` table), else InvalidInput."""
    chosen = value or (patient.handout_language if patient else None) or "en"
    return check_handout_language(s, chosen)


def _latest(s: Session, model: type[Pre], patient_id: int, order: Any) -> Pre | None:
    """The newest live record of ``model`` for the patient."""
    stmt = (
        select(model)
        .where(model.patient_id == patient_id, model.archived_at.is_(None))
        .order_by(order, model.id.desc())
        .limit(1)
    )
    return s.scalars(stmt).first()


class DocumentService(Service):
    # --- what each document shows -------------------------------------------------------

    def course_summary(
        self, course_id: int, today: date | None = None, language: str | None = None
    ) -> CourseSummaryInput:
        """``language``: the practitioner's by default (the window's; English on the
        command line)."""
        chosen = language or current_locale().language
        if chosen not in WINDOW_LANGUAGES:
            raise InvalidInput([FieldError("language", said("one_of", choices="en, ru"))])
        with self.read() as s:
            course = self.get(s, Course, course_id)
            pid = course.patient_id
            sessions = self._course_sessions(s, course_id)
            thresholds = load_thresholds(s)
            screening = _latest(s, Screening, pid, Screening.screened_on.desc())
            clearance = _latest(s, Clearance, pid, Clearance.issued_on.desc())
            consent = _latest(s, Consent, pid, Consent.signed_on.desc())
            return CourseSummaryInput(
                practice=self._practice(s),
                patient=patient_dto(self.get(s, Patient, pid)),
                course=from_row(CourseDTO, course),
                sessions=sessions,
                screening=screening_dto(screening) if screening else None,
                clearance=from_row(ClearanceDTO, clearance) if clearance else None,
                consent=from_row(ConsentDTO, consent) if consent else None,
                consent_form_version=int(thresholds["consent_form_version"]),
                screening_valid_days=int(thresholds["screening_valid_days"]),
                cold_tests=self._cold_tests(s, pid),
                cold_pressor_max_rise_mmhg=float(thresholds["cold_pressor_max_rise_mmhg"]),
                adverse_events=self._adverse_events(s, course, sessions),
                assessments=self._assessments(s, course_id),
                generated_on=today or date.today(),
                language=chosen,
            )

    def handout(
        self, course_id: int, language: str | None = None, today: date | None = None
    ) -> HandoutInput:
        day = today or date.today()
        with self.read() as s:
            course = self.get(s, Course, course_id)
            patient = self.get(s, Patient, course.patient_id)
            lang = _language(s, language, patient)
            sessions = self._course_sessions(s, course_id)
            done = [x.session_date for x in sessions if not x.aborted]
            planned = course.planned_sessions
            if course.status == "open":
                plan = course_schedule(course.protocol_id, course.started_on, done, day, planned)
                planned = plan.sessions_planned
            return HandoutInput(
                practice=self._practice(s),
                patient=patient_dto(patient),
                course=from_row(CourseDTO, course),
                modality=sessions[-1].modality if sessions else _protocol_modality(course),
                sessions_done=len(done),
                sessions_planned=planned,
                visits=tuple(v.start for v in _visits(s, patient.id)),
                language=lang,
                generated_on=day,
            )

    def consent_form(
        self,
        patient_id: int,
        language: str | None = None,
        *,
        blank: bool = False,
        today: date | None = None,
    ) -> ConsentFormInput:
        """The consent form; ``blank`` leaves the patient's details to be written by hand."""
        with self.read() as s:
            patient = self.get(s, Patient, patient_id)
            consent = None if blank else _latest(s, Consent, patient_id, Consent.signed_on.desc())
            return ConsentFormInput(
                practice=self._practice(s),
                patient=None if blank else patient_dto(patient),
                form_version=int(load_thresholds(s)["consent_form_version"]),
                consent=from_row(ConsentDTO, consent) if consent else None,
                language=_language(s, language, patient),
                generated_on=today or date.today(),
            )

    def screening_form(
        self,
        patient_id: int,
        language: str | None = None,
        *,
        blank: bool = False,
        today: date | None = None,
    ) -> ScreeningFormInput:
        with self.read() as s:
            patient = self.get(s, Patient, patient_id)
            latest = (
                None if blank else _latest(s, Screening, patient_id, Screening.screened_on.desc())
            )
            return ScreeningFormInput(
                practice=self._practice(s),
                patient=patient_dto(patient),
                screening=screening_dto(latest) if latest else None,
                language=_language(s, language, patient),
                generated_on=today or date.today(),
            )

    def appointment_card(
        self, patient_id: int, language: str | None = None, today: date | None = None
    ) -> AppointmentCardInput:
        with self.read() as s:
            patient = self.get(s, Patient, patient_id)
            visits = _visits(s, patient_id)
            return AppointmentCardInput(
                practice=self._practice(s),
                patient=patient_dto(patient),
                visits=tuple((v.start, v.resource_name) for v in visits),
                language=_language(s, language, patient),
                generated_on=today or date.today(),
            )

    # --- generating and keeping copies ---------------------------------------------------

    def build(
        self, kind: str, target_id: int, *, language: str | None = None, blank: bool = False
    ) -> DocumentInput:
        """The input of document ``kind`` for a course (summary, handout) or a patient."""
        if kind == "course_summary":
            return self.course_summary(target_id, language=language)
        if kind == "handout":
            return self.handout(target_id, language)
        if kind == "consent":
            return self.consent_form(target_id, language, blank=blank)
        if kind == "screening":
            return self.screening_form(target_id, language, blank=blank)
        if kind == "appointment_card":
            return self.appointment_card(target_id, language)
        raise InvalidInput([FieldError("kind", said("one_of", choices=", ".join(DOCUMENT_KINDS)))])

    def generate(
        self,
        kind: str,
        target_id: int,
        render: Renderer,
        *,
        language: str | None = None,
        blank: bool = False,
        deliver: Callable[[bytes], None] | None = None,
    ) -> tuple[DocumentDTO, bytes]:
        """Build, render and record one document; returns the record and the PDF.

        ``deliver(pdf)`` (e.g. writing the file) runs before the document is recorded: when
        it fails, nothing is recorded."""
        data = self.build(kind, target_id, language=language, blank=blank)
        pdf = render(data)
        if deliver is not None:
            deliver(pdf)
        course_id = target_id if kind in COURSE_KINDS else None
        # Course documents name their patient; patient forms (even blank ones) belong to
        # the patient they were printed for.
        owner = data.patient.id if data.patient is not None else target_id
        return self.record(owner, course_id, kind, pdf, data.language), pdf

    def record(
        self, patient_id: int, course_id: int | None, kind: str, pdf: bytes, language: str
    ) -> DocumentDTO:
        """Keep the exact PDF in the patient's documents, with an audit row."""
        check_document(kind, pdf)
        with self.write() as s:
            check_handout_language(s, language)
            self.get(s, Patient, patient_id)
            if course_id is not None and self.get(s, Course, course_id).patient_id != patient_id:
                raise InvalidInput([FieldError("course_id", said("not_patient_course"))])
            row = Document(
                patient_id=patient_id,
                course_id=course_id,
                kind=kind,
                language=language,
                actor=self.actor,
                sha256=sha256_of(pdf),
                pdf=pdf,
            )
            s.add(row)
            s.flush()
            audit.write(s, self.actor, "generate", "document", row.id, patient_id)
            return _document_dto(row, len(pdf))

    def documents(self, patient_id: int) -> list[DocumentDTO]:
        """The patient's generated documents, newest first (without loading the PDFs)."""
        stmt = (
            select(Document, func.length(Document.pdf))
            .where(Document.patient_id == patient_id)
            .order_by(Document.id.desc())
        )
        with self.read() as s:
            self.get(s, Patient, patient_id)
            return [_document_dto(row, size) for row, size in s.execute(stmt)]

    def pdf(self, document_id: int) -> bytes:
        """The stored copy exactly as it was generated."""
        with self.read() as s:
            data: bytes = self.get(s, Document, document_id).pdf
            return data

    # --- helpers ---------------------------------------------------------------------------

    def _practice(self, s: Session) -> PracticeDTO:
        return from_row(PracticeDTO, self.get(s, Practice, 1))

    @staticmethod
    def _course_sessions(s: Session, course_id: int) -> tuple[SessionDTO, ...]:
        stmt = (
            select(TreatmentSession)
            .where(TreatmentSession.course_id == course_id, TreatmentSession.archived_at.is_(None))
            .where(TreatmentSession.state.in_(COUNTED))  # drafts are not yet a session
            .order_by(TreatmentSession.started_at, TreatmentSession.id)
        )
        return tuple(session_dto(r) for r in s.scalars(stmt))

    @staticmethod
    def _cold_tests(s: Session, patient_id: int) -> tuple[ColdTestDTO, ...]:
        stmt = (
            select(ColdTest)
            .where(ColdTest.patient_id == patient_id, ColdTest.archived_at.is_(None))
            .order_by(ColdTest.performed_on, ColdTest.id)
        )
        return tuple(cold_test_dto(r) for r in s.scalars(stmt))

    @staticmethod
    def _adverse_events(
        s: Session, course: Course, sessions: tuple[SessionDTO, ...]
    ) -> tuple[AdverseEventDTO, ...]:
        """Events of the course's sessions, and unlinked ones during the course."""
        ids = {x.id for x in sessions}
        stmt = (
            select(AdverseEvent)
            .where(AdverseEvent.patient_id == course.patient_id, AdverseEvent.archived_at.is_(None))
            .order_by(AdverseEvent.onset_on, AdverseEvent.id)
        )
        end = course.ended_on or date.max
        return tuple(
            from_row(AdverseEventDTO, r)
            for r in s.scalars(stmt)
            if r.session_id in ids
            or (r.session_id is None and course.started_on <= r.onset_on <= end)
        )

    @staticmethod
    def _assessments(s: Session, course_id: int) -> tuple[AssessmentDTO, ...]:
        stmt = (
            select(Assessment)
            .where(Assessment.course_id == course_id, Assessment.archived_at.is_(None))
            .order_by(Assessment.assessed_on, Assessment.id)
        )
        return tuple(from_row(AssessmentDTO, r) for r in s.scalars(stmt))


def _protocol_modality(course: Course) -> str | None:
    modalities = protocol(course.protocol_id).modalities
    return modalities[0] if modalities else None


def _document_dto(row: Document, size: int) -> DocumentDTO:
    return DocumentDTO(
        id=row.id,
        patient_id=row.patient_id,
        course_id=row.course_id,
        kind=row.kind,
        language=row.language,
        created_at=row.created_at,
        actor=row.actor,
        sha256=row.sha256,
        size=size,
    )
