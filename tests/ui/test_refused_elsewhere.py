"""Two workstations on the same database: a course closed or a session amended at the
front desk while the practitioner edits it here. The later save is refused with who saved
what next to the form, the typing stays, and the practitioner reloads theirs or saves their
own over it (on an SQLite file and on the PostgreSQL server)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database, open_database
from cryolog.db.models import AdverseEvent, Course, TreatmentSession
from cryolog.services import Services
from cryolog.ui.changed_elsewhere import ChangedElsewhere
from cryolog.ui.forms import FieldErrors, error_label
from cryolog.ui.reason_dialog import ReasonDialog
from cryolog.ui.record.common import SavingForm
from cryolog.ui.record.course_close import CloseCourseDialog
from cryolog.ui.record.outcome_dialogs import ResolveEventDialog
from cryolog.ui.record.record_view import PatientRecordView
from cryolog.ui.session_panel import SessionPanel
from tests.ui.record_setup import (
    Seeded,
    open_record,
    seed,
    session_data,
    settle,
    start_panel,
    stored,
)

pytestmark = pytest.mark.both_backends

WAIT = 20_000


@pytest.fixture
def desk(db: Database) -> Iterator[Services]:
    """The front desk: its own connection to the same file or server."""
    other = open_database(db.path if db.path is not None else db.url)
    yield Services.open(other, actor="front.desk")
    other.dispose()


views: list[PatientRecordView] = []


@pytest.fixture(autouse=True)
def _workers_end(db: Database) -> Iterator[None]:
    """The records' worker threads end before their database is closed."""
    yield
    while views:
        views.pop().runner.shutdown()


def _record(qtbot: QtBot, seeded: Seeded) -> PatientRecordView:
    view = open_record(qtbot, seeded)
    views.append(view)
    return view


def _note(qtbot: QtBot, widget: QWidget) -> ChangedElsewhere:
    """The note once the refusal came back from the worker."""

    def shown() -> bool:
        found = widget.findChild(ChangedElsewhere, "changedElsewhere")
        return isinstance(found, ChangedElsewhere) and found.isVisible()

    qtbot.waitUntil(shown, timeout=WAIT)
    note = widget.findChild(ChangedElsewhere, "changedElsewhere")
    assert isinstance(note, ChangedElsewhere)
    return note


def _close_dialog(qtbot: QtBot, seeded: Seeded) -> tuple[PatientRecordView, CloseCourseDialog]:
    view = _record(qtbot, seeded)
    view.courses.select_course(seeded.course_id)
    view.courses.close_button.click()
    dialog = view.act.dialog
    assert isinstance(dialog, CloseCourseDialog)
    return view, dialog


def test_closing_a_course_closed_at_the_desk_shows_their_close(
    qtbot: QtBot, db: Database, desk: Services
) -> None:
    seeded = seed(db)
    view, dialog = _close_dialog(qtbot, seeded)
    yesterday = date.today() - timedelta(days=1)
    desk.courses.close_course(
        seeded.course_id,
        {"ended_on": yesterday, "status": "completed", "reason": "Course done, all cleared"},
    )
    dialog.status.setCurrentIndex(dialog.status.findData("stopped"))
    qtbot.keyClicks(dialog.reason, "Patient moved away")
    dialog.ok.click()
    note = _note(qtbot, dialog)
    text = note.text.text()
    assert "front.desk saved this record" in text
    assert "Outcome: theirs “completed”, yours “stopped”" in text
    assert f"Last day: theirs “{yesterday:%d.%m.%Y}”, yours “{date.today():%d.%m.%Y}”" in text
    assert dialog.error_box is None  # the note, not a box
    assert dialog.isVisible() and dialog.reason.toPlainText() == "Patient moved away"
    assert dialog.status.currentData() == "stopped"
    assert note.reapply_button.isVisible() and not note.reload_button.isVisible()
    with db.read() as s:
        row = s.get(Course, seeded.course_id)
        assert row is not None and (row.status, row.ended_on) == ("completed", yesterday)

    note.reapply_button.click()  # over the newer version: the course is closed already
    settle(qtbot, view)
    qtbot.waitUntil(lambda: bool(dialog.errors.messages("status")), timeout=WAIT)
    assert not note.isVisible() and dialog.isVisible()
    assert "already closed" in dialog.errors.messages("status")
    with db.read() as s:
        row = s.get(Course, seeded.course_id)
        assert row is not None and row.status == "completed"


