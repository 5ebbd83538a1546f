"""Close a course from the record: outcome, last day and reason; bad dates refused."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import AuditEntry, Course
from cryolog.ui.changed_elsewhere import ChangedElsewhere
from cryolog.ui.record.course_close import CloseCourseDialog
from tests.ui.record_setup import open_record, seed, settle


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def test_close_a_course_as_stopped(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    courses = view.courses
    courses.select_course(seeded.course_id)
    assert courses.close_button.isEnabled()
    courses.close_button.click()
    dialog = view.act.dialog
    assert isinstance(dialog, CloseCourseDialog)
    dialog.status.setCurrentIndex(dialog.status.findData("stopped"))
    dialog.ended.setDate(_qdate(date.today() - timedelta(days=40)))  # before the start
    qtbot.keyClicks(dialog.reason, "Patient moved away")
    dialog.ok.click()
    settle(qtbot, view)
    assert dialog.isVisible() and "before the course started" in dialog.errors.messages("ended_on")
    assert dialog.reason.toPlainText() == "Patient moved away"
    with db.read() as s:
        assert s.get(Course, seeded.course_id).status == "open"  # type: ignore[union-attr]

    last_day = date.today() - timedelta(days=2)
    dialog.ended.setDate(_qdate(last_day))
    dialog.ok.click()
    settle(qtbot, view)
    assert not dialog.isVisible()
    with db.read() as s:
        row = s.get(Course, seeded.course_id)
        assert row is not None and (row.status, row.ended_on) == ("stopped", last_day)
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "close")).one()
        assert audit.reason == "Patient moved away"
    settle(qtbot, view)
    courses.select_course(seeded.course_id)
    assert not courses.close_button.isEnabled()
    assert courses.courses.index(0, 3).data().startswith("stopped, ended")


def test_closing_a_course_changed_elsewhere_keeps_the_dialog(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    view.courses.select_course(seeded.course_id)
    view.courses.close_button.click()
    dialog = view.act.dialog
    assert isinstance(dialog, CloseCourseDialog)
    seeded.services.courses.close_course(
        seeded.course_id, {"ended_on": date.today(), "status": "completed"}
    )
    qtbot.keyClicks(dialog.reason, "done")
    dialog.ok.click()
    settle(qtbot, view)
    assert dialog.isVisible() and dialog.reason.toPlainText() == "done"
    note = dialog.findChild(ChangedElsewhere, "changedElsewhere")
    assert isinstance(note, ChangedElsewhere) and note.isVisible()
    assert "practitioner saved this record" in note.text.text()
    assert dialog.error_box is None
