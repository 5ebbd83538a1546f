"""One patient's record: header with live alerts, and tabs for every part of the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import locale as loc
from cryolog.domain.messages import Ref
from cryolog.services import Services
from cryolog.services.alerts import PatientAlerts
from cryolog.services.audit_history import HistoryPage
from cryolog.services.document_inputs import DocumentDTO
from cryolog.services.dto import PatientRecord
from cryolog.ui import session_kept
from cryolog.ui.changes import Change, hub
from cryolog.ui.dirty import DirtyTracked
from cryolog.ui.export_dialog import ExportDialog
from cryolog.ui.language import language_label
from cryolog.ui.patient_dialog import SEX_LABELS, PatientDialog
from cryolog.ui.read_only import ReadOnlyBanner, disable_for
from cryolog.ui.record.cold_tests_tab import ColdTestsTab
from cryolog.ui.record.common import SavingForm
from cryolog.ui.record.courses_tab import CoursesTab
from cryolog.ui.record.documents_tab import DocumentsTab
from cryolog.ui.record.header import PatientHeader
from cryolog.ui.record.history_model import HistoryModel
from cryolog.ui.record.history_table import HistoryTable
from cryolog.ui.record.outcomes_tab import OutcomesTab
from cryolog.ui.record.pretreatment_tab import build_pretreatment_tab, pretreatment_summary
from cryolog.ui.record.record_actions import RecordActions
from cryolog.ui.session_host import SessionHost
from cryolog.ui.session_panel import SessionPanel
from cryolog.ui.tasks import TaskRunner

FORM_KEYS = ("screening", "consent", "clearance", "ice", "pressor", "threshold", "course")


@dataclass(frozen=True)
class Loaded:
    record: PatientRecord
    alerts: PatientAlerts
    history: HistoryPage
    consent_version: int
    documents: list[DocumentDTO]
    thresholds: dict[str, float]


def load(services: Services, patient_id: int) -> Loaded:
    thresholds = services.practice.thresholds()
    return Loaded(
        services.records.patient_record(patient_id),
        services.alerts.alerts(patient_id),
        services.records.history_page(patient_id),
        int(thresholds["consent_form_version"]),
        services.documents.documents(patient_id),
        thresholds,
    )


class PatientRecordView(QWidget):
    """Reloads itself when the "changed" hub says its patient changed; asks before a form
    with unsaved changes is closed with it (``close_request``)."""

    loaded = Signal()
    title_changed = Signal(str)
    tab_chosen = Signal(int)  # the tab the practitioner went to (the next record opens there)

    def __init__(
        self, services: Services, runner: TaskRunner, patient_id: int, first_tab: int = 0
    ) -> None:
        super().__init__()
        self.services, self.patient_id = services, patient_id
        self.runner = runner
        self.data: Loaded | None = None
        self.patient_dialog: PatientDialog | None = None
        self.header = PatientHeader()
        self.header.edit_requested.connect(self.edit_patient)
        self.act = RecordActions(self)
        self.header.archive_requested.connect(self.act.archive_patient)
        self.header.export_requested.connect(self.export_record)
        self.export_dialog: ExportDialog | None = None
        self.tabs = QTabWidget()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(self.details.alignment().AlignTop)
        (self.pretreatment, self.screening, self.consent, self.clearance, self.pre_summary) = (
            build_pretreatment_tab(services, patient_id, 1)
        )
        self.cold_tests = ColdTestsTab(services, patient_id)
        self.courses = CoursesTab(services, patient_id)
        self.courses.new_session.connect(self.new_session)
        self.courses.amend_session.connect(self.act.amend_session)
        self.courses.archive_session.connect(self.act.archive_session)
        self.courses.close_course.connect(self.act.close_course)
        self.courses.void_course.connect(self.act.void_course)
        self.courses.course_document.connect(self.act.course_document)
        self.courses.book_visits.connect(self.book_visits)
        self.outcomes = OutcomesTab()
        self.chart = self.outcomes.chart
        self.outcomes.record_event.connect(self.act.record_event)
        self.outcomes.resolve_event.connect(self.act.resolve_event)
        self.outcomes.record_score.connect(self.act.record_score)
        self.documents = DocumentsTab()
        self.documents.make.connect(self.act.make_document)
        self.documents.reopen.connect(self.act.reopen)
        self.history = HistoryModel(self)
        self.history.older_wanted.connect(self._older_history)
        self.history_table = HistoryTable(self.history)
        for widget, title in (
            (self.details, self.tr("Details")),
            (self.pretreatment, self.tr("Screening && consent")),
            (self.cold_tests, self.tr("Cold tests")),
            (self.courses, self.tr("Courses && sessions")),
            (self.outcomes, self.tr("Outcomes && events")),
            (self.documents, self.tr("Documents")),
            (self.history_table, self.tr("History")),
        ):
            self.tabs.addTab(widget, title)
        labels = (
            "the screening questionnaire",
            "the consent",
            "the medical clearance",
            "the ice cube test",
            "the cold pressor test",
            "the temperature threshold test",
            "the new course",
        )
        for form, label in zip(self.editable_forms, labels, strict=True):
            form.lane = self.runner
            form.unsaved_label = label
            form.track()
        self.courses.open_form.change_kinds = ("course",)
        self.clearance.note_missing()
        self.banner = ReadOnlyBanner()
        self.session_host = SessionHost(self)
        self.courses.open_session.connect(self.session_host.open_session)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(self.session_host.strip)
        layout.addWidget(self.tabs, 1)
        self.apply_read_only()
        self.tabs.setCurrentIndex(first_tab)
        self.tabs.currentChanged.connect(self.tab_chosen)
        hub().changed.connect(self._changed)
        self.reload()

    @property
    def forms(self) -> tuple[SavingForm, ...]:
        return (self.screening, self.consent, self.clearance, *self.cold_tests.forms)

    @property
    def editable_forms(self) -> tuple[SavingForm, ...]:
        """Every form in the record's tabs that can hold unsaved typing."""
        return (*self.forms, self.courses.open_form)

    def read_only_reason(self) -> str:
        db = self.services.db
        return (db.read_only_reason or "The database is open read-only.") if db.read_only else ""

    def apply_read_only(self) -> None:
        """Browse and print only: every save is off, with the reason in its tooltip."""
        reason = self.read_only_reason()
        self.banner.show_reason(reason)
        for form in self.editable_forms:
            form.set_read_only(reason)
        self.courses.set_read_only(reason)
        self.outcomes.set_read_only(reason)
        self.session_host.set_read_only(reason)
        for button in (self.header.edit, self.header.archive):
            disable_for(button, reason)

    def _changed(self, change: Change) -> None:
        if change.concerns(self.patient_id):
            self.reload()

    def kept_typing(self) -> dict[str, dict[str, Any]]:
        """The fields of every form with unsaved changes, by form (for keeping aside),
        the session panel's typing not stored yet among them."""
        kept = {
            label: form.kept_state()
            for label, form in zip(FORM_KEYS, self.editable_forms, strict=True)
            if form.has_unsaved_changes()
        }
        session = self.session_host.kept_typing()
        if session is not None:
            kept[session_kept.KEY] = session
        return kept

    def restore_typing(self, kept: dict[str, dict[str, Any]]) -> None:
        """Put kept-aside typing back into the forms (once the record is on screen)."""
        for label, form in zip(FORM_KEYS, self.editable_forms, strict=True):
            if label in kept:
                form.restore_kept(kept[label])
        session = kept.get(session_kept.KEY)
        if isinstance(session, dict):
            self.session_host.restore_typing(session)

    def unsaved_forms(self) -> list[DirtyTracked]:
        """The forms (and an open dialog) of this record that hold unsaved changes."""
        found: list[DirtyTracked] = [f for f in self.editable_forms if f.has_unsaved_changes()]
        session = self.session_host.pending()
        if session is not None and session.has_unsaved_changes():
            found.append(session)
        for dialog in (self.act.dialog, self.patient_dialog):
            visible = isinstance(dialog, QWidget) and dialog.isVisible()
            if isinstance(dialog, DirtyTracked) and visible and dialog.has_unsaved_changes():
                found.append(dialog)
        return found

    def reload(self) -> None:
        services, pid = self.services, self.patient_id
        self.runner.submit(f"record:{pid}", lambda: load(services, pid), self._show, owner=self)

    def _show(self, data: Loaded) -> None:
        self.data = data
        record = data.record
        self.header.show_patient(record.patient)
        self.courses.new_session_button.setEnabled(record.patient.archived_at is None)
        self.header.alerts.show_alerts(data.alerts)
        self.details.setText(_details(record))
        self.pre_summary.setText(pretreatment_summary(record))
        self.cold_tests.show_tests(record.cold_tests, data.thresholds)
        self.courses.show_record(record)
        self.outcomes.show_record(record)
        self.documents.show_record(record, data.documents)
        self.history.show_page(data.history)
        self.consent.set_current_version(data.consent_version)
        self.clearance.note_missing()
        self.apply_read_only()
        self.session_host.show_record(record)
        self.title_changed.emit(self.session_host.title(record.patient.display_name))
        self.loaded.emit()

    def _older_history(self, before: int) -> None:
        services, pid = self.services, self.patient_id

        def shown(page: HistoryPage) -> None:
            self.history.add_older(before, page)

        def failed(exc: BaseException, details: str) -> None:
            from cryolog.ui.errors import show_error

            self.history.older_failed()
            show_error(self, self.tr("The older history could not be read"), exc, details)

        self.runner.query(
            f"history:{pid}",
            lambda: services.records.history_page(pid, before),
            shown,
            failed,
            self,
        )

    def book_visits(self, course_id: int) -> QWidget:
        from cryolog.ui.appointments.hooks import open_booking

        dialog = open_booking(self, self.services, self.runner, self.patient_id, course_id)
        dialog.booked.connect(lambda _: self.reload())
        return dialog

    @property
    def session_panel(self) -> SessionPanel | None:
        return self.session_host.panel

    def new_session(self, course_id: int | None = None) -> SessionPanel | None:
        return self.session_host.start(course_id)

    def edit_patient(self) -> None:
        if self.data is None:
            return
        dialog = PatientDialog(self.services, self.data.record.patient, self, self.runner)
        self.patient_dialog = dialog
        dialog.open()

    def export_record(self) -> ExportDialog | None:
        if self.data is None:
            return None
        dialog = ExportDialog(self.services, self.runner, self.data.record.patient, self)
        dialog.exported.connect(lambda _: self.reload())
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def has_unsaved_work(self) -> bool:
        return bool(self.unsaved_forms())


