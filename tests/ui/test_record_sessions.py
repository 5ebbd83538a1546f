"""Amend a signed session in the record's session panel (reason, version check, nothing
changed), and archive one entered in error."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import AuditEntry, TreatmentSession
from cryolog.ui.changed_elsewhere import ChangedElsewhere
from cryolog.ui.reason_dialog import ReasonDialog
from cryolog.ui.record.record_view import PatientRecordView
from cryolog.ui.session_panel import SessionPanel
from tests.ui.record_setup import Seeded, open_record, seed, session_data, settle

REASON = "NRS after was misread from the sheet"


def _amend_panel(qtbot: QtBot, seeded: Seeded) -> tuple[PatientRecordView, SessionPanel]:
    view = open_record(qtbot, seeded)
    courses = view.courses
    assert not courses.amend_button.isEnabled()
    courses.select_session(seeded.session_id)
    assert courses.amend_button.isEnabled() and courses.amend_button.text() == "Amend…"
    courses.amend_button.click()
    panel = view.session_panel
    assert panel is not None and view.tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: not view.runner.is_busy())
    return view, panel


def _raw(path: Path, session_id: int) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT * FROM treatment_session WHERE id = ?", (session_id,))
        found = list(rows)
        for table in ("session_area", "session_finding", "session_bp_reading"):
            sql = f"SELECT * FROM {table} WHERE session_id = ?"
            found += conn.execute(sql, (session_id,)).fetchall()
        return found + conn.execute("SELECT count(*) FROM audit_log").fetchall()


def test_amend_prefills_the_stored_session_and_saves_with_a_reason(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    view, panel = _amend_panel(qtbot, seeded)
    f = panel.form
    assert panel.findChild(object, "amendBanner") is not None
    assert f.modality.currentData() == "ln2_applicator"
    assert (f.duration.edit.text(), f.set_temp.value.text(), f.nrs_post.text()) == (
        "5:00",
        "-150",
        "3",
    )
    assert f.applicator.text() == "cotton, 5 mm" and f.areas.rowCount() == 1
    assert panel.presenter.course_id() == seeded.course_id
    assert not panel.presenter.unsaved()
    assert f.duration.isEnabled()  # an amendment may correct any value

    f.nrs_post.setText("2")
    assert panel.presenter.unsaved() and view.has_unsaved_work()
    assert panel.amend_button.isEnabled()
    panel.amend_button.click()
    reason = panel.dialog
    assert isinstance(reason, ReasonDialog) and not reason.ok.isEnabled()
    with db.read() as s:  # nothing written until the reason is given
        assert s.get(TreatmentSession, seeded.session_id).nrs_post == 3  # type: ignore[union-attr]
    qtbot.keyClicks(reason.edit, REASON)
    with qtbot.waitSignal(panel.finished):
        reason.ok.click()
        settle(qtbot, view)
    with db.read() as s:
        row = s.get(TreatmentSession, seeded.session_id)
        assert row is not None and (row.nrs_post, row.version, row.duration_s) == (2, 2, 300)
        assert [a.site for a in row.areas] == ["cheeks"]
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "amend")).one()
        assert audit.reason == REASON and audit.entity_id == seeded.session_id
    settle(qtbot, view)
    assert view.session_panel is None and view.tabs.currentWidget() is view.courses
    assert view.courses.sessions.rows[0].nrs_post == 2


def test_an_amendment_that_changes_nothing_is_refused_and_the_row_stays_byte_identical(
    qtbot: QtBot, db: Database, db_path: Path
) -> None:
    seeded = seed(db)
    with db.read() as s:
        stored = s.get(TreatmentSession, seeded.session_id)
        assert stored is not None and stored.started_at.microsecond != 0  # kept to the µs
    before = _raw(db_path, seeded.session_id)
    view, panel = _amend_panel(qtbot, seeded)
    panel.amend_button.click()
    reason = panel.dialog
    assert isinstance(reason, ReasonDialog)
    qtbot.keyClicks(reason.edit, REASON)
    reason.ok.click()
    qtbot.waitUntil(lambda: "nothing changed" in panel.reason.text())
    assert view.session_panel is panel  # the form stays open with what it holds
    assert _raw(db_path, seeded.session_id) == before

    panel.form.nrs_pre.setText("5")  # a real change keeps every other stored value
    panel.amend_button.click()
    qtbot.keyClicks(panel.dialog.edit, REASON)  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.finished):
        panel.dialog.ok.click()  # type: ignore[union-attr]
    with db.read() as s:
        row = s.get(TreatmentSession, seeded.session_id)
        assert row is not None and row.nrs_pre == 5
        assert row.started_at == stored.started_at  # to the microsecond
        assert row.set_temp_c == stored.set_temp_c and row.areas[0].id == stored.areas[0].id


def test_amending_a_session_changed_elsewhere_says_so_and_keeps_the_form(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    _, panel = _amend_panel(qtbot, seeded)
    seeded.services.sessions.amend_session(
        seeded.session_id,
        session_data(seeded.course_id, nrs_pre=7),
        reason="corrected at the desk by phone",
        expected_version=1,
    )
    panel.form.nrs_post.setText("1")
    panel.amend_button.click()
    assert panel.dialog is not None
    qtbot.keyClicks(panel.dialog.edit, "typo in the NRS after")  # type: ignore[attr-defined]
    panel.dialog.ok.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: panel.elsewhere is not None and panel.elsewhere.isVisible())
    assert panel.form.nrs_post.text() == "1"
    note = panel.elsewhere
    assert isinstance(note, ChangedElsewhere) and panel.error_box is None
    assert "practitioner saved this record" in note.text.text()
    assert "still in the form" in note.text.text()
    with db.read() as s:
        row = s.get(TreatmentSession, seeded.session_id)
        assert row is not None and (row.nrs_pre, row.nrs_post, row.version) == (7, 3, 2)


def test_amend_with_an_invalid_value_is_refused_next_to_the_field(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    _, panel = _amend_panel(qtbot, seeded)
    panel.form.nrs_post.setText("14")
    assert not panel.amend_button.isEnabled()
    assert "0 … 10" in panel.form.errors.messages("nrs_post")
    with db.read() as s:
        row = s.get(TreatmentSession, seeded.session_id)
        assert row is not None and (row.nrs_post, row.version) == (3, 1)


def test_archive_a_session_entered_in_error_needs_a_reason(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    view.courses.select_session(seeded.session_id)
    view.courses.archive_button.click()
    dialog = view.act.dialog
    assert isinstance(dialog, ReasonDialog) and not dialog.ok.isEnabled()
    dialog.edit.setPlainText("   ")
    assert not dialog.ok.isEnabled()
    dialog.edit.setPlainText("Entered for the wrong patient")
    dialog.ok.click()
    settle(qtbot, view)
    with db.read() as s:
        row = s.get(TreatmentSession, seeded.session_id)
        assert row is not None and row.archived_at is not None
        assert row.archive_reason == "Entered for the wrong patient"
    settle(qtbot, view)
    assert view.courses.sessions.rowCount() == 0
    assert view.courses.courses.index(0, 2).data() == "0 of 15"
