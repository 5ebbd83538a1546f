"""The ice cube test calls the practitioner, takes its times from the practice's settings,
and cannot be saved before the reading time without an explicit "read early"."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.errors import DiskFull
from cryolog.db.models import ColdTest
from cryolog.ui.record.ice_timer import Phase
from cryolog.ui.record.record_view import PatientRecordView
from cryolog.ui.session_clock import Alarm
from tests.ui.conftest import FakeClock
from tests.ui.record_setup import give_reason, open_record, seed, settle

REASON = "The practice uses the 4-minute protocol now"


def _record(qtbot: QtBot, db: Database, **settings: float) -> PatientRecordView:
    seeded = seed(db)
    if settings:
        seeded.services.practice.set_thresholds(settings, REASON)
    view = open_record(qtbot, seeded)
    view.tabs.setCurrentWidget(view.cold_tests)
    return view


def _ice(db: Database) -> list[ColdTest]:
    with db.read() as s:
        return list(
            s.scalars(select(ColdTest).where(ColdTest.kind == "ice_cube").order_by(ColdTest.id))
        )


def test_contact_and_reading_times_come_from_the_practice_settings(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    view = _record(qtbot, db, ice_test_contact_s=240, ice_test_read_after_min=15)
    ice = view.cold_tests.ice
    assert ice.start_button.text() == "Start 4 min contact"
    assert (ice.contact.text(), ice.read_after.text()) == ("240", "15")
    ice.start_button.click()
    assert ice.timer.remaining == 240
    clock.advance(240)
    ice.timer.tick()
    ice.remove_button.click()
    assert ice.timer.read_due == clock.now() + timedelta(minutes=15)


def test_the_timer_calls_on_the_patients_tab_while_another_tab_is_in_front(
    qtbot: QtBot, db: Database, clock: FakeClock, alarm: Alarm
) -> None:
    view = _record(qtbot, db)
    titles: list[str] = []
    view.title_changed.connect(titles.append)
    ice = view.cold_tests.ice
    ice.start_button.click()
    view.tabs.setCurrentWidget(view.courses)  # the practitioner looks at something else
    clock.advance(299)
    ice.timer.tick()
    assert alarm.rung == [] and titles[-1].startswith("❄ 0:01")
    clock.advance(1)
    ice.timer.tick()
    assert alarm.rung == ["ice:remove"] and ice.timer.phase is Phase.REMOVE
    cold_tab = view.tabs.tabText(view.tabs.indexOf(view.cold_tests))
    assert "⚠" in cold_tab and titles[-1].startswith("⚠ ice")
    strip = view.session_host.ice_status
    assert strip.isVisibleTo(view) and "remove the cube now" in strip.text()
    view.session_host.ice_button.click()
    assert view.tabs.currentWidget() is view.cold_tests
    ice.remove_button.click()
    clock.advance(600)
    ice.timer.tick()
    assert alarm.rung == ["ice:remove", "ice:read"]
    assert "Read the result now" in ice.prompt.text()


def test_a_result_before_the_reading_time_needs_read_early(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    view = _record(qtbot, db)
    before = len(_ice(db))
    ice = view.cold_tests.ice
    ice.start_button.click()
    clock.advance(300)
    ice.timer.tick()
    ice.save_button.click()  # the cube is still on
    settle(qtbot, view)
    assert "still on" in ice.errors.general.text() and len(_ice(db)) == before
    ice.remove_button.click()
    clock.advance(240)
    ice.timer.tick()
    assert ice.read_early.isVisibleTo(ice) and not ice.read_early.isChecked()
    ice.save_button.click()
    settle(qtbot, view)
    message = ice.errors.messages("read_early")
    assert "before the reading time" in message and "read early" in message
    assert len(_ice(db)) == before  # nothing written
    ice.read_early.setChecked(True)
    ice.save_button.click()
    settle(qtbot, view)
    tests = _ice(db)
    assert len(tests) == before + 1
    new = tests[-1]
    assert new.read_early and new.contact_s == 300
    assert new.cube_removed_at is not None and new.read_at == clock.now()
    settle(qtbot, view)
    assert "read early" in view.cold_tests.summary.text()


def test_at_the_reading_time_it_is_saved_and_a_negative_offers_the_longer_repeat(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    view = _record(qtbot, db)
    ice = view.cold_tests.ice
    ice.start_button.click()
    clock.advance(300)
    ice.timer.tick()
    ice.remove_button.click()
    clock.advance(600)
    ice.timer.tick()
    assert not ice.read_early.isVisibleTo(ice)
    ice.save_button.click()
    settle(qtbot, view)
    assert _ice(db)[-1].read_early is False and _ice(db)[-1].read_at is not None
    settle(qtbot, view)
    repeat = ice.repeat_buttons[600]
    assert repeat.isVisibleTo(ice) and ice.repeat_buttons[1200].isVisibleTo(ice)
    repeat.click()
    assert ice.timer.phase is Phase.CONTACT and ice.timer.remaining == 600
    assert ice.contact.text() == "600" and not repeat.isVisibleTo(ice)


def test_a_test_entered_afterwards_from_paper_needs_no_timer(qtbot: QtBot, db: Database) -> None:
    view = _record(qtbot, db)
    ice = view.cold_tests.ice
    day = date.today() - timedelta(days=3)
    ice.day.setDate(QDate(day.year, day.month, day.day))
    ice.result.setCurrentIndex(ice.result.findData("wheal"))
    ice.save_button.click()
    settle(qtbot, view)
    new = _ice(db)[-1]
    assert (new.performed_on, new.ice_result, new.read_early, new.read_at) == (
        day,
        "wheal",
        False,
        None,
    )


def test_the_ice_cube_times_are_edited_in_preferences_and_validated(
    qtbot: QtBot, db: Database
) -> None:
    from cryolog.ui.preferences import PreferencesDialog

    seeded = seed(db)
    dialog = PreferencesDialog(seeded.services)
    qtbot.addWidget(dialog)
    contact, read = dialog.limits["ice_test_contact_s"], dialog.limits["ice_test_read_after_min"]
    assert (contact.text(), read.text()) == ("300", "10")
    contact.setText("20")  # a typo for 200: too short a contact to mean anything
    dialog.save()
    give_reason(dialog, REASON)
    assert "outside 60 … 1800" in dialog.limit_errors.messages("ice_test_contact_s")
    contact.setText("240")
    read.setText("15")
    dialog.save()
    give_reason(dialog, REASON)
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted
    view = open_record(qtbot, seeded)
    ice = view.cold_tests.ice
    assert ice.start_button.text() == "Start 4 min contact" and ice.read_after.text() == "15"


def test_the_ice_cube_save_runs_on_the_write_lane_and_a_failure_keeps_the_form(
    qtbot: QtBot, db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _record(qtbot, db)
    before = len(_ice(db))
    ice = view.cold_tests.ice
    pretreatment = type(view.services.pretreatment)
    real = pretreatment.record_cold_test
    release = threading.Event()
    threads: list[threading.Thread] = []

    def held(self: object, *args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        release.wait(10)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pretreatment, "record_cold_test", held)
    ice.start_button.click()
    clock.advance(300)
    ice.timer.tick()
    ice.remove_button.click()
    clock.advance(600)
    ice.timer.tick()
    ice.result.setCurrentIndex(ice.result.findData("wheal"))
    ice.save_button.click()
    qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
    assert threads[0] is not threading.main_thread()  # the window's thread never waits
    assert not ice.save_button.isEnabled()  # pending: no second save
    release.set()
    settle(qtbot, view)
    qtbot.waitUntil(ice.save_button.isEnabled, timeout=10_000)
    assert len(_ice(db)) == before + 1 and _ice(db)[-1].ice_result == "wheal"

    def full_disk(self: object, *args: object, **kwargs: object) -> object:
        raise DiskFull("The disk holding the database is full; nothing was saved.")

    monkeypatch.setattr(pretreatment, "record_cold_test", full_disk)
    day = date.today() - timedelta(days=2)
    ice.day.setDate(QDate(day.year, day.month, day.day))
    ice.contact.setText("240")
    ice.result.setCurrentIndex(ice.result.findData("negative"))
    ice.antihistamine.setChecked(True)
    ice.save_button.click()
    qtbot.waitUntil(lambda: ice.findChild(QMessageBox, "errorBox") is not None, timeout=10_000)
    box = ice.findChild(QMessageBox, "errorBox")
    assert box is not None and "disk" in box.text()
    assert len(_ice(db)) == before + 1  # nothing written
    assert ice.day.date().toPython() == day and ice.contact.text() == "240"
    assert ice.result.currentData() == "negative" and ice.antihistamine.isChecked()
    assert ice.has_unsaved_changes() and ice.status.text() != "Saved."
    assert ice.save_button.isEnabled()
