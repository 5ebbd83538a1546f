"""The record view's tabs: each built when first shown or first wanted (``lazy_tabs``),
filled from the record already loaded, its forms tracked, read-only and kept aside like
the others."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QWidget

from cryolog.services import Services
from cryolog.services.dto import CourseDTO
from cryolog.ui.record.cold_tests_tab import ColdTestsTab
from cryolog.ui.record.common import SavingForm
from cryolog.ui.record.courses_tab import CoursesTab
from cryolog.ui.record.documents_tab import DocumentsTab
from cryolog.ui.record.history_model import HistoryModel
from cryolog.ui.record.history_table import HistoryTable
from cryolog.ui.record.lazy_tabs import LazyTabs
from cryolog.ui.record.outcomes_tab import OutcomesTab
from cryolog.ui.record.pretreatment_tab import (
    ClearanceForm,
    ConsentForm,
    ScreeningForm,
    build_pretreatment_tab,
    pretreatment_summary,
)
from cryolog.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from cryolog.ui.record.record_actions import RecordActions
    from cryolog.ui.record.record_view import Loaded
    from cryolog.ui.session_host import SessionHost
    from cryolog.ui.session_panel import SessionPanel

FORM_KEYS = ("screening", "consent", "clearance", "ice", "pressor", "threshold", "course")
FORM_TABS = {
    "screening": "pretreatment",
    "consent": "pretreatment",
    "clearance": "pretreatment",
    "ice": "cold_tests",
    "pressor": "cold_tests",
    "threshold": "cold_tests",
    "course": "courses",
}
FORM_LABELS = {
    "screening": "the screening questionnaire",
    "consent": "the consent",
    "clearance": "the medical clearance",
    "ice": "the ice cube test",
    "pressor": "the cold pressor test",
    "threshold": "the temperature threshold test",
    "course": "the new course",
}


class RecordTabs:
    """The tab builders and the parts of the tabs of ``PatientRecordView``."""

    services: Services
    patient_id: int
    runner: TaskRunner
    data: Loaded | None
    lazy: LazyTabs
    act: RecordActions
    session_host: SessionHost
    history: HistoryModel
    _pretreatment: tuple[QWidget, ScreeningForm, ConsentForm, ClearanceForm, QLabel] | None
    _cold_tests: ColdTestsTab | None
    _courses: CoursesTab | None
    _outcomes: OutcomesTab | None
    _documents: DocumentsTab | None
    _history_table: HistoryTable | None

    def read_only_reason(self) -> str:
        raise NotImplementedError

    def new_session(self, course_id: int | None = None) -> SessionPanel | None:
        raise NotImplementedError

    def book_visits(self, course_id: int) -> QWidget:
        raise NotImplementedError

    def _prepare(self, key: str, form: SavingForm) -> None:
        form.lane = self.runner
        form.unsaved_label = FORM_LABELS[key]
        form.track()
        form.set_read_only(self.read_only_reason())

    def _build_pretreatment(self) -> QWidget:
        built = build_pretreatment_tab(self.services, self.patient_id, 1)
        self._pretreatment = built
        _page, screening, consent, clearance, summary = built
        for key, form in (("screening", screening), ("consent", consent), ("clearance", clearance)):
            self._prepare(key, form)
        clearance.note_missing()
        if self.data is not None:
            summary.setText(pretreatment_summary(self.data.record))
            consent.set_current_version(self.data.consent_version)
            clearance.note_missing()
        return built[0]

    def _build_cold_tests(self) -> QWidget:
        tab = ColdTestsTab(self.services, self.patient_id)
        self._cold_tests = tab
        for key, form in zip(("ice", "pressor", "threshold"), tab.forms, strict=True):
            self._prepare(key, form)
        self.session_host.cold_tests_built(tab)
        if self.data is not None:
            tab.show_tests(self.data.record.cold_tests, self.data.thresholds)
        return tab

    def _build_courses(self) -> QWidget:
        tab = CoursesTab(self.services, self.patient_id)
        self._courses = tab
        tab.new_session.connect(self.new_session)
        tab.amend_session.connect(self.act.amend_session)
        tab.archive_session.connect(self.act.archive_session)
        tab.close_course.connect(self.act.close_course)
        tab.void_course.connect(self.act.void_course)
        tab.course_document.connect(self.act.course_document)
        tab.book_visits.connect(self.book_visits)
        tab.open_session.connect(self.session_host.open_session)
        self._prepare("course", tab.open_form)
        tab.open_form.change_kinds = ("course",)
        tab.set_read_only(self.read_only_reason())
        self.session_host.courses_built(tab)
        if self.data is not None:
            self._fill_courses(tab, self.data)
        return tab

    def _build_outcomes(self) -> QWidget:
        tab = OutcomesTab()
        self._outcomes = tab
        tab.record_event.connect(self.act.record_event)
        tab.resolve_event.connect(self.act.resolve_event)
        tab.record_score.connect(self.act.record_score)
        tab.set_read_only(self.read_only_reason())
        if self.data is not None:
            tab.show_record(self.data.record)
        return tab

    def _build_documents(self) -> QWidget:
        tab = DocumentsTab()
        self._documents = tab
        tab.make.connect(self.act.make_document)
        tab.reopen.connect(self.act.reopen)
        if self.data is not None and self.data.documents is not None:  # else when read
            tab.show_record(self.data.record, self.data.documents)
        return tab

    def _build_history(self) -> QWidget:
        self._history_table = HistoryTable(self.history)
        return self._history_table

    def _fill_courses(self, tab: CoursesTab, data: Loaded) -> None:
        tab.new_session_button.setEnabled(data.record.patient.archived_at is None)
        tab.show_record(data.record)

    def _pretreatment_parts(
        self,
    ) -> tuple[QWidget, ScreeningForm, ConsentForm, ClearanceForm, QLabel]:
        if self._pretreatment is None:
            self.lazy.build("pretreatment")
        assert self._pretreatment is not None
        return self._pretreatment

    @property
    def pretreatment(self) -> QWidget:
        return self._pretreatment_parts()[0]

    @property
    def screening(self) -> ScreeningForm:
        return self._pretreatment_parts()[1]

    @property
    def consent(self) -> ConsentForm:
        return self._pretreatment_parts()[2]

    @property
    def clearance(self) -> ClearanceForm:
        return self._pretreatment_parts()[3]

    @property
    def pre_summary(self) -> QLabel:
        return self._pretreatment_parts()[4]

    @property
    def cold_tests(self) -> ColdTestsTab:
        if self._cold_tests is None:  # set by its builder first: usable while it builds
            self.lazy.build("cold_tests")
        assert self._cold_tests is not None
        return self._cold_tests

    @property
    def courses(self) -> CoursesTab:
        if self._courses is None:  # set by its builder first: usable while it builds
            self.lazy.build("courses")
        assert self._courses is not None
        return self._courses

    @property
    def outcomes(self) -> OutcomesTab:
        if self._outcomes is None:  # set by its builder first: usable while it builds
            self.lazy.build("outcomes")
        assert self._outcomes is not None
        return self._outcomes

    @property
    def chart(self) -> Any:
        return self.outcomes.chart

    @property
    def documents(self) -> DocumentsTab:
        if self._documents is None:  # set by its builder first: usable while it builds
            self.lazy.build("documents")
        assert self._documents is not None
        return self._documents

    @property
    def history_table(self) -> HistoryTable:
        if self._history_table is None:  # set by its builder first: usable while it builds
            self.lazy.build("history")
        assert self._history_table is not None
        return self._history_table

    def selected_course_id(self) -> int | None:
        """The course a new session goes to: the courses tab's selection, or (tab not built
        yet) the one it selects first, the latest course."""
        course = self.selected_course_dto()
        return None if course is None else course.id

    def selected_course_dto(self) -> CourseDTO | None:
        if self._courses is not None:
            return self._courses.selected_course_dto()
        if self.data is None:
            return None
        live = [c for c in self.data.record.courses if c.archived_at is None]
        return live[0] if live else None

    @property
    def forms(self) -> tuple[SavingForm, ...]:
        return (self.screening, self.consent, self.clearance, *self.cold_tests.forms)

    @property
    def editable_forms(self) -> tuple[SavingForm, ...]:
        """Every form in the record's tabs that can hold unsaved typing (builds them all)."""
        return tuple(self._form(key) for key in FORM_KEYS)

    def _form(self, key: str) -> SavingForm:
        """The form kept aside under ``key`` (its tab built if it was not)."""
        if key in ("screening", "consent", "clearance"):
            return {"screening": self.screening, "consent": self.consent}.get(key, self.clearance)
        if key == "course":
            return self.courses.open_form
        return self.cold_tests.forms[("ice", "pressor", "threshold").index(key)]

    def _built_forms(self) -> list[tuple[str, SavingForm]]:
        """The forms of the tabs built so far (a tab not built holds no typing)."""
        return [(key, self._form(key)) for key in FORM_KEYS if self.lazy.built(FORM_TABS[key])]