def _amend_panel(qtbot: QtBot, seeded: Seeded) -> tuple[PatientRecordView, SessionPanel]:
    view = _record(qtbot, seeded)
    view.courses.select_session(seeded.session_id)
    view.courses.amend_button.click()
    panel = view.session_panel
    assert panel is not None
    qtbot.waitUntil(lambda: not view.runner.is_busy(), timeout=WAIT)
    return view, panel


def _amend(qtbot: QtBot, panel: SessionPanel, reason: str) -> None:
    panel.amend_button.click()
    asked = panel.dialog
    assert isinstance(asked, ReasonDialog)
    qtbot.waitUntil(asked.isVisible)
    asked.edit.setPlainText(reason)
    asked.ok.click()


def _refused_amendment(
    qtbot: QtBot, db: Database, desk: Services
) -> tuple[Seeded, PatientRecordView, SessionPanel, ChangedElsewhere]:
    seeded = seed(db)
    view, panel = _amend_panel(qtbot, seeded)
    desk.sessions.amend_session(
        seeded.session_id,
        session_data(seeded.course_id, nrs_pre=7, nrs_post=2),
        reason="Corrected at the desk by phone",
        expected_version=1,
    )
    panel.form.nrs_post.setText("1")
    _amend(qtbot, panel, "Typo in the pain after")
    return seeded, view, panel, _note(qtbot, panel)


def test_an_amendment_refused_shows_their_amendment_and_keeps_the_typing(
    qtbot: QtBot, db: Database, desk: Services
) -> None:
    seeded, _view, panel, note = _refused_amendment(qtbot, db, desk)
    text = note.text.text()
    assert "front.desk saved this record" in text
    assert "Pain before: theirs “7”, yours “6”" in text
    assert "Pain after: theirs “2”, yours “1”" in text
    assert panel.error_box is None
    assert panel.form.nrs_post.text() == "1" and panel.form.nrs_pre.text() == "6"
    with db.read() as s:
        row = s.get(TreatmentSession, seeded.session_id)
        assert row is not None and (row.nrs_pre, row.nrs_post, row.version) == (7, 2, 2)


def test_reload_takes_their_amendment_into_the_form(
    qtbot: QtBot, db: Database, desk: Services
) -> None:
    _seeded, _view, panel, note = _refused_amendment(qtbot, db, desk)
    note.reload_button.click()
    qtbot.waitUntil(lambda: panel.form.nrs_post.text() == "2", timeout=WAIT)
    assert panel.form.nrs_pre.text() == "7" and not note.isVisible()
    assert panel.presenter.dto is not None and panel.presenter.dto.version == 2
    assert not panel.presenter.unsaved()


def test_save_mine_over_it_asks_the_reason_again_and_amends_the_newer_version(
    qtbot: QtBot, db: Database, desk: Services
) -> None:
    seeded, _view, panel, note = _refused_amendment(qtbot, db, desk)
    note.reapply_button.click()
    asked = panel.dialog
    assert isinstance(asked, ReasonDialog)
    qtbot.waitUntil(asked.isVisible)
    asked.edit.setPlainText("Both values checked with the patient")
    with qtbot.waitSignal(panel.finished, timeout=WAIT):
        asked.ok.click()
    with db.read() as s:
        row = s.get(TreatmentSession, seeded.session_id)
        assert row is not None and (row.nrs_pre, row.nrs_post, row.version) == (6, 1, 3)


