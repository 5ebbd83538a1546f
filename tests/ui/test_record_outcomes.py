"""Adverse events and outcome scores entered in the record; invalid values written nowhere."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import AdverseEvent, Assessment
from cryolog.ui.record.outcome_dialogs import (
    AdverseEventDialog,
    AssessmentDialog,
    ResolveEventDialog,
)
from tests.ui.record_setup import count, open_record, seed, settle


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def test_record_an_adverse_event_and_mark_it_resolved(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    tab = view.outcomes
    for model in (tab.events, tab.scores):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    tab.new_event.click()
    dialog = view.act.dialog
    assert isinstance(dialog, AdverseEventDialog)
    dialog.event_type.setCurrentIndex(dialog.event_type.findData("blister_cold_burn"))
    dialog.severity.setCurrentIndex(dialog.severity.findData("moderate"))
    dialog.onset.setDate(_qdate(date.today() + timedelta(days=3)))
    dialog.session.setCurrentIndex(dialog.session.findData(seeded.session_id))
    dialog.malfunction.setChecked(True)
    qtbot.keyClicks(dialog.description, "Blister <2 cm> & redness on the left cheek")
    dialog.ok.click()
    settle(qtbot, view)
    assert dialog.isVisible() and "future" in dialog.errors.messages("onset_on")
    assert count(db, AdverseEvent) == 0
    assert dialog.description.toPlainText().startswith("Blister <2 cm>")

    onset = date.today() - timedelta(days=4)
    dialog.onset.setDate(_qdate(onset))
    dialog.ok.click()
    settle(qtbot, view)
    assert not dialog.isVisible()
    with db.read() as s:
        event = s.scalars(select(AdverseEvent)).one()
        assert (event.event_type, event.severity, event.onset_on) == (
            "blister_cold_burn",
            "moderate",
            onset,
        )
        assert event.session_id == seeded.session_id and event.device_malfunction
        assert event.description == "Blister <2 cm> & redness on the left cheek"
    settle(qtbot, view)
    assert tab.events.index(0, 1).data() == "Blister / cold burn"
    assert tab.events.index(0, 5).data() == "not yet"

    assert not tab.resolve.isEnabled()
    tab.event_table.selectRow(0)
    tab.resolve.click()
    resolve = view.act.dialog
    assert isinstance(resolve, ResolveEventDialog)
    resolve.resolved.setDate(_qdate(onset - timedelta(days=1)))
    resolve.ok.click()
    settle(qtbot, view)
    assert resolve.isVisible() and "before the onset" in resolve.errors.messages("resolved_on")
    with db.read() as s:
        assert s.scalars(select(AdverseEvent)).one().resolved_on is None
    resolve.resolved.setDate(_qdate(date.today()))
    resolve.ok.click()
    settle(qtbot, view)
    with db.read() as s:
        assert s.scalars(select(AdverseEvent)).one().resolved_on == date.today()
    settle(qtbot, view)
    tab.event_table.selectRow(0)
    assert not tab.resolve.isEnabled()


def test_record_scores_with_the_scale_range_shown(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    view.courses.select_course(seeded.course_id)
    view.outcomes.new_score.click()
    dialog = view.act.dialog
    assert isinstance(dialog, AssessmentDialog)
    assert dialog.course.currentData() == seeded.course_id
    dialog.kind.setCurrentIndex(dialog.kind.findData("pasi"))
    assert dialog.scale.text() == "allowed 0 … 72"
    dialog.ok.click()
    settle(qtbot, view)
    assert "required" in dialog.errors.messages("value")
    dialog.value.setText("80")
    dialog.ok.click()
    settle(qtbot, view)
    assert "0 … 72" in dialog.errors.messages("value") and dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData("iga"))
    assert dialog.scale.text() == "allowed 0 … 4"
    dialog.value.setText("2,5")
    dialog.ok.click()
    settle(qtbot, view)
    assert "whole number" in dialog.errors.messages("value")
    assert count(db, Assessment) == 0
    assert dialog.value.text() == "2,5"

    dialog.value.setText("2")
    qtbot.keyClicks(dialog.notes, "Fewer papules")
    dialog.ok.click()
    settle(qtbot, view)
    assert not dialog.isVisible()
    with db.read() as s:
        row = s.scalars(select(Assessment)).one()
        assert (row.kind, row.value, row.course_id, row.notes) == (
            "iga",
            2.0,
            seeded.course_id,
            "Fewer papules",
        )
    settle(qtbot, view)
    assert [view.outcomes.scores.index(0, c).data() for c in (1, 2)] == ["Acne IGA", "2"]


def test_huge_or_odd_text_is_refused_next_to_its_field(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    view.outcomes.new_event.click()
    dialog = view.act.dialog
    assert isinstance(dialog, AdverseEventDialog)
    dialog.description.setPlainText("x" * 20_001)
    dialog.ok.click()
    settle(qtbot, view)
    assert "too long" in dialog.errors.messages("description")
    dialog.description.setPlainText("redness\x00")
    dialog.ok.click()
    settle(qtbot, view)
    assert dialog.errors.messages("description")
    assert count(db, AdverseEvent) == 0 and dialog.isVisible()
    dialog.description.setPlainText("Ärger über Rötung — покраснение 🙂")
    dialog.ok.click()
    settle(qtbot, view)
    with db.read() as s:
        assert s.scalars(select(AdverseEvent)).one().description.endswith("покраснение 🙂")

    settle(qtbot, view)
    view.outcomes.new_score.click()
    score = view.act.dialog
    assert isinstance(score, AssessmentDialog)
    score.value.setText("ten")
    score.notes.setText("n" * 20_001)
    score.ok.click()
    settle(qtbot, view)
    assert score.errors.messages("value") and "too long" in score.errors.messages("notes")
    assert count(db, Assessment) == 0


def test_reason_dialog_refuses_an_endless_reason(qtbot: QtBot) -> None:
    from cryolog.ui.reason_dialog import MAX_REASON, ReasonDialog

    dialog = ReasonDialog("Archive", "Why?", "Archive")
    qtbot.addWidget(dialog)
    dialog.edit.setPlainText("a" * (MAX_REASON + 1))
    assert not dialog.ok.isEnabled() and "At most" in dialog.hint.text()
    dialog.edit.setPlainText("  entered twice  ")
    assert dialog.ok.isEnabled() and dialog.reason() == "entered twice"
