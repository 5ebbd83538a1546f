"""A record opens with its visible tab built; every other tab is built the first time it is
shown (or wanted), with the data the record shows at that moment, and the typing in a tab
built later is kept and restored like any other."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.ui.record.chart import OutcomeChart
from cryolog.ui.record.cold_tests_tab import ColdTestsTab
from cryolog.ui.record.courses_tab import CoursesTab
from cryolog.ui.record.documents_tab import DocumentsTab
from cryolog.ui.record.history_table import HistoryTable
from cryolog.ui.record.outcomes_tab import OutcomesTab
from cryolog.ui.record.pretreatment_tab import ConsentForm, ScreeningForm
from cryolog.ui.record.record_view import PatientRecordView
from cryolog.ui.tasks import TaskRunner
from tests.ui.record_setup import open_record, seed, session_data, settle

LATER = (ColdTestsTab, CoursesTab, OutcomesTab, OutcomeChart, DocumentsTab, HistoryTable)


def _index(view: PatientRecordView, title: str) -> int:
    titles = [view.tabs.tabText(i).replace("&&", "&") for i in range(view.tabs.count())]
    return titles.index(title)


def test_a_record_opens_with_only_its_visible_tab_built(qtbot: QtBot, db: Database) -> None:
    view = open_record(qtbot, seed(db))
    assert view.tabs.currentIndex() == 0
    assert "Мария" in view.details.text()
    for kind in (*LATER, ScreeningForm, ConsentForm):
        assert view.findChild(kind) is None, kind.__name__
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert titles == [
        "Details",
        "Screening && consent",
        "Cold tests",
        "Courses && sessions",
        "Outcomes && events",
        "Documents",
        "History",
    ]


def test_a_tab_shown_for_the_first_time_is_built_with_the_record_s_data(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    index = _index(view, "Courses & sessions")
    view.tabs.setCurrentIndex(index)
    tab = view.findChild(CoursesTab)
    assert tab is not None and view.tabs.widget(index) is tab
    assert view.tabs.currentWidget() is tab
    assert view.tabs.tabText(index) == "Courses && sessions"
    assert [c.id for c in tab.courses.rows] == [seeded.course_id]
    assert [s.id for s in tab.sessions.rows] == [seeded.session_id]
    assert tab.selected_course() == seeded.course_id
    # the tab chosen is told once, with the real page in place
    chosen: list[int] = []
    view.tab_chosen.connect(chosen.append)
    cold = _index(view, "Cold tests")
    view.tabs.setCurrentIndex(cold)
    assert chosen == [cold]
    cold_tab = view.findChild(ColdTestsTab)
    assert cold_tab is not None and view.tabs.currentWidget() is cold_tab
    assert "negative" in cold_tab.summary.text().lower()


def test_a_tab_built_after_a_change_shows_the_change(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    later = seeded.services.sessions.record_session(
        seeded.patient_id, session_data(seeded.course_id, days_ago=1)
    ).id
    view.reload()
    settle(qtbot, view)
    assert view.findChild(OutcomesTab) is None
    view.tabs.setCurrentIndex(_index(view, "Outcomes & events"))
    outcomes = view.findChild(OutcomesTab)
    assert outcomes is not None and outcomes.record is not None
    assert {s.id for s in outcomes.record.sessions} == {seeded.session_id, later}
    view.tabs.setCurrentIndex(_index(view, "Courses & sessions"))
    assert {s.id for s in view.courses.sessions.rows} == {seeded.session_id, later}
    view.tabs.setCurrentIndex(_index(view, "History"))
    table = view.findChild(HistoryTable)
    assert table is not None and table.model() is view.history
    assert view.history.rowCount() > 0


def test_the_next_session_text_names_the_course_before_its_tab_is_built(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    assert view.findChild(CoursesTab) is None
    assert view.selected_course_id() == seeded.course_id
    view.tabs.setCurrentIndex(_index(view, "Courses & sessions"))
    assert view.selected_course_id() == view.courses.selected_course() == seeded.course_id


def test_typing_in_a_tab_built_later_is_unsaved_kept_and_restored(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    assert view.kept_typing() == {} and view.unsaved_forms() == []
    view.tabs.setCurrentIndex(_index(view, "Screening & consent"))
    consent = view.findChild(ConsentForm)
    assert consent is not None
    qtbot.keyClicks(consent.notes, "Signed with the daughter present")
    assert consent in view.unsaved_forms()
    kept = view.kept_typing()
    assert set(kept) == {"consent"}
    # a second window of the same record: nothing built but its first tab
    other = PatientRecordView(Services.open(db, "practitioner"), TaskRunner(), seeded.patient_id)
    qtbot.addWidget(other)
    other.show()
    settle(qtbot, other)
    assert other.findChild(ConsentForm) is None
    other.restore_typing(kept)
    restored = other.findChild(ConsentForm)
    assert restored is not None
    assert restored.notes.text() == "Signed with the daughter present"
    assert restored.has_unsaved_changes()
    assert restored in other.unsaved_forms()
    assert other.kept_typing() == kept
    other.reload()  # a reload keeps the typing of a tab built late
    settle(qtbot, other)
    assert restored.notes.text() == "Signed with the daughter present"


def test_a_read_only_record_builds_later_tabs_read_only(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    db.read_only, db.read_only_reason = True, "The disk is full."
    view = open_record(qtbot, seeded)
    view.tabs.setCurrentIndex(_index(view, "Courses & sessions"))
    assert not view.courses.open_form.save_button.isEnabled()
    assert view.courses.open_form.save_button.toolTip() == "The disk is full."
    view.tabs.setCurrentIndex(_index(view, "Screening & consent"))
    assert not view.consent.save_button.isEnabled()
