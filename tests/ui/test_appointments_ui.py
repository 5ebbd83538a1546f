"""The calendar in the window, driven with qtbot on a real database: the week grid (moves
by mouse press–move–release and by keyboard), the day plan, booking a course's visits and
the practice week's settings. Every test checks what the database holds afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.domain.booking.checks import BookingFinding
from cryolog.domain.booking.week import Interval, Resource
from cryolog.services import Services, audit
from cryolog.services.appointments_dto import AppointmentDTO, BookingRequest
from cryolog.ui.appointments import common, day_plan
from cryolog.ui.appointments.booking_dialog import BookingDialog
from cryolog.ui.appointments.day_plan import DayPlanView
from cryolog.ui.appointments.week_grid import Place
from cryolog.ui.appointments.week_settings import WeekSettingsDialog
from cryolog.ui.appointments.week_view import WeekView
from cryolog.ui.tasks import TaskRunner
from tests.services.appointments_setup import at, next_weekday, set_up_week
from tests.services.conftest import other_patient, patient_data

TIMEOUT = 20000
TUESDAY = next_weekday(1)


@pytest.fixture
def services(db: Database) -> Services:
    return Services.open(db, "dr.test")


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def rooms(services: Services) -> tuple[int, int]:
    return set_up_week(services)


def book(
    services: Services, name: str, resource: int, start: datetime, course: int | None = None
) -> AppointmentDTO:
    pid = services.patients.register(other_patient(name)).id
    return services.appointments.book(BookingRequest(pid, resource, start, course))


def week_view(qtbot: QtBot, services: Services, runner: TaskRunner) -> WeekView:
    view = WeekView(services, runner)
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.show_week_of(TUESDAY)
    return view


def point(view: WeekView, place: Place) -> QPoint:
    p: QPointF = view.grid.point_of(place)
    return QPoint(int(p.x()), int(p.y()) + 2)


def stored(services: Services, appointment_id: int) -> AppointmentDTO:
    return services.appointments.appointment(appointment_id)


def test_week_grid_moves_an_appointment_by_press_move_release(
    qtbot: QtBot, services: Services, runner: TaskRunner, rooms: tuple[int, int]
) -> None:
    _, cabin = rooms
    booked = book(services, "Мышкина", cabin, at(TUESDAY, 9))
    view = week_view(qtbot, services, runner)
    grid = view.grid
    source = point(view, Place(TUESDAY, cabin, 9 * 60))
    target = point(view, Place(TUESDAY + timedelta(days=1), cabin, 10 * 60 + 30))
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=source)
    qtbot.mouseMove(grid, pos=QPoint((source.x() + target.x()) // 2, source.y() + 40))
    qtbot.mouseMove(grid, pos=target)
    assert grid.pending == Place(TUESDAY + timedelta(days=1), cabin, 10 * 60 + 30)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=target)
    moved = stored(services, booked.id)
    assert moved.start == at(TUESDAY + timedelta(days=1), 10, 30) and moved.version == 2


def test_week_grid_moves_an_appointment_by_keyboard(
    qtbot: QtBot, services: Services, runner: TaskRunner, rooms: tuple[int, int]
) -> None:
    _, cabin = rooms
    booked = book(services, "Клавишина", cabin, at(TUESDAY, 9))
    view = week_view(qtbot, services, runner)
    grid = view.grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # select it
    assert grid.selected is not None and grid.selected.id == booked.id
    qtbot.keyClick(grid, Qt.Key.Key_Down)  # 09:30
    qtbot.keyClick(grid, Qt.Key.Key_Down)  # 10:00
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # Wednesday
    assert grid.pending == Place(TUESDAY + timedelta(days=1), cabin, 10 * 60)
    qtbot.keyClick(grid, Qt.Key.Key_Escape)
    assert grid.pending is None
    qtbot.keyClick(grid, Qt.Key.Key_Up)  # 08:30
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert stored(services, booked.id).start == at(TUESDAY, 8, 30)


def test_a_refused_move_says_why_and_changes_nothing(
    qtbot: QtBot, services: Services, runner: TaskRunner, rooms: tuple[int, int]
) -> None:
    _, cabin = rooms
    mover = book(services, "Первая", cabin, at(TUESDAY, 9))
    book(services, "Вторая", cabin, at(TUESDAY, 11))
    view = week_view(qtbot, services, runner)
    qtbot.mousePress(
        view.grid, Qt.MouseButton.LeftButton, pos=point(view, Place(TUESDAY, cabin, 540))
    )
    target = point(view, Place(TUESDAY, cabin, 660))
    qtbot.mouseMove(view.grid, pos=target)
    qtbot.mouseRelease(view.grid, Qt.MouseButton.LeftButton, pos=target)
    qtbot.waitUntil(lambda: "place taken" in view.message.text(), timeout=TIMEOUT)
    assert stored(services, mover.id).start == at(TUESDAY, 9)


def test_a_move_that_warns_asks_a_reason_and_keeps_it(
    qtbot: QtBot,
    services: Services,
    runner: TaskRunner,
    rooms: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, cabin = rooms
    pid = services.patients.register(patient_data()).id
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": date.today()})
    services.appointments.book(BookingRequest(pid, cabin, at(TUESDAY, 9), course.id))
    later = services.appointments.book(
        BookingRequest(pid, cabin, at(TUESDAY + timedelta(days=3), 9), course.id)
    )
    asked: list[list[BookingFinding]] = []

    def answer(parent: object, findings: list[BookingFinding]) -> str:
        asked.append(findings)
        return "The patient can only come on Wednesday this week"

    monkeypatch.setattr(common, "ask_reason", answer)
    view = week_view(qtbot, services, runner)
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert view.grid.selected is not None and view.grid.selected.id == later.id
    for _ in range(2):
        qtbot.keyClick(view.grid, Qt.Key.Key_Left)  # Friday → Wednesday: 1 day after Tuesday
    qtbot.keyClick(view.grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(services, later.id).version == 2, timeout=TIMEOUT)
    assert [f.rule for f in asked[0]] == ["interval_short"]
    assert "interval_short" in stored(services, later.id).warnings


def test_booking_a_free_slot_for_a_patient(
    qtbot: QtBot, services: Services, runner: TaskRunner, rooms: tuple[int, int]
) -> None:
    chamber, _ = rooms
    pid = services.patients.register(patient_data()).id
    view = week_view(qtbot, services, runner)
    view.set_booking_patient(pid, None, "Ivanova")
    with qtbot.waitSignal(view.changed, timeout=TIMEOUT):
        qtbot.mouseClick(
            view.grid,
            Qt.MouseButton.LeftButton,
            pos=point(view, Place(TUESDAY, chamber, 8 * 60 + 16)),
        )
    (booked,) = services.appointments.between(TUESDAY, TUESDAY)
    assert (booked.patient_id, booked.start, booked.resource_id) == (
        pid,
        at(TUESDAY, 8, 16),
        chamber,
    )


def plan_view(qtbot: QtBot, services: Services, runner: TaskRunner) -> DayPlanView:
    view = DayPlanView(services, runner)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.day.setDate(view.day.date().addDays((TUESDAY - date.today()).days))
    return view


def test_day_plan_lists_per_resource_and_starts_a_session(
    qtbot: QtBot, services: Services, runner: TaskRunner, rooms: tuple[int, int]
) -> None:
    chamber, cabin = rooms
    pid = services.patients.register(patient_data()).id
    course = services.courses.open_course(
        pid, {"protocol_id": "local_pain", "started_on": date.today()}
    )
    mine = services.appointments.book(BookingRequest(pid, cabin, at(TUESDAY, 10), course.id))
    book(services, "Ранняя", cabin, at(TUESDAY, 8, 30))
    book(services, "Камерная", chamber, at(TUESDAY, 9, 4))
    view = plan_view(qtbot, services, runner)
    rows = [view.tree.topLevelItem(n) for n in range(view.tree.topLevelItemCount())]
    texts = [(r.text(0), r.text(1)) for r in rows if r is not None]
    assert [t[0] for t in texts] == [
        "Chamber",
        "09:04–09:07",
        "Cabin 1",
        "08:30–08:50",
        "10:00–10:20",
    ]
    view.select(mine.id)
    with qtbot.waitSignal(view.start_requested, timeout=TIMEOUT) as started:
        view.start_button.click()
    assert started.args == [pid, course.id, cabin]


def test_day_plan_cancels_with_a_reason(
    qtbot: QtBot,
    services: Services,
    runner: TaskRunner,
    rooms: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    booked = book(services, "Отменова", rooms[1], at(TUESDAY, 10))
    monkeypatch.setattr(day_plan, "ask_cancel_reason", lambda *_: "The patient rang in sick today")
    view = plan_view(qtbot, services, runner)
    view.select(booked.id)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.cancel_button.click()
    assert stored(services, booked.id).status == "cancelled"
    assert stored(services, booked.id).cancel_reason == "The patient rang in sick today"


def test_day_plan_lists_due_courses_not_booked(
    qtbot: QtBot, services: Services, runner: TaskRunner, rooms: tuple[int, int]
) -> None:
    due = services.patients.register(other_patient("Ждущая")).id
    booked = services.patients.register(other_patient("Записанная")).id
    for pid in (due, booked):
        services.courses.open_course(pid, {"protocol_id": "wbc_course", "started_on": date.today()})
    services.appointments.book(BookingRequest(booked, rooms[0], at(TUESDAY, 9, 4)))
    view = DayPlanView(services, runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.refresh()
    names = [view.due.item(n).text() for n in range(view.due.count())]  # type: ignore[union-attr]
    assert any("Ждущая" in n for n in names)


def test_booking_dialog_books_the_rest_of_a_course(
    qtbot: QtBot, services: Services, runner: TaskRunner, rooms: tuple[int, int]
) -> None:
    pid = services.patients.register(patient_data()).id
    course = services.courses.open_course(
        pid, {"protocol_id": "acne", "started_on": date.today(), "planned_sessions": 5}
    )
    dialog = BookingDialog(services, runner, pid, course.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 5, timeout=TIMEOUT)
    dialog.table.cellWidget(4, 0).setChecked(False)  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.booked, timeout=TIMEOUT):
        dialog.confirm.click()
    assert len(services.appointments.future(course_id=course.id)) == 4


def test_booking_dialog_asks_a_reason_for_warnings(
    qtbot: QtBot, services: Services, runner: TaskRunner, rooms: tuple[int, int]
) -> None:
    pid = services.patients.register(patient_data()).id
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": date.today()})
    dialog = BookingDialog(services, runner, pid, course.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 15, timeout=TIMEOUT)
    dialog.count.setValue(2)
    with qtbot.waitSignal(runner.idle, timeout=TIMEOUT):
        dialog.propose_button.click()
    first = dialog.requests()[0].start
    when = dialog.table.cellWidget(1, 1)
    with qtbot.waitSignal(runner.idle, timeout=TIMEOUT):
        when.setDateTime(when.dateTime().addDays(-((dialog.requests()[1].start - first).days - 1)))  # type: ignore[union-attr]
    check = dialog.table.cellWidget(1, 3)
    assert "at least 3" in check.text()  # type: ignore[union-attr]
    with qtbot.waitSignal(runner.idle, timeout=TIMEOUT):
        dialog.confirm.click()
    assert "Write a reason" in dialog.message.text()
    assert services.appointments.future(course_id=course.id) == []
    qtbot.keyClicks(dialog.reason, "Patient is away the week after")
    with qtbot.waitSignal(dialog.booked, timeout=TIMEOUT):
        dialog.confirm.click()
    assert len(services.appointments.future(course_id=course.id)) == 2


def test_week_settings_dialog_saves_hours_and_resources(
    qtbot: QtBot, services: Services, runner: TaskRunner, db: Database
) -> None:
    dialog = WeekSettingsDialog(services, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.status.text() == "", timeout=TIMEOUT)
    dialog.hours.add(Interval(2, 9 * 60, 13 * 60))
    editor = dialog._add_editor(Resource(0, "", ()))
    dialog.save()  # a nameless resource without treatments
    qtbot.waitUntil(lambda: "letter" in editor.errors.text(), timeout=TIMEOUT)
    assert services.week.week().hours == ()
    qtbot.keyClicks(editor.name, "Cabin A")
    editor.modalities["cold_air"].setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save()
    week = services.week.week()
    assert [(i.weekday, i.start_min, i.end_min) for i in week.hours] == [(2, 540, 780)]
    assert [(r.name, r.modalities) for r in week.resources] == [("Cabin A", ("cold_air",))]


def test_the_calendar_menu_opens_the_day_plan_and_the_week(
    qtbot: QtBot, services: Services, rooms: tuple[int, int]
) -> None:
    from cryolog.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    calendar = window.calendar
    assert calendar is not None
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Calendar" in menus
    calendar.day_plan_action.trigger()
    assert window.tabs.currentWidget() is calendar.day_plan
    assert calendar.day_plan is not None
    qtbot.waitUntil(lambda: calendar.day_plan is not None and calendar.day_plan.plan is not None)
    calendar.week_action.trigger()
    assert window.tabs.currentWidget() is calendar.week_view
    window.runner.wait()
    window.close()


def test_cancel_future_dialog_cancels_a_courses_visits(
    qtbot: QtBot, services: Services, runner: TaskRunner, rooms: tuple[int, int]
) -> None:
    from cryolog.ui.appointments.cancel_future import CancelFutureDialog

    pid = services.patients.register(patient_data()).id
    course = services.courses.open_course(
        pid, {"protocol_id": "local_pain", "started_on": date.today()}
    )
    proposal = services.appointments.propose_rest(course.id, 3)
    services.appointments.book_many(
        [BookingRequest(pid, v.resource_id, v.start, course.id) for v in proposal.visits]
    )
    dialog = CancelFutureDialog(services, runner, course_id=course.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.items.count() == 3, timeout=TIMEOUT)
    dialog.cancel_them.click()  # no reason yet: refused, nothing cancelled
    qtbot.waitUntil(lambda: "reason" in dialog.message.text(), timeout=TIMEOUT)
    assert len(services.appointments.future(course_id=course.id)) == 3
    qtbot.keyClicks(dialog.reason, "The course was closed early")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        dialog.cancel_them.click()
    assert services.appointments.future(course_id=course.id) == []


def test_a_no_show_offers_to_propose_the_rest_again(
    qtbot: QtBot, services: Services, runner: TaskRunner, db: Database, rooms: tuple[int, int]
) -> None:
    from cryolog.db.models import Appointment
    from cryolog.services.appointments_zone import now_local, practice_zone, to_utc

    pid = services.patients.register(patient_data()).id
    course = services.courses.open_course(
        pid, {"protocol_id": "local_pain", "started_on": date.today()}
    )
    with db.write() as s:  # booked earlier for an hour ago, as it would have been
        zone = practice_zone(s)
        start = now_local(zone) - timedelta(hours=1)
        row = Appointment(
            patient_id=pid,
            course_id=course.id,
            resource_id=rooms[1],
            starts_at=to_utc(start, zone),
            local_day=start.date(),
            length_min=20,
            status="booked",
        )
        s.add(row)
        s.flush()
        audit.write(s, "dr.test", "book", "appointment", row.id, pid)
    view = DayPlanView(services, runner)
    qtbot.addWidget(view)
    view.day.setDate(view.day.date().addDays((start.date() - date.today()).days))
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.refresh()
    view.select(row.id)
    with qtbot.waitSignal(view.repropose, timeout=TIMEOUT) as offered:
        view.no_show_button.click()
    assert offered.args == [pid, course.id]
    assert stored(services, row.id).status == "no_show"


def test_the_record_books_visits_and_prints_the_appointment_card(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryolog.db.models import Document
    from tests.ui.record_setup import count, open_record, seed

    seeded = seed(db)
    set_up_week(seeded.services)
    view = open_record(qtbot, seeded)
    view.tabs.setCurrentWidget(view.courses)
    view.courses.select_course(seeded.course_id)
    assert view.courses.book_button.isEnabled()
    view.courses.book_button.click()
    dialog = view.findChild(BookingDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.booked, timeout=TIMEOUT):
        dialog.confirm.click()
    booked = seeded.services.appointments.future(course_id=seeded.course_id)
    assert len(booked) == dialog.table.rowCount()
    view.tabs.setCurrentWidget(view.documents)
    view.documents.card_button.click()
    qtbot.waitUntil(
        lambda: count(db, Document, Document.kind == "appointment_card") == 1, timeout=TIMEOUT
    )
    view.runner.wait()


def test_closing_a_course_offers_to_cancel_its_booked_visits(qtbot: QtBot, db: Database) -> None:
    from cryolog.ui.appointments.cancel_future import CancelFutureDialog
    from cryolog.ui.record.course_close import CloseCourseDialog
    from tests.ui.record_setup import open_record, seed

    seeded = seed(db)
    set_up_week(seeded.services)
    proposal = seeded.services.appointments.propose_rest(seeded.course_id, 2)
    seeded.services.appointments.book_many(
        [
            BookingRequest(seeded.patient_id, v.resource_id, v.start, seeded.course_id)
            for v in proposal.visits
        ]
    )
    view = open_record(qtbot, seeded)
    view.courses.select_course(seeded.course_id)
    view.courses.close_button.click()
    dialog = view.act.dialog
    assert isinstance(dialog, CloseCourseDialog)
    qtbot.keyClicks(dialog.reason, "The treatment goal was reached")
    dialog.ok.click()
    qtbot.waitUntil(lambda: view.findChild(CancelFutureDialog) is not None, timeout=TIMEOUT)
    offer = view.findChild(CancelFutureDialog)
    assert offer is not None
    qtbot.waitUntil(lambda: offer.items.count() == 2, timeout=TIMEOUT)
    with qtbot.waitSignal(offer.accepted, timeout=TIMEOUT):
        offer.cancel_them.click()  # the reason is filled in: "The course was closed"
    assert seeded.services.appointments.future(course_id=seeded.course_id) == []
    view.runner.wait()


def _booked_earlier_today(db: Database, patient_id: int, course_id: int, resource: int) -> int:
    """A booking for a few minutes ago today, written as booking would have written it."""
    from cryolog.db.models import Appointment
    from cryolog.services.appointments_zone import now_local, practice_zone, to_utc

    with db.write() as s:
        zone = practice_zone(s)
        start = now_local(zone) - timedelta(minutes=5)
        if start.date() != date.today():
            pytest.skip("too close to midnight")
        row = Appointment(
            patient_id=patient_id,
            course_id=course_id,
            resource_id=resource,
            starts_at=to_utc(start, zone),
            local_day=start.date(),
            length_min=20,
            status="booked",
        )
        s.add(row)
        s.flush()
        audit.write(s, "dr.test", "book", "appointment", row.id, patient_id)
        return row.id


def test_today_is_the_day_plan_and_its_start_opens_the_records_session_panel(
    qtbot: QtBot, services: Services, db: Database, rooms: tuple[int, int]
) -> None:
    from cryolog.db.models import TreatmentSession
    from cryolog.ui.main_window import MainWindow
    from tests.ui.record_setup import seed, stored

    seeded = seed(db, "Сеансова")
    pid, course = seeded.patient_id, seeded.course_id
    appointment = _booked_earlier_today(db, pid, course, rooms[1])
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    today = window.today
    assert isinstance(today, DayPlanView) and window.tabs.indexOf(today) == 1
    with qtbot.waitSignal(today.loaded, timeout=TIMEOUT):
        window.today_action.trigger()
    assert window.tabs.currentWidget() is today and today.plan is not None
    assert [a.id for a in today.plan.appointments] == [appointment]
    today.select(appointment)
    today.start_button.click()
    view = window.records[pid]
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.session_panel is not None, timeout=TIMEOUT)
    panel = view.session_panel
    assert panel is not None and view.tabs.currentWidget() is panel
    draft = stored(qtbot, panel)
    assert (draft.patient_id, draft.course_id, draft.device) == (pid, course, "Cabin 1")
    with db.read() as s:
        row = s.get(TreatmentSession, draft.id)
        assert row is not None and (row.state, row.device, row.course_id) == (
            "draft",
            "Cabin 1",
            course,
        )
    window.runner.wait()
    window.close()


def test_a_read_only_day_plan_starts_and_cancels_nothing(
    qtbot: QtBot, services: Services, db: Database, runner: TaskRunner, rooms: tuple[int, int]
) -> None:
    booked = book(services, "Читатель", rooms[1], at(TUESDAY, 10))
    db.read_only, db.read_only_reason = True, "The file is on a read-only disk."
    view = plan_view(qtbot, services, runner)
    view.set_read_only(db.read_only_reason)
    view.select(booked.id)
    assert view.open_button.isEnabled()  # looking is fine
    for button in (view.start_button, view.cancel_button, view.no_show_button, view.book_button):
        assert not button.isEnabled() and button.toolTip() == db.read_only_reason


def test_voiding_a_course_offers_to_cancel_its_booked_visits(qtbot: QtBot, db: Database) -> None:
    from cryolog.ui.appointments.cancel_future import CancelFutureDialog
    from tests.ui.record_setup import open_record, seed

    seeded = seed(db)
    s = seeded.services
    set_up_week(s)
    mistake = s.courses.open_course(
        seeded.patient_id, {"protocol_id": "rosacea", "started_on": date.today()}
    )
    proposal = s.appointments.propose_rest(mistake.id, 2)
    s.appointments.book_many(
        [
            BookingRequest(seeded.patient_id, v.resource_id, v.start, mistake.id)
            for v in proposal.visits
        ]
    )
    view = open_record(qtbot, seeded)
    view.courses.select_course(mistake.id)
    view.courses.void_button.click()
    dialog = view.act.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.edit, "opened for the wrong patient")  # type: ignore[attr-defined]
    dialog.ok.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.findChild(CancelFutureDialog) is not None, timeout=TIMEOUT)
    offer = view.findChild(CancelFutureDialog)
    assert offer is not None
    qtbot.waitUntil(lambda: offer.items.count() == 2, timeout=TIMEOUT)
    with qtbot.waitSignal(offer.accepted, timeout=TIMEOUT):
        offer.cancel_them.click()  # the reason is filled in: "The course was voided"
    assert s.appointments.future(course_id=mistake.id) == []
    view.runner.wait()


def test_day_plan_reads_the_due_list_a_page_at_a_time(
    qtbot: QtBot, services: Services, runner: TaskRunner
) -> None:
    """The plan comes with the due list's first page and its length; the rest is read as
    the list is seen to its end (here: too few rows to scroll, so page after page)."""
    names = [f"Ждущая{n}" for n in range(7)]
    for name in names:
        pid = services.patients.register(other_patient(name)).id
        services.courses.open_course(pid, {"protocol_id": "wbc_course", "started_on": date.today()})
    view = DayPlanView(services, runner)
    view.due_page = 3
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.refresh()
    assert view.plan is not None and len(view.plan.due_unbooked) == 3
    assert view.plan.due_count == 7 and "7" in view.due_label.text()
    qtbot.waitUntil(lambda: view.due.count() == 7, timeout=TIMEOUT)
    shown = [view.due.item(n).text() for n in range(7)]  # type: ignore[union-attr]
    assert sorted(n.split(" ")[0] for n in shown) == names
