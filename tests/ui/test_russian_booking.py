"""Booking refusals and warnings in the Russian window, through the real services and
widgets: the booking dialog says them in Russian; an appointment keeps what it was booked
despite with its key, values and language, and shows it in today's language; one saved
before keyed messages (text only) shows its saved text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDateTimeEdit, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from cryolog.db.database import Database
from cryolog.db.models import Appointment
from cryolog.domain import locale as loc
from cryolog.services import Services
from cryolog.services.appointments_dto import AppointmentDTO, BookingRequest
from cryolog.ui.appointments.booking_dialog import BookingDialog
from cryolog.ui.appointments.day_plan import ROLE, DayPlanView
from cryolog.ui.tasks import TaskRunner
from tests.services.appointments_setup import at, next_weekday, set_up_week
from tests.services.conftest import patient_data

TIMEOUT = 20000
OLD_TEXT = (
    "interval_short: 1 day(s) from the course's visit on Tue 8 Dec 2026;"
    " the protocol asks for at least 3"
)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def _check(dialog: BookingDialog, row: int) -> str:
    label = dialog.table.cellWidget(row, 3)
    assert isinstance(label, QLabel)
    return label.text()


def _move_row(qtbot: QtBot, runner: TaskRunner, dialog: BookingDialog, row: int, day: date) -> None:
    when = dialog.table.cellWidget(row, 1)
    assert isinstance(when, QDateTimeEdit)
    with qtbot.waitSignal(runner.idle, timeout=TIMEOUT):
        when.setDateTime(when.dateTime().addDays((day - dialog.requests()[row].start.date()).days))


def test_booking_dialog_refuses_and_warns_in_russian_and_keeps_the_keyed_warning(
    qtbot: QtBot, db: Database, runner: TaskRunner, russian: None
) -> None:
    services = Services.open(db, "dr.test")
    set_up_week(services)
    pid = services.patients.register(patient_data()).id
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": date.today()})
    dialog = BookingDialog(services, runner, pid, course.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 15, timeout=TIMEOUT)
    dialog.count.setValue(2)
    with qtbot.waitSignal(runner.idle, timeout=TIMEOUT):
        dialog.propose_button.click()
    first = dialog.requests()[0].start.date()
    sunday = first + timedelta(days=(6 - first.weekday()) or 7)
    _move_row(qtbot, runner, dialog, 1, sunday)  # the practice is open Monday–Saturday
    refused = _check(dialog, 1)
    assert "Отказ:" in refused and "Практика закрыта по воскресеньям" in refused
    assert "Refused" not in refused and "closed" not in refused
    _move_row(qtbot, runner, dialog, 1, first + timedelta(days=1))
    warned = _check(dialog, 1)
    assert "Предупреждение:" in warned
    assert "1 день от визита курса" in warned and "протокол требует не менее 3" in warned
    with qtbot.waitSignal(runner.idle, timeout=TIMEOUT):
        dialog.confirm.click()
    asked = dialog.message.text()
    assert "Предупреждение:" in asked and "Напишите причину" in asked and "Write" not in asked
    assert services.appointments.future(course_id=course.id) == []
    dialog.reason.setText("Пациент уезжает на следующей неделе")
    with qtbot.waitSignal(dialog.booked, timeout=TIMEOUT):
        dialog.confirm.click()
    booked = services.appointments.future(course_id=course.id)
    assert len(booked) == 2
    with db.read() as s:
        row = s.get(Appointment, booked[1].id)
        assert row is not None
        text, said, shown = row.warnings, row.warnings_said, row.warnings_language
    assert shown == "ru" and "interval_short: 1 день от визита курса" in text
    stored = json.loads(said or "[]")
    assert [(f["rule"], f["level"], f["said"]["key"]) for f in stored] == [
        ("interval_short", "warning", "booking.interval_short")
    ]
    assert booked[1].warnings_now == text
    loc.use_language("en")  # another day, the window in English: the same warning in English
    again = services.appointments.appointment(booked[1].id)
    assert "1 day from the course's visit" in again.warnings_now
    assert again.warnings == text  # what was shown stays as it was


@pytest.mark.tampered  # writes an appointment's warnings the way an old version did
def test_day_plan_shows_keyed_warnings_in_russian_and_old_ones_as_saved(
    qtbot: QtBot, db: Database, runner: TaskRunner, russian: None
) -> None:
    services = Services.open(db, "dr.test")
    _, cabin = set_up_week(services)
    pid = services.patients.register(patient_data()).id
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": date.today()})
    day = next_weekday(1)
    loc.use_language("en")  # booked in an English window ...
    booked = services.appointments.book_many(
        [
            BookingRequest(pid, cabin, at(day, 9), course.id),
            BookingRequest(pid, cabin, at(day + timedelta(days=1), 9), course.id),
        ],
        reason="Patient is away the week after",
    )
    with db.write() as s:  # ... and one by a version before keyed messages
        s.execute(
            update(Appointment)
            .where(Appointment.id == booked[0].id)
            .values(warnings=OLD_TEXT, warnings_said=None, warnings_language=None)
        )
    loc.use_language("ru")  # ... shown today in a Russian window
    view = DayPlanView(services, runner)
    qtbot.addWidget(view)
    view.show()
    tips: dict[int, str] = {}
    for shown_day in (day, day + timedelta(days=1)):
        with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
            view.day.setDate(view.day.date().addDays((shown_day - view.current_day).days))
        for n in range(view.tree.topLevelItemCount()):
            item = view.tree.topLevelItem(n)
            data = item.data(0, ROLE) if item is not None else None
            if item is not None and isinstance(data, AppointmentDTO):
                tips[data.id] = item.toolTip(0)
    assert OLD_TEXT in tips[booked[0].id]
    keyed = tips[booked[1].id]
    assert "interval_short: 1 день от визита курса" in keyed and "day from" not in keyed
    assert "Patient is away the week after" in keyed
