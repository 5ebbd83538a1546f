"""Amend a saved session (reason, version check) and archive one entered in error."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import AuditEntry, TreatmentSession
from cryolog.ui.reason_dialog import ReasonDialog
from cryolog.ui.session_dialog import SessionDialog
from tests.ui.record_setup import Seeded, open_record, seed, session_data, settle


def _amend_dialog(qtbot: QtBot, seeded: Seeded) -> tuple[object, SessionDialog]:
    view = open_record(qtbot, seeded)
    courses = view.courses
    assert not courses.amend_button.isEnabled()
    courses.select_session(seeded.session_id)
    assert courses.amend_button.isEnabled()
    courses.amend_button.click()
    dialog = view.session_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not view.runner.is_busy())
    return view, dialog


def test_amend_prefills_the_stored_session_and_saves_with_a_reason(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    view, dialog = _amend_dialog(qtbot, seeded)
    f = dialog.form
    assert dialog.windowTitle().startswith("Amend the session of")
    assert f.modality.currentData() == "ln2_applicator"
    assert (f.duration.text(), f.set_temp.value.text(), f.nrs_post.text()) == ("300", "-150", "3")
    assert f.applicator.text() == "cotton, 5 mm" and f.areas.rowCount() == 1
    assert dialog.presenter.course_id() == seeded.course_id
    assert not dialog.presenter.dirty

    f.nrs_post.setText("2")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    reason = dialog.reason_dialog
    assert isinstance(reason, ReasonDialog) and not reason.ok.isEnabled()
    with db.read() as s:  # nothing written until the reason is given
        assert s.get(TreatmentSession, seeded.session_id).nrs_post == 3  # type: ignore[union-attr]
    qtbot.keyClicks(reason.edit, "NRS after was misread")
    with qtbot.waitSignal(dialog.saved):
        reason.ok.click()
    with db.read() as s:
        row = s.get(TreatmentSession, seeded.session_id)
        assert row is not None and (row.nrs_post, row.version, row.duration_s) == (2, 2, 300)
        assert [a.site for a in row.areas] == ["cheeks"]
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "amend")).one()
        assert audit.reason == "NRS after was misread" and audit.entity_id == seeded.session_id
    settle(qtbot, view)  # type: ignore[arg-type]
    assert view.courses.sessions.rows[0].nrs_post == 2  # type: ignore[attr-defined]


def test_amending_a_session_changed_elsewhere_says_so_and_keeps_the_form(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    _, dialog = _amend_dialog(qtbot, seeded)
    seeded.services.sessions.amend_session(
        seeded.session_id,
        session_data(seeded.course_id, nrs_pre=7),
        reason="corrected at the desk",
        expected_version=1,
    )
    dialog.form.nrs_post.setText("1")
    dialog.save_button.click()
    assert dialog.reason_dialog is not None
    qtbot.keyClicks(dialog.reason_dialog.edit, "typo in the pain score")
    dialog.reason_dialog.ok.click()
    assert dialog.isVisible() and dialog.form.nrs_post.text() == "1"
    box = dialog.error_box
    assert box is not None and "changed elsewhere" in box.text()  # type: ignore[attr-defined]
    assert "still in the form" in box.text()  # type: ignore[attr-defined]
    with db.read() as s:
        row = s.get(TreatmentSession, seeded.session_id)
        assert row is not None and (row.nrs_pre, row.nrs_post, row.version) == (7, 3, 2)


def test_amend_with_an_invalid_value_is_refused_next_to_the_field(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    _, dialog = _amend_dialog(qtbot, seeded)
    dialog.form.nrs_post.setText("14")
    assert not dialog.save_button.isEnabled()
    assert "0 … 10" in dialog.form.errors.messages("nrs_post")
    dialog.presenter.save()  # even forced, nothing reaches the database
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
    with db.read() as s:
        row = s.get(TreatmentSession, seeded.session_id)
        assert row is not None and row.archived_at is not None
        assert row.archive_reason == "Entered for the wrong patient"
    settle(qtbot, view)
    assert view.courses.sessions.rowCount() == 0
    assert view.courses.courses.index(0, 2).data() == "0 of 15"
