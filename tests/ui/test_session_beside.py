"""A session runs beside the chamber while the practitioner works with other patients; an
unsigned session of an earlier day waits in Today as "to complete"."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.ui.appointments import day_plan
from cryolog.ui.main_window import MainWindow
from cryolog.ui.session_clock import Alarm
from tests.ui.conftest import FakeClock
from tests.ui.record_setup import seed, session_data, settle, start_panel, stored


def _window(qtbot: QtBot, services: Services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy() and window.model.rowCount() > 0)
    return window


def test_another_patient_opens_and_is_searched_while_a_session_runs(
    qtbot: QtBot, db: Database, clock: FakeClock, alarm: Alarm
) -> None:
    first = seed(db, "Ivanova")
    other = seed(db, "Smirnova")
    window = _window(qtbot, first.services)
    view = window.open_patient(first.patient_id)
    settle(qtbot, view)
    panel = start_panel(qtbot, view, first.course_id)
    qtbot.keyClicks(panel.form.nrs_pre, "6")
    stored(qtbot, panel)
    qtbot.waitUntil(lambda: panel.start_button.isEnabled())
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.timer.running)

    # the practitioner goes back to the list, finds the next patient and opens her
    window.tabs.setCurrentIndex(0)
    qtbot.keyClicks(window.patients.search, "smir")
    qtbot.waitUntil(lambda: window.model.query[0] == "smir" and not window.runner.is_busy())
    assert [p.id for p in window.model.rows] == [other.patient_id]
    qtbot.keyClick(window.patients.search, Qt.Key.Key_Return)
    second = window.records[other.patient_id]
    assert window.tabs.currentWidget() is second
    settle(qtbot, second)
    assert second.header.name.text().startswith("Smirnova")
    assert second.session_panel is None  # her record has no session of its own

    # the chamber session still runs; its patient's tab counts down and then calls
    first_tab = window.tabs.indexOf(view)
    assert window.tabs.tabText(first_tab).startswith("▶")
    clock.advance(301)
    panel.timer.tick()
    assert alarm.rung == ["exposure"] and window.tabs.tabText(first_tab).startswith("⚠")
    assert window.tabs.currentWidget() is second  # nothing jumped in front of her
    window.tabs.setCurrentWidget(view)
    settle(qtbot, view)
    assert view.session_panel is panel and panel.timer.running
    panel.stop_button.click()
    done = stored(qtbot, panel)
    assert (done.state, done.actual_exposure_s) == ("completed", 301)


def test_an_unsigned_session_of_an_earlier_day_is_to_complete_in_today(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    yesterday = session_data(seeded.course_id, days_ago=1)
    draft = seeded.services.sessions.start_draft(seeded.patient_id, yesterday)
    window = _window(qtbot, seeded.services)
    window.tabs.setCurrentWidget(window.today)
    today = window.today  # the day plan
    qtbot.waitUntil(lambda: today.drafts.count() == 1)
    assert today.drafts.isVisibleTo(today)
    assert "not signed yet</b> — 1" in today.drafts_label.text()
    item = today.drafts.item(0)
    assert item is not None and item.text().endswith("— draft")
    row = item.data(day_plan.ROLE)
    assert (row.session_id, row.state) == (draft.id, "draft")
    view = window.open_patient(seeded.patient_id)
    settle(qtbot, view)
    assert view.session_panel is None  # an older one is offered, not opened by itself
    assert "not signed yet" in view.session_host.status.text()
    window.tabs.setCurrentWidget(today)
    today.drafts.itemActivated.emit(item)  # double-click or Enter: go on with it
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.session_panel is not None)
    panel = view.session_panel
    assert panel is not None and panel.presenter.dto is not None
    assert panel.presenter.dto.id == draft.id
    assert panel.form.started.date().toPython() == date.today() - timedelta(days=1)
