"""A read-only database in the record: whatever the practitioner selects, nothing that writes
turns back on — the courses' and outcomes' buttons, Start session, an open session's steps,
the ice cube timer — and each says why in its tooltip."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.db.models import TreatmentSession
from cryolog.ui.record.record_view import PatientRecordView
from tests.ui.record_setup import count, open_record, seed, session_data, session_row, settle

REASON = "The file is on a read-only disk."


def _off(*buttons: QAbstractButton) -> None:
    for button in buttons:
        assert not button.isEnabled(), button.text()
        assert button.toolTip() == REASON, button.text()


def _writing_buttons(view: PatientRecordView) -> tuple[QAbstractButton, ...]:
    courses, outcomes = view.courses, view.outcomes
    return (
        courses.new_session_button,
        courses.amend_button,
        courses.archive_button,
        courses.close_button,
        courses.void_button,
        courses.book_button,
        outcomes.new_event,
        outcomes.resolve,
        outcomes.new_score,
        view.session_host.start_button,
        view.cold_tests.ice.start_button,
    )


def test_nothing_that_writes_turns_on_when_the_selection_changes(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    s, pid = seeded.services, seeded.patient_id
    second = s.courses.open_course(
        pid, {"protocol_id": "rosacea", "started_on": date.today() - timedelta(days=3)}
    ).id
    draft = s.sessions.start_draft(pid, session_data(second, days_ago=0))
    s.outcomes.record_adverse_event(
        pid,
        {
            "event_type": "erythema",
            "severity": "mild",
            "onset_on": date.today() - timedelta(days=2),
            "session_id": seeded.session_id,
        },
    )
    db.read_only, db.read_only_reason = True, REASON
    view = open_record(qtbot, seeded)
    _off(*_writing_buttons(view))
    for course in (seeded.course_id, second):
        view.courses.select_course(course)
        view.courses.all_sessions.setChecked(True)
        for session in (seeded.session_id, draft.id):
            view.courses.select_session(session)
            assert view.courses.selected_session() is not None
            _off(*_writing_buttons(view))
    view.outcomes.event_table.selectRow(0)
    assert view.outcomes.selected_event() is not None
    _off(view.outcomes.resolve)
    view.reload()
    settle(qtbot, view)
    _off(*_writing_buttons(view))

    # today's unsigned session opens to be looked at; its steps stay off, nothing is written
    panel = view.session_host.panel
    assert panel is not None and panel.presenter.dto == draft
    _off(*panel.step_buttons())
    assert not panel.form.isEnabled()
    panel.form.hr_pre.setText("77")  # as if typed
    panel.presenter.save_now()
    panel.close_panel()
    settle(qtbot, view)
    row = session_row(db, draft.id)
    assert (row.version, row.hr_pre) == (draft.version, draft.hr_pre)
    assert view.new_session(second) is None  # no new session from elsewhere either
    assert count(db, TreatmentSession) == 2
