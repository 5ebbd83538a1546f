"""What the record's buttons do: dialogs for amending, archiving, closing, recording events
and scores, and generating documents. Each reloads the record once the database has it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from cryolog.domain import locale as loc
from cryolog.services.document_inputs import DocumentDTO
from cryolog.services.dto import AdverseEventDTO, CourseDTO, PatientRecord, SessionDTO
from cryolog.ui.changes import PATIENT, Change, hub
from cryolog.ui.documents import DocumentDialog, DocumentLauncher
from cryolog.ui.errors import show_error
from cryolog.ui.reason_dialog import ReasonDialog
from cryolog.ui.record.course_close import CloseCourseDialog
from cryolog.ui.record.form_dialog import FormDialog
from cryolog.ui.record.outcome_dialogs import (
    AdverseEventDialog,
    AssessmentDialog,
    ResolveEventDialog,
    course_label,
)

if TYPE_CHECKING:
    from cryolog.ui.record.record_view import PatientRecordView
    from cryolog.ui.session_panel import SessionPanel


class RecordActions:
    """Owned by one record view; ``dialog`` is the last dialog opened (for tests)."""

    def __init__(self, view: PatientRecordView) -> None:
        self.view = view
        self.dialog: QDialog | None = None
        self.error_box: QWidget | None = None
        services = view.services
        self.launcher = DocumentLauncher(
            view,
            services.db,
            services.actor,
            lambda: view.data.record.patient.display_name if view.data else "",
        )
        self.launcher.opened.connect(self._document_opened)
        self.launcher.failed.connect(lambda _: view.documents.status.clear())
        self.previews: list[DocumentDialog] = []

    @property
    def record(self) -> PatientRecord | None:
        return self.view.data.record if self.view.data else None

    def _open(self, dialog: QDialog) -> QDialog:
        """Open a form dialog that saves on the record's lane (the hub reloads the record)."""
        if isinstance(dialog, FormDialog):
            dialog.lane = self.view.runner
            dialog.patient_id = self.view.patient_id  # type: ignore[attr-defined]
            reason = self.view.read_only_reason()
            if reason:
                dialog.ok.setEnabled(False)
                dialog.ok.setToolTip(reason)
        self.dialog = dialog
        dialog.open()
        return dialog

    # sessions and courses -------------------------------------------------------------

    def amend_session(self, session: SessionDTO) -> SessionPanel | None:
        """A signed session opens in the record's session panel to be amended."""
        return self.view.session_host.amend(session)

    def archive_session(self, session: SessionDTO) -> ReasonDialog:
        when = session.started_at.astimezone().strftime("%d.%m.%Y %H:%M")
        dialog = ReasonDialog(
            QCoreApplication.translate("RecordActions", "Archive a session"),
            QCoreApplication.translate(
                "RecordActions",
                "Archive the session of {0}? Use this for a session entered "
                "in error; it stays in the history but no longer counts in "
                "the course.",
            ).format(when),
            QCoreApplication.translate("RecordActions", "Archive session"),
            self.view,
        )
        sessions = self.view.services.sessions
        dialog.accepted.connect(
            lambda: self._call(lambda: sessions.archive(session.id, dialog.reason()), "session")
        )
        return self._show(dialog)

    def void_course(self, course: CourseDTO) -> ReasonDialog:
        label = course_label(course)
        dialog = ReasonDialog(
            QCoreApplication.translate("RecordActions", "Void a course"),
            QCoreApplication.translate(
                "RecordActions",
                "Void the course {0}? Use this for a course opened by "
                "mistake: it is kept, with the reason, but leaves the lists "
                "and documents.",
            ).format(label),
            QCoreApplication.translate("RecordActions", "Void course"),
            self.view,
        )
        courses = self.view.services.courses

        def offer(_voided: object) -> None:  # booked visits of a voided course: cancel them?
            from cryolog.ui.appointments.hooks import offer_cancel_future

            v = self.view
            why = "The course was voided"
            offer_cancel_future(v, v.services, v.runner, course_id=course.id, why=why)

        dialog.accepted.connect(
            lambda: self._call(
                lambda: courses.void_course(
                    course.id, dialog.reason(), expected_version=course.version
                ),
                "course",
                offer,
            )
        )
        return self._show(dialog)

    def close_course(self, course: CourseDTO) -> QDialog:
        from cryolog.ui.appointments.hooks import offer_cancel_future

        dialog = CloseCourseDialog(self.view.services, course, self.view)
        dialog.saved.connect(
            lambda _: offer_cancel_future(
                self.view,
                self.view.services,
                self.view.runner,
                course_id=course.id,
                why="The course was closed",
            )
        )
        return self._open(dialog)

    # outcomes ---------------------------------------------------------------------------

    def record_event(self) -> QDialog | None:
        record = self.record
        if record is None:
            return None
        pid = record.patient.id
        return self._open(AdverseEventDialog(self.view.services, pid, record.sessions, self.view))

    def resolve_event(self, event: AdverseEventDTO) -> QDialog:
        return self._open(ResolveEventDialog(self.view.services, event, self.view))

    def record_score(self) -> QDialog | None:
        record = self.record
        if record is None:
            return None
        course = self.view.courses.selected_course()
        return self._open(
            AssessmentDialog(
                self.view.services, record.patient.id, record.courses, course, self.view
            )
        )

    # the patient ------------------------------------------------------------------------

    def archive_patient(self, archive: bool) -> ReasonDialog | None:
        record = self.record
        if record is None:
            return None
        name, pid = record.patient.display_name, record.patient.id
        patients = self.view.services.patients
        if archive:
            dialog = ReasonDialog(
                QCoreApplication.translate("RecordActions", "Archive patient"),
                QCoreApplication.translate(
                    "RecordActions",
                    "Archive {0}? The record is kept but leaves the patient list "
                    "and no new sessions can be recorded until it is restored.",
                ).format(name),
                QCoreApplication.translate("RecordActions", "Archive patient"),
                self.view,
            )
            dialog.accepted.connect(
                lambda: self._call(lambda: patients.archive(pid, dialog.reason()), PATIENT)
            )
            dialog.accepted.connect(lambda: self._offer_cancel(pid, dialog.reason()))
        else:
            dialog = ReasonDialog(
                QCoreApplication.translate("RecordActions", "Restore patient"),
                QCoreApplication.translate(
                    "RecordActions", "Restore {0} to the patient list?"
                ).format(name),
                QCoreApplication.translate("RecordActions", "Restore"),
                self.view,
            )
            dialog.accepted.connect(
                lambda: self._call(lambda: patients.restore(pid, dialog.reason()), PATIENT)
            )
        return self._show(dialog)

    # documents --------------------------------------------------------------------------

    def make_document(self, kind: str, target_id: int, language: str, blank: bool) -> None:
        """Generate, record and preview on the worker; the list reloads when it is kept.
        A course summary is written in a window language only (English, Russian): for a
        patient whose documents are in another (German) it is the practitioner's."""
        if kind == "course_summary" and language not in loc.WINDOW_LANGUAGES:
            language = ""
        self.view.documents.status.setText(
            QCoreApplication.translate("RecordActions", "Preparing the document…")
        )
        self.launcher.generate(kind, target_id, language=language or None, blank=blank)

    def course_document(self, kind: str, course_id: int) -> None:
        self.view.documents.select_course(course_id)
        self.make_document(kind, course_id, self.view.documents.language.currentData(), False)

    def reopen(self, document: DocumentDTO) -> None:
        self.launcher.open_stored(document)

    def _document_opened(self, dialog: DocumentDialog) -> None:
        self.view.documents.status.clear()
        self.previews = [d for d in self.previews if shiboken6.isValid(d)] + [dialog]
        hub().announce(Change.of("document", self.view.patient_id))

    # helpers ----------------------------------------------------------------------------

    def _show(self, dialog: ReasonDialog) -> ReasonDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def _offer_cancel(self, patient_id: int, reason: str) -> None:
        from cryolog.ui.appointments.hooks import offer_cancel_future

        offer_cancel_future(
            self.view, self.view.services, self.view.runner, patient_id=patient_id, why=reason
        )

    def _call(
        self,
        work: Callable[[], object],
        kind: str = "record",
        then: Callable[[object], None] | None = None,
    ) -> None:
        """Run a write on the record's lane; the hub tells the open views; ``then(result)``
        once it is in the database."""

        def failed(exc: BaseException, details: str) -> None:
            self.error_box = show_error(
                self.view, QCoreApplication.translate("RecordActions", "Not saved"), exc, details
            )

        self.view.runner.save(
            work,
            then or (lambda _result: None),
            change=Change.of(kind, self.view.patient_id),
            on_error=failed,
        )
