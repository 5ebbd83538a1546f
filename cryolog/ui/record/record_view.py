"""One patient's record: header with live alerts, and tabs for every part of the record."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cryolog.services import Services
from cryolog.services.alerts import PatientAlerts
from cryolog.services.document_inputs import DocumentDTO
from cryolog.services.dto import AuditEntryDTO, PatientRecord
from cryolog.ui.models import RowsModel
from cryolog.ui.patient_dialog import SEX_LABELS, PatientDialog
from cryolog.ui.record.cold_tests_tab import ColdTestsTab
from cryolog.ui.record.common import SavingForm
from cryolog.ui.record.courses_tab import CoursesTab
from cryolog.ui.record.documents_tab import DocumentsTab
from cryolog.ui.record.form_dialog import FormDialog
from cryolog.ui.record.header import PatientHeader
from cryolog.ui.record.history_tab import HISTORY_COLUMNS
from cryolog.ui.record.outcomes_tab import OutcomesTab
from cryolog.ui.record.pretreatment_tab import build_pretreatment_tab, pretreatment_summary
from cryolog.ui.record.record_actions import RecordActions
from cryolog.ui.session_host import SessionHost
from cryolog.ui.session_panel import SessionPanel
from cryolog.ui.tasks import TaskRunner


@dataclass(frozen=True)
class Loaded:
    record: PatientRecord
    alerts: PatientAlerts
    history: list[AuditEntryDTO]
    consent_version: int
    documents: list[DocumentDTO]
    thresholds: dict[str, float]


def load(services: Services, patient_id: int) -> Loaded:
    thresholds = services.practice.thresholds()
    return Loaded(
        services.records.patient_record(patient_id),
        services.alerts.alerts(patient_id),
        services.records.history(patient_id),
        int(thresholds["consent_form_version"]),
        services.documents.documents(patient_id),
        thresholds,
    )


class PatientRecordView(QWidget):
    loaded = Signal()
    title_changed = Signal(str)
    patient_changed = Signal()  # details edited, archived or restored: lists may change

    def __init__(self, services: Services, runner: TaskRunner, patient_id: int) -> None:
        super().__init__()
        self.services, self.runner, self.patient_id = services, runner, patient_id
        self.data: Loaded | None = None
        self.patient_dialog: PatientDialog | None = None
        self.header = PatientHeader()
        self.header.edit_requested.connect(self.edit_patient)
        self.act = RecordActions(self)
        self.header.archive_requested.connect(self.act.archive_patient)
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
        self.courses.course_document.connect(self.act.course_document)
        self.outcomes = OutcomesTab()
        self.chart = self.outcomes.chart
        self.outcomes.record_event.connect(self.act.record_event)
        self.outcomes.resolve_event.connect(self.act.resolve_event)
        self.outcomes.record_score.connect(self.act.record_score)
        self.documents = DocumentsTab()
        self.documents.make.connect(self.act.make_document)
        self.documents.reopen.connect(self.act.reopen)
        self.history: RowsModel[AuditEntryDTO] = RowsModel(HISTORY_COLUMNS, self)
        self.history_table = QTableView()
        self.history_table.setModel(self.history)
        self.history_table.verticalHeader().hide()
        self.history_table.setWordWrap(True)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        for widget, title in (
            (self.details, "Details"),
            (self.pretreatment, "Screening && consent"),
            (self.cold_tests, "Cold tests"),
            (self.courses, "Courses && sessions"),
            (self.outcomes, "Outcomes && events"),
            (self.documents, "Documents"),
            (self.history_table, "History"),
        ):
            self.tabs.addTab(widget, title)
        for form in (
            self.screening,
            self.consent,
            self.clearance,
            *self.cold_tests.forms,
            self.courses.open_form,
        ):
            form.saved.connect(self.reload)
        self.session_host = SessionHost(self)
        self.courses.open_session.connect(self.session_host.open_session)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.session_host.strip)
        layout.addWidget(self.tabs, 1)
        self.reload()

    @property
    def forms(self) -> tuple[SavingForm, ...]:
        return (self.screening, self.consent, self.clearance, *self.cold_tests.forms)

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
        self.history.set_rows(data.history)
        self.history_table.resizeRowsToContents()
        if not self.consent.dirty_version:
            self.consent.version.setValue(data.consent_version)
            self.consent.dirty_version = False
        self.session_host.show_record(record)
        self.title_changed.emit(self.session_host.title(record.patient.display_name))
        self.loaded.emit()

    @property
    def session_panel(self) -> SessionPanel | None:
        return self.session_host.panel

    def new_session(self, course_id: int | None = None) -> SessionPanel | None:
        return self.session_host.start(course_id)

    def edit_patient(self) -> None:
        if self.data is None:
            return
        dialog = PatientDialog(self.services, self.data.record.patient, self)
        dialog.saved.connect(lambda _: self.reload())
        dialog.saved.connect(lambda _: self.patient_changed.emit())
        self.patient_dialog = dialog
        dialog.open()

    def has_unsaved_work(self) -> bool:
        if self.session_host.unsaved():
            return True
        form = self.act.dialog
        return isinstance(form, FormDialog) and form.isVisible() and form.dirty


def _details(record: PatientRecord) -> str:
    p = record.patient
    rows = [
        ("Name", p.display_name),
        ("Born", p.birth_date.strftime("%d.%m.%Y")),
        ("Sex", SEX_LABELS.get(p.sex, p.sex)),  # type: ignore[call-overload]
        ("Height", f"{p.height_cm:g} cm" if p.height_cm else "—"),
        ("Weight", f"{p.weight_kg:g} kg" if p.weight_kg else "—"),
        ("Phone", p.phone or "—"),
        ("E-mail", p.email or "—"),
        ("Address", p.address or "—"),
        ("Handout language", p.handout_language),
        ("Notes", p.notes or "—"),
    ]
    from html import escape

    cells = "".join(
        f"<tr><td style='color:#666;padding-right:16px'>{k}</td><td>{escape(str(v))}</td></tr>"
        for k, v in rows
    )
    return f"<table style='font-size:14px'>{cells}</table>"
