"""One patient's record: header with live alerts, and tabs for every part of the record."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
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
from cryolog.ui.record.courses_tab import CoursesTab
from cryolog.ui.record.documents_tab import DocumentsTab
from cryolog.ui.record.header import PatientHeader
from cryolog.ui.record.history_model import HistoryModel
from cryolog.ui.record.history_table import HistoryTable
from cryolog.ui.record.lazy_tabs import LazyTabs
from cryolog.ui.record.outcomes_tab import OutcomesTab
from cryolog.ui.record.pretreatment_tab import (
    ClearanceForm,
    ConsentForm,
    ScreeningForm,
    pretreatment_summary,
)
from cryolog.ui.record.record_actions import RecordActions
from cryolog.ui.record.record_tabs import FORM_KEYS, RecordTabs
from cryolog.ui.session_host import SessionHost
from cryolog.ui.session_panel import SessionPanel
from cryolog.ui.tasks import TaskRunner

PAINT_WAIT_S = 0.25
"""The longest the rest of a record waits for the tab shown to be painted."""
ALL_PARTS = frozenset({"history", "documents"})
"""The parts of a record read after the tab shown, unless that tab shows them."""


@dataclass(frozen=True)
class Loaded:
    """What the record view shows. ``history`` and ``documents`` are None until read: they
    are read first only when their tab is the one shown, else right after it is painted."""

    record: PatientRecord
    alerts: PatientAlerts
    history: HistoryPage | None
    consent_version: int
    documents: list[DocumentDTO] | None
    thresholds: dict[str, float]

    @property
    def complete(self) -> bool:
        return self.history is not None and self.documents is not None


def load(services: Services, patient_id: int, first: frozenset[str] = ALL_PARTS) -> Loaded:
    """The record, its alerts and the practice's limits in one read (one snapshot), with
    the ``first`` of the later parts ("history", "documents")."""
    with services.db.read() as session:
        bound = replace(services, session=session)
        thresholds = bound.practice.thresholds()
        return Loaded(
            bound.records.patient_record(patient_id),
            bound.alerts.alerts(patient_id),
            bound.records.history_page(patient_id) if "history" in first else None,
            int(thresholds["consent_form_version"]),
            bound.documents.documents(patient_id) if "documents" in first else None,
            thresholds,
        )


def load_rest(services: Services, patient_id: int, shown: Loaded) -> Loaded:
    """``shown`` with the parts it lacks read now (in one read)."""
    with services.db.read() as session:
        bound = replace(services, session=session)
        history = shown.history or bound.records.history_page(patient_id)
        documents = shown.documents
        if documents is None:
            documents = bound.documents.documents(patient_id)
    return replace(shown, history=history, documents=documents)


_AFTER_PAINT = QEvent.Type(QEvent.registerEventType())


class AfterPaint(QObject):
    """Calls ``then`` once the window has painted what it was asked to: an event posted
    with the low priority of Qt's own paint requests is handled after those already
    asked (a zero timer came before them, and the rest of a record was read while the
    tab shown was being painted)."""

    def __init__(self, parent: QObject, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self.then = then
        QCoreApplication.postEvent(
            self, QEvent(_AFTER_PAINT), Qt.EventPriority.LowEventPriority.value
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == _AFTER_PAINT:
            self.then()
            self.deleteLater()
            return True
        return super().event(event)


class PatientRecordView(RecordTabs, QWidget):
    """Reloads itself when the "changed" hub says its patient changed; asks before a form
    with unsaved changes is closed with it (``close_request``)."""

    loaded = Signal()  # everything read and shown
    tab_loaded = Signal()  # the header and the tab shown have their data (the rest follows)
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
        self.lazy = LazyTabs(self.tabs)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(self.details.alignment().AlignTop)
        self._pretreatment: (
            tuple[QWidget, ScreeningForm, ConsentForm, ClearanceForm, QLabel] | None
        ) = None
        self._cold_tests: ColdTestsTab | None = None
        self._courses: CoursesTab | None = None
        self._outcomes: OutcomesTab | None = None
        self._documents: DocumentsTab | None = None
        self._history_table: HistoryTable | None = None
        self.history = HistoryModel(self)
        self.history.older_wanted.connect(self._older_history)
        self.banner = ReadOnlyBanner()
        self.session_host = SessionHost(self)
        for key, title, builder in (
            ("details", self.tr("Details"), lambda: self.details),
            ("pretreatment", self.tr("Screening && consent"), self._build_pretreatment),
            ("cold_tests", self.tr("Cold tests"), self._build_cold_tests),
            ("courses", self.tr("Courses && sessions"), self._build_courses),
            ("outcomes", self.tr("Outcomes && events"), self._build_outcomes),
            ("documents", self.tr("Documents"), self._build_documents),
            ("history", self.tr("History"), self._build_history),
        ):
            self.lazy.add(key, title, builder)
        # asked before the tab shown is built: the lane reads while the window builds it
        self._read(self.lazy.key_at(first_tab))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(self.session_host.strip)
        layout.addWidget(self.tabs, 1)
        self.apply_read_only()
        self.tabs.setCurrentIndex(first_tab)  # the tab shown is built; the others when shown
        self.tabs.currentChanged.connect(self.tab_chosen)
        hub().changed.connect(self._changed)

    def read_only_reason(self) -> str:
        db = self.services.db
        return (db.read_only_reason or "The database is open read-only.") if db.read_only else ""

    def apply_read_only(self) -> None:
        """Browse and print only: every save is off, with the reason in its tooltip."""
        reason = self.read_only_reason()
        self.banner.show_reason(reason)
        for _key, form in self._built_forms():
            form.set_read_only(reason)
        if self._courses is not None:
            self._courses.set_read_only(reason)
        if self._outcomes is not None:
            self._outcomes.set_read_only(reason)
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
            for label, form in self._built_forms()
            if form.has_unsaved_changes()
        }
        session = self.session_host.kept_typing()
        if session is not None:
            kept[session_kept.KEY] = session
        return kept

    def restore_typing(self, kept: dict[str, dict[str, Any]]) -> None:
        """Put kept-aside typing back into the forms (once the record is on screen)."""
        for label in FORM_KEYS:
            if label in kept:  # its tab is built (and filled) first
                self._form(label).restore_kept(kept[label])
        session = kept.get(session_kept.KEY)
        if isinstance(session, dict):
            self.session_host.restore_typing(session)

    def unsaved_forms(self) -> list[DirtyTracked]:
        """The forms (and an open dialog) of this record that hold unsaved changes."""
        found: list[DirtyTracked] = [
            form for _key, form in self._built_forms() if form.has_unsaved_changes()
        ]
        session = self.session_host.pending()
        if session is not None and session.has_unsaved_changes():
            found.append(session)
        for dialog in (self.act.dialog, self.patient_dialog):
            visible = isinstance(dialog, QWidget) and dialog.isVisible()
            if isinstance(dialog, DirtyTracked) and visible and dialog.has_unsaved_changes():
                found.append(dialog)
        return found

    def reload(self) -> None:
        """Read the record on the read lane: first what the tab shown needs (the header, the
        alerts, the record; the history or the documents only when their tab is the one
        shown), then, once that is on screen, the rest. ``loaded`` follows the rest."""
        self._read(self.lazy.key_at(self.tabs.currentIndex()))

    def _read(self, shown: str | None) -> None:
        """The first read of ``reload``, for the tab ``shown`` (its key)."""
        services, pid = self.services, self.patient_id
        first = ALL_PARTS & {shown} if shown else frozenset()
        self.runner.submit(
            f"record:{pid}", lambda: load(services, pid, first), self._show, owner=self
        )

    def _read_rest(self, shown: Loaded) -> None:
        """Asked at once (the lane stays busy, and a reload asked meanwhile supersedes it on
        the same channel), but read once the tab shown is painted, which the read would
        otherwise slow down (both want the interpreter)."""
        services, pid = self.services, self.patient_id
        painted = threading.Event()
        AfterPaint(self, painted.set)

        def rest() -> Loaded:
            painted.wait(PAINT_WAIT_S)  # no longer when the view is gone before its turn
            return load_rest(services, pid, shown)

        self.runner.submit(f"record:{pid}", rest, self._show, owner=self)

    def _show(self, data: Loaded) -> None:
        """The loaded record in the header and in every tab built so far (a tab built later
        is filled by its builder from ``data``); the parts read later when they come."""
        if self.data is not None and data.record is self.data.record:
            self._show_rest(data)
            return
        self.data = data
        record = data.record
        self.header.show_patient(record.patient)
        self.header.alerts.show_alerts(data.alerts)
        self.details.setText(_details(record))
        if self._pretreatment is not None:
            _page, _screening, consent, clearance, summary = self._pretreatment
            summary.setText(pretreatment_summary(record))
            consent.set_current_version(data.consent_version)
            clearance.note_missing()
        if self._cold_tests is not None:
            self._cold_tests.show_tests(record.cold_tests, data.thresholds)
        if self._courses is not None:
            self._fill_courses(self._courses, data)
        if self._outcomes is not None:
            self._outcomes.show_record(record)
        self.apply_read_only()
        self.session_host.show_record(record)
        self.title_changed.emit(self.session_host.title(record.patient.display_name))
        self.tab_loaded.emit()
        self._show_rest(data)

    def _show_rest(self, data: Loaded) -> None:
        self.data = data
        if data.history is not None:
            self.history.show_page(data.history)
        if self._documents is not None and data.documents is not None:
            self._documents.show_record(data.record, data.documents)
        if not data.complete:
            self._read_rest(data)
            return
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
