"""Where the calendar meets the main window: a Calendar menu (the day plan and the week
view as tabs, the practice week's settings), and booking a course's visits from anywhere.

The main window calls ``install_calendar(window)`` once; the record view calls
``open_booking`` from its course list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabBar, QWidget

from cryolog.services import Services
from cryolog.ui.tasks import TaskRunner

if TYPE_CHECKING:  # imported when first opened: the window's start does not wait for them
    from cryolog.ui.appointments.booking_dialog import BookingDialog
    from cryolog.ui.appointments.day_plan import DayPlanView
    from cryolog.ui.appointments.week_settings import WeekSettingsDialog
    from cryolog.ui.appointments.week_view import WeekView
    from cryolog.ui.main_window import MainWindow


def open_booking(
    parent: QWidget, services: Services, runner: TaskRunner, patient_id: int, course_id: int
) -> BookingDialog:
    from cryolog.ui.appointments.booking_dialog import BookingDialog

    dialog = BookingDialog(services, runner, patient_id, course_id, parent)
    dialog.open()
    return dialog


class Calendar(QObject):
    """The day plan is the window's Today tab; the week view opens as a tab of its own."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.when_today_built(self._attach)
        self.week_view: WeekView | None = None
        self.dialog: QWidget | None = None
        menu = window.menuBar().addMenu(self.tr("&Calendar"))
        self.day_plan_action = self._action(self.tr("&Day plan (Today)"), self.show_day_plan)
        self.week_action = self._action(self.tr("&Week"), self.show_week, "Ctrl+K")
        self.settings_action = self._action(self.tr("Practice &week and resources…"), self.settings)
        for action in (self.day_plan_action, self.week_action, self.settings_action):
            menu.addAction(action)

    def _attach(self, day_plan: DayPlanView) -> None:
        day_plan.book_course.connect(self.book)
        day_plan.repropose.connect(self.book)

    @property
    def day_plan(self) -> DayPlanView:
        return self.window.today

    def _action(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _tab(self, widget: QWidget, title: str) -> None:
        tabs = self.window.tabs
        if tabs.indexOf(widget) < 0:
            index = tabs.addTab(widget, title)
            tabs.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, None)
        tabs.setCurrentWidget(widget)

    def show_day_plan(self) -> DayPlanView:
        self.window.tabs.setCurrentWidget(self.day_plan)  # refreshed as it comes in front
        return self.day_plan

    def show_week(self) -> WeekView:
        if self.week_view is None:
            from cryolog.ui.appointments.week_view import WeekView

            self.week_view = WeekView(self.window.services, self.window.runner)
        self._tab(self.week_view, self.tr("Week"))
        self.week_view.refresh()
        return self.week_view

    def settings(self) -> WeekSettingsDialog:
        from cryolog.ui.appointments.week_settings import WeekSettingsDialog

        dialog = WeekSettingsDialog(self.window.services, self.window.runner, self.window)
        self.dialog = dialog
        dialog.open()
        return dialog

    def book(self, patient_id: int, course_id: int) -> BookingDialog:
        dialog = open_booking(
            self.window, self.window.services, self.window.runner, patient_id, course_id
        )
        dialog.booked.connect(lambda _: self.window.refresh_today())
        self.dialog = dialog
        return dialog


def install_calendar(window: MainWindow) -> Calendar:
    calendar = Calendar(window)
    window.calendar = calendar
    return calendar


def offer_cancel_future(
    parent: QWidget,
    services: Services,
    runner: TaskRunner,
    *,
    patient_id: int | None = None,
    course_id: int | None = None,
    why: str = "",
) -> None:
    """After a course is closed or voided, or a patient archived: if visits are still
    booked, offer to cancel them (the list, a reason, Cancel them / Keep them)."""
    from cryolog.ui.appointments.cancel_future import CancelFutureDialog

    service = services.appointments

    def found(items: list[object]) -> None:
        if items:
            dialog = CancelFutureDialog(
                services, runner, patient_id=patient_id, course_id=course_id, why=why, parent=parent
            )
            dialog.open()

    runner.submit(
        "offer_cancel_future",
        lambda: service.future(patient_id=patient_id, course_id=course_id),
        found,
        owner=parent,
    )
