"""A change of saved patient details or of the clinical limits needs a written reason."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.db.models import AuditEntry, ClinicalThreshold, Patient
from cryolog.services import Services
from cryolog.ui.preferences import PreferencesDialog
from tests.ui.record_setup import count, open_record, seed


def test_patient_edit_without_a_reason_is_refused_next_to_the_field(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    view.header.edit.click()
    dialog = view.patient_dialog
    assert dialog is not None
    entries = count(db, AuditEntry)
    version = seeded.services.patients.get_patient(seeded.patient_id).version
    dialog.form.birth.setDate(dialog.form.birth.date().addYears(-1))  # the age rules use it
    dialog.reason.setText("\u200b" * 12)  # invisible characters only
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "invisible" in dialog.form.errors.messages("reason")
    dialog.reason.setText("typo")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "too short" in dialog.form.errors.messages("reason")
    assert count(db, AuditEntry) == entries
    with db.read() as s:
        row = s.get(Patient, seeded.patient_id)
        assert row is not None and row.version == version
    dialog.reason.setText("Birth date corrected from the passport")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    history = seeded.services.records.history(seeded.patient_id)
    assert (history[0].action, history[0].reason) == (
        "update",
        "Birth date corrected from the passport",
    )
    assert history[0].before_json is not None and "birth_date" in history[0].before_json


def test_new_patient_needs_no_reason(qtbot: QtBot, db: Database) -> None:
    from cryolog.ui.patient_dialog import PatientDialog

    dialog = PatientDialog(Services.open(db, "dr.test"))
    qtbot.addWidget(dialog)
    assert not dialog.reason.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.form.family, "Dupont")
    dialog.save()
    assert count(db, Patient) == 1


def test_limit_change_with_a_meaningless_reason_is_refused(qtbot: QtBot, db: Database) -> None:
    dialog = PreferencesDialog(Services.open(db, "dr.test"))
    qtbot.addWidget(dialog)
    dialog.limits["exposure_max_s"].setText("200")
    dialog.reason.setText("....!!!!....")
    dialog.save()
    assert dialog.result() != PreferencesDialog.DialogCode.Accepted
    assert "letters" in dialog.limit_errors.general.text()
    assert count(db, ClinicalThreshold) == 0
    assert count(db, AuditEntry, AuditEntry.entity == "clinical_threshold") == 0
