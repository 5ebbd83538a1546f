"""Preferences: clinical limits are validated next to the field, saved, audited and used."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import AuditContent, AuditEntry, ClinicalThreshold
from cryolog.services import Services
from cryolog.ui.preferences import PreferencesDialog
from tests.ui.record_setup import count, give_reason


def _dialog(qtbot: QtBot, db: Database) -> PreferencesDialog:
    dialog = PreferencesDialog(Services.open(db, "dr.test"))
    qtbot.addWidget(dialog)
    return dialog


def test_changed_limit_is_saved_audited_and_used(qtbot: QtBot, db: Database) -> None:
    dialog = _dialog(qtbot, db)
    dialog.limits["exposure_max_s"].setText("200")
    audit_before = count(db, AuditEntry)
    dialog.save()
    give_reason(dialog, "Chamber manufacturer's new guidance")
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted
    with db.read() as s:
        stored = s.scalar(
            select(ClinicalThreshold).where(ClinicalThreshold.name == "exposure_max_s")
        )
        assert stored is not None and stored.value == 200
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "clinical_threshold")).one()
        assert entry.reason == "Chamber manufacturer's new guidance"
    assert count(db, AuditEntry) >= audit_before + 1
    assert Services.open(db).practice.thresholds()["exposure_max_s"] == 200


def test_inconsistent_limits_are_refused_next_to_the_field(qtbot: QtBot, db: Database) -> None:
    dialog = _dialog(qtbot, db)
    dialog.limits["bp_warn_systolic"].setText("170")  # above the 160 stop limit
    dialog.limits["cold_pack_max_s"].setText("twenty minutes")
    dialog.save()
    assert dialog.result() != PreferencesDialog.DialogCode.Accepted
    assert "must be a number" in dialog.limit_errors.messages("cold_pack_max_s")
    dialog.limits["cold_pack_max_s"].setText("1200")
    dialog.save()
    give_reason(dialog, "Stricter warning from the chamber maker")
    assert "below" in dialog.limit_errors.messages("bp_warn_systolic")
    assert count(db, ClinicalThreshold) == 0
    assert count(db, AuditEntry, AuditEntry.entity == "clinical_threshold") == 0


def test_practice_and_limits_are_one_transaction(qtbot: QtBot, db: Database) -> None:
    """A bad limit keeps the (valid) practice details from being saved too."""
    dialog = _dialog(qtbot, db)
    dialog.practice.name.setText("Nordic Cryo")
    dialog.limits["bp_warn_systolic"].setText("170")  # refused by the service
    before = count(db, AuditEntry)
    dialog.save()
    give_reason(dialog, "Stricter warning from the chamber maker")
    assert "below" in dialog.limit_errors.messages("bp_warn_systolic")
    assert Services.open(db).practice.practice().name == ""
    assert count(db, AuditEntry) == before


def test_country_and_time_zone_are_saved_and_audited(qtbot: QtBot, db: Database) -> None:
    dialog = _dialog(qtbot, db)
    dialog.country.setCurrentIndex(dialog.country.findData("FR"))
    dialog.time_zone.setCurrentIndex(dialog.time_zone.findData("Europe/Paris"))
    assert dialog.has_unsaved_changes()
    dialog.save()  # no limit changed: no reason asked
    assert dialog.reason_dialog is None
    saved = Services.open(db).practice.practice()
    assert (saved.country, saved.time_zone) == ("FR", "Europe/Paris")
    with db.read() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "practice").order_by(AuditEntry.id)
        ).all()[-1]
        content = s.scalar(select(AuditContent.content).where(AuditContent.entry_id == entry.id))
    change = json.loads(content or "{}")  # the chained entry's change: the fields before/after
    assert change["after"]["country"] == "FR" and change["after"]["time_zone"] == "Europe/Paris"


def test_a_reason_like_x_is_refused_and_nothing_changes(qtbot: QtBot, db: Database) -> None:
    dialog = _dialog(qtbot, db)
    dialog.limits["exposure_max_s"].setText("200")
    dialog.save()
    give_reason(dialog, "x")
    assert "too short" in dialog.limit_errors.messages("reason") or "too short" in (
        dialog.limit_errors.general.text()
    )
    assert count(db, ClinicalThreshold) == 0


def test_opening_preferences_does_not_read_the_database_on_the_windows_thread(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryolog.services.practice import PracticeService
    from cryolog.ui.changes import PRACTICE, Change, hub
    from cryolog.ui.main_window import MainWindow

    threads: list[bool] = []
    for name in ("practice", "thresholds"):
        real = getattr(PracticeService, name)

        def watched(self: object, *a: object, _real: Any = real, **k: object) -> object:
            threads.append(threading.current_thread() is threading.main_thread())
            return _real(self, *a, **k)

        monkeypatch.setattr(PracticeService, name, watched)
    services = Services.open(db, "dr.test")
    services.practice.set_thresholds(
        {"ice_test_read_after_min": 15}, "The practice reads later now"
    )
    window = MainWindow(services)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.practice_now is not None, timeout=10_000)
    assert threads and True not in threads
    threads.clear()
    dialog = window.preferences()
    assert True not in threads  # read beforehand, on a lane (other views may read there too)
    assert dialog.limits["ice_test_read_after_min"].text() == "15"
    assert not dialog.has_unsaved_changes()
    dialog.reject()
    hub().announce(Change.of(PRACTICE))  # a saved change: what was kept is stale
    assert window.practice_now is None  # Preferences would read for itself meanwhile
    qtbot.waitUntil(lambda: window.practice_now is not None, timeout=10_000)
