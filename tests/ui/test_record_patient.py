"""Patient details from the record header: edit (version-checked), archive and restore."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import AuditEntry, Patient
from cryolog.ui.reason_dialog import ReasonDialog
from tests.ui.record_setup import open_record, seed, settle


def test_edit_details_from_the_header(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    view.header.edit.click()
    dialog = view.patient_dialog
    assert dialog is not None and dialog.form.family.text() == "Иванова"
    qtbot.keyClicks(dialog.form.phone, "+7 900 000-00-01")
    dialog.form.language.setCurrentIndex(dialog.form.language.findData("ru"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    asked = dialog.reason_dialog
    assert asked is not None  # editing a saved patient asks why
    qtbot.keyClicks(asked.edit, "new phone number, handouts in Russian")
    asked.ok.click()
    settle(qtbot, view)
    with db.read() as s:
        row = s.get(Patient, seeded.patient_id)
        assert row is not None and (row.phone, row.handout_language) == ("+7 900 000-00-01", "ru")
        assert row.version > 1
    settle(qtbot, view)
    assert "+7 900 000-00-01" in view.header.facts.text()
    assert view.documents.language.currentData() == "ru"  # handouts follow the patient


def test_edit_of_details_changed_elsewhere_is_refused_and_kept(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    view.header.edit.click()
    dialog = view.patient_dialog
    assert dialog is not None
    current = seeded.services.patients.get_patient(seeded.patient_id)
    seeded.services.patients.edit(
        seeded.patient_id,
        {"family_name": "Иванова-Петрова", "birth_date": current.birth_date},
        expected_version=current.version,
        reason="married name, per passport",
    )
    dialog.form.notes.setPlainText("Prefers mornings")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.reason_dialog is not None
    qtbot.keyClicks(dialog.reason_dialog.edit, "notes from the phone call")
    dialog.reason_dialog.ok.click()
    qtbot.waitUntil(dialog.elsewhere.isVisible)  # what was saved meanwhile, next to the form
    assert dialog.isVisible() and dialog.form.notes.toPlainText() == "Prefers mornings"
    said = dialog.elsewhere.text.text()
    assert "Not saved" in said and "theirs “Иванова-Петрова”" in said
    with db.read() as s:
        row = s.get(Patient, seeded.patient_id)
        assert row is not None and (row.family_name, row.notes) == ("Иванова-Петрова", "")


def test_archive_and_restore_with_a_reason(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    assert view.header.archive.text() == "Archive patient…"
    view.header.archive.click()
    dialog = view.act.dialog
    assert isinstance(dialog, ReasonDialog) and not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.edit, "Duplicate record")
    dialog.ok.click()
    settle(qtbot, view)
    with db.read() as s:
        row = s.get(Patient, seeded.patient_id)
        assert row is not None and row.archived_at is not None
        assert row.archive_reason == "Duplicate record"
    settle(qtbot, view)
    assert view.header.archive.text() == "Restore patient…"
    assert "(archived)" in view.header.name.text()

    view.header.archive.click()
    restore = view.act.dialog
    assert isinstance(restore, ReasonDialog) and restore is not dialog
    qtbot.keyClicks(restore.edit, "Archived by mistake")
    restore.ok.click()
    settle(qtbot, view)
    with db.read() as s:
        row = s.get(Patient, seeded.patient_id)
        assert row is not None and row.archived_at is None
        reasons = [
            (a.action, a.reason)
            for a in s.scalars(select(AuditEntry).where(AuditEntry.entity == "patient"))
        ]
    assert reasons[-2:] == [("archive", "Duplicate record"), ("restore", "Archived by mistake")]
    settle(qtbot, view)
    assert view.header.archive.text() == "Archive patient…"


def test_archived_patient_leaves_the_list_and_cannot_get_new_sessions(
    qtbot: QtBot, db: Database
) -> None:
    from cryolog.ui.main_window import MainWindow

    seeded = seed(db)
    window = MainWindow(seeded.services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    assert [p.id for p in window.model.rows] == [seeded.patient_id]
    view = window.open_patient(seeded.patient_id)
    settle(qtbot, view)
    assert view.courses.new_session_button.isEnabled()
    view.header.archive.click()
    dialog = view.act.dialog
    assert isinstance(dialog, ReasonDialog)
    dialog.edit.setPlainText("Moved to another clinic")
    dialog.ok.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0 and not window.runner.is_busy())
    assert not view.courses.new_session_button.isEnabled()


def test_closing_the_record_with_an_unsaved_event_form_asks(
    qtbot: QtBot, db: Database, discard: object
) -> None:
    from cryolog.ui.main_window import MainWindow

    seeded = seed(db)
    window = MainWindow(seeded.services)
    qtbot.addWidget(window)
    view = window.open_patient(seeded.patient_id)
    settle(qtbot, view)
    view.outcomes.new_event.click()
    form = view.act.dialog
    assert form is not None and not view.has_unsaved_work()
    form.description.setPlainText("Tingling")  # type: ignore[attr-defined]
    assert view.has_unsaved_work()
    discard.answer = False  # type: ignore[attr-defined]
    assert not window.close_tab(window.tabs.indexOf(view))
    assert discard.asked == ["a form in this record"]  # type: ignore[attr-defined]
