"""A change of saved patient details or of the clinical limits needs a written reason."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.db.models import AuditEntry, ClinicalThreshold, Patient
from cryolog.services import Services
from cryolog.ui.patient_dialog import PatientDialog
from cryolog.ui.preferences import PreferencesDialog
from tests.ui.record_setup import count, give_reason, open_record, seed, settle


def _answer(qtbot: QtBot, dialog: PatientDialog, reason: str) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    asked = dialog.reason_dialog
    assert asked is not None and asked.isVisible()
    asked.edit.setPlainText(reason)
    asked.ok.click()


def test_patient_edit_without_a_reason_is_refused_with_a_message(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    view.header.edit.click()
    dialog = view.patient_dialog
    assert dialog is not None
    entries = count(db, AuditEntry)
    version = seeded.services.patients.get_patient(seeded.patient_id).version
    dialog.form.birth.set_value(date(1984, 3, 14))  # the age rules use it
    general = dialog.form.errors.general
    _answer(qtbot, dialog, "\u200b" * 12)  # invisible characters only
    qtbot.waitUntil(lambda: "invisible" in general.text())
    assert dialog.isVisible()
    _answer(qtbot, dialog, "typo")
    qtbot.waitUntil(lambda: "too short" in general.text())
    assert dialog.isVisible()
    assert count(db, AuditEntry) == entries
    with db.read() as s:
        row = s.get(Patient, seeded.patient_id)
        assert row is not None and row.version == version
    _answer(qtbot, dialog, "Birth date corrected from the passport")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    settle(qtbot, view)
    history = seeded.services.records.history(seeded.patient_id)
    assert (history[0].action, history[0].reason) == (
        "update",
        "Birth date corrected from the passport",
    )
    assert history[0].before_json is not None and "birth_date" in history[0].before_json


def test_new_patient_needs_no_reason(qtbot: QtBot, db: Database) -> None:
    dialog = PatientDialog(Services.open(db, "dr.test"))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.form.family, "Dupont")
    dialog.form.birth.set_value(date(1970, 1, 2))
    dialog.save()
    assert dialog.reason_dialog is None
    assert count(db, Patient) == 1


def test_limit_change_with_a_meaningless_reason_is_refused(qtbot: QtBot, db: Database) -> None:
    dialog = PreferencesDialog(Services.open(db, "dr.test"))
    qtbot.addWidget(dialog)
    dialog.limits["exposure_max_s"].setText("200")
    dialog.save()
    give_reason(dialog, "....!!!!....")
    qtbot.waitUntil(lambda: "letters" in dialog.limit_errors.general.text())
    assert dialog.result() != PreferencesDialog.DialogCode.Accepted
    assert count(db, ClinicalThreshold) == 0
    assert count(db, AuditEntry, AuditEntry.entity == "clinical_threshold") == 0