def _details(record: PatientRecord) -> str:
    p = record.patient
    height = f"{loc.window_locale().number(p.height_cm or 0)} {Ref('unit_sign', 'cm')}"
    weight = f"{loc.window_locale().number(p.weight_kg or 0)} {Ref('unit_sign', 'kg')}"
    language = language_label(p.handout_language)
    sex = SEX_LABELS.get(p.sex, p.sex)  # type: ignore[call-overload]
    rows = [
        (QCoreApplication.translate("PatientRecordView", "Name"), p.display_name),
        (
            QCoreApplication.translate("PatientRecordView", "Born"),
            p.birth_date.strftime("%d.%m.%Y"),
        ),
        (QCoreApplication.translate("PatientRecordView", "Sex"), sex),
        (QCoreApplication.translate("PatientRecordView", "Height"), height if p.height_cm else "—"),
        (QCoreApplication.translate("PatientRecordView", "Weight"), weight if p.weight_kg else "—"),
        (QCoreApplication.translate("PatientRecordView", "Phone"), p.phone or "—"),
        (QCoreApplication.translate("PatientRecordView", "E-mail"), p.email or "—"),
        (QCoreApplication.translate("PatientRecordView", "Address"), p.address or "—"),
        (QCoreApplication.translate("PatientRecordView", "Handout language"), language),
        (QCoreApplication.translate("PatientRecordView", "Notes"), p.notes or "—"),
    ]
    from html import escape

    cells = "".join(
        f"<tr><td style='color:#666;padding-right:16px'>{k}</td><td>{escape(str(v))}</td></tr>"
        for k, v in rows
    )
    return f"<table style='font-size:14px'>{cells}</table>"
