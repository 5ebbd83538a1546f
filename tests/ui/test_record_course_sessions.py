"""The sessions list follows the selected course; 'all courses' shows every session."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.ui.record.courses_tab import CoursesTab
from tests.ui.record_setup import open_record, seed, session_data, settle


def test_sessions_follow_the_selected_course(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    s = seeded.services
    second = s.courses.open_course(
        seeded.patient_id,
        {"protocol_id": "cryopeeling", "started_on": date.today() - timedelta(days=10)},
    ).id
    s.sessions.record_session(seeded.patient_id, session_data(second, days_ago=2))
    one_off = s.sessions.record_session(
        seeded.patient_id,
        session_data(None, days_ago=1),  # outside any course
    ).id
    view = open_record(qtbot, seeded)
    view.tabs.setCurrentIndex(3)  # the courses tab is built when first shown
    tab = view.findChild(CoursesTab)
    assert tab is not None

    def shown() -> set[int | None]:
        return {row.course_id for row in tab.sessions.rows}

    tab.select_course(seeded.course_id)
    assert shown() == {seeded.course_id}
    tab.select_course(second)
    assert shown() == {second}
    tab.all_sessions.setChecked(True)
    assert shown() == {seeded.course_id, second, None}
    assert one_off in {row.id for row in tab.sessions.rows}
    view.reload()
    settle(qtbot, view)
    assert shown() == {seeded.course_id, second, None}  # the choice survives a reload
