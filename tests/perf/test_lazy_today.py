"""The Today tab's day plan is built when first wanted, not before the window shows: its
tab is there from the start, clicking it builds and loads the plan in the same place, and
a write made before then does not build it."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.ui.appointments.day_plan import DayPlanView
from cryolog.ui.changes import PATIENT, Change, hub
from cryolog.ui.main_window import TODAY_TAB, MainWindow

TIMEOUT = 10_000


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(Services.open(db, actor="test"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_opens_with_the_today_tab_but_without_its_plan(
    qtbot: QtBot, db: Database
) -> None:
    window = _window(qtbot, db)
    assert window.tabs.tabText(TODAY_TAB) == "Today"
    assert not isinstance(window.tabs.widget(TODAY_TAB), DayPlanView)
    assert window.findChildren(DayPlanView) == []


def test_clicking_today_builds_the_plan_in_its_tab_and_loads_it(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    added = window.services.patients.register(
        {"family_name": "Heute", "given_name": "Anna", "birth_date": date(1970, 1, 1)}
    )
    hub().announce(Change.of(PATIENT, added.id))  # as the window's own writes do
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=TIMEOUT)
    assert window.findChildren(DayPlanView) == []  # a write does not build it
    window.tabs.tabBar().setCurrentIndex(TODAY_TAB)  # as a click on the tab does
    plan = window.tabs.widget(TODAY_TAB)
    assert isinstance(plan, DayPlanView) and window.tabs.currentWidget() is plan
    assert window.tabs.tabText(TODAY_TAB) == "Today" and window.tabs.count() == 2
    qtbot.waitUntil(lambda: plan.plan is not None, timeout=TIMEOUT)
    assert window.today is plan and len(window.findChildren(DayPlanView)) == 1
    window.tabs.setCurrentIndex(0)
    window.tabs.setCurrentWidget(window.today)  # Ctrl+T's way: the same plan again
    assert window.tabs.currentIndex() == TODAY_TAB and window.today is plan