def test_resolving_an_event_resolved_at_the_desk_shows_their_date(
    qtbot: QtBot, db: Database, desk: Services
) -> None:
    seeded = seed(db)
    onset = date.today() - timedelta(days=6)
    event = seeded.services.outcomes.record_adverse_event(
        seeded.patient_id,
        {"event_type": "erythema", "severity": "mild", "onset_on": onset},
    )
    view = _record(qtbot, seeded)
    view.outcomes.event_table.selectRow(0)
    view.outcomes.resolve.click()
    dialog = view.act.dialog
    assert isinstance(dialog, ResolveEventDialog)
    theirs = date.today() - timedelta(days=2)
    desk.outcomes.resolve_adverse_event(event.id, {"resolved_on": theirs})
    dialog.resolved.setDate(QDate.currentDate())
    dialog.ok.click()
    note = _note(qtbot, dialog)
    text = note.text.text()
    assert "front.desk saved this record" in text
    assert f"Resolved on: theirs “{theirs:%d.%m.%Y}”, yours “{date.today():%d.%m.%Y}”" in text
    assert not note.reload_button.isVisible() and not note.reapply_button.isVisible()
    assert dialog.isVisible() and dialog.resolved.date().toPython() == date.today()
    with db.read() as s:
        row = s.get(AdverseEvent, event.id)
        assert row is not None and row.resolved_on == theirs


class _CloseForm(SavingForm):
    """A record-tab form (the SavingForm every tab shares) that closes a course."""

    def __init__(self, services: Services, course_id: int, version: int) -> None:
        super().__init__(FieldErrors(error_label()))
        self.services, self.course_id, self.version = services, course_id, version
        self.reason = QLineEdit()
        self.labels = {"ended_on": "Last day"}
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(self.save_button)
        self.track()

    def action(self) -> Callable[[], Any]:
        data = {"ended_on": date.today(), "status": "stopped", "reason": self.reason.text()}
        course_id, version = self.course_id, self.version
        return lambda: self.services.courses.close_course(course_id, data, expected_version=version)

    def reapply_hook(self) -> Callable[[int], None] | None:
        def over(version: int) -> None:
            self.version = version
            self.save()

        return over


def test_a_record_tab_form_refused_shows_the_other_change_above_its_fields(
    qtbot: QtBot, db: Database, desk: Services
) -> None:
    seeded = seed(db)
    form = _CloseForm(seeded.services, seeded.course_id, 1)
    qtbot.addWidget(form)
    form.show()
    yesterday = date.today() - timedelta(days=1)
    desk.courses.close_course(seeded.course_id, {"ended_on": yesterday, "status": "completed"})
    form.reason.setText("Patient moved away")
    form.save_button.click()
    note = _note(qtbot, form)
    assert form.layout().indexOf(note) == 0  # type: ignore[union-attr]
    assert f"Last day: theirs “{yesterday:%d.%m.%Y}”, yours “{date.today():%d.%m.%Y}”" in (
        note.text.text()
    )
    assert "Status: theirs “completed”, yours “stopped”" in note.text.text()
    assert form.reason.text() == "Patient moved away" and form.has_unsaved_changes()
    assert note.reapply_button.isVisible() and not note.reload_button.isVisible()
    note.reapply_button.click()  # over the newer version: it is closed already
    assert not note.isVisible() and form.version == 2
    assert "already closed" in form.errors.general.text()
    with db.read() as s:
        row = s.get(Course, seeded.course_id)
        assert row is not None and (row.status, row.ended_on) == ("completed", yesterday)


def test_a_draft_typed_here_and_at_the_desk_shows_theirs_and_reloads_it(
    qtbot: QtBot, db: Database, desk: Services
) -> None:
    seeded = seed(db)
    view = _record(qtbot, seeded)
    panel = start_panel(qtbot, view, seeded.course_id)
    draft = stored(qtbot, panel)
    theirs = {**panel.presenter.payload(), "device": "Chamber 2"}
    desk.sessions.save_draft(draft.id, theirs, expected_version=draft.version)
    panel.form.device.setText("Chamber 1")
    panel.presenter.save_now()
    note = _note(qtbot, panel)
    assert "Device: theirs “Chamber 2”, yours “Chamber 1”" in note.text.text()
    assert panel.form.device.text() == "Chamber 1"
    assert panel.error_box is None
    note.reload_button.click()
    qtbot.waitUntil(lambda: panel.form.device.text() == "Chamber 2", timeout=WAIT)
    assert panel.presenter.dto is not None and panel.presenter.dto.version == draft.version + 1
    panel.form.device.setText("Chamber 3")  # typing after the reload is stored again
    panel.presenter.save_now()
    qtbot.waitUntil(lambda: stored(qtbot, panel).version == draft.version + 2, timeout=WAIT)
    with db.read() as s:
        row = s.get(TreatmentSession, draft.id)
        assert row is not None and row.device == "Chamber 3"
