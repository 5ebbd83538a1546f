"""Booking, moving, cancelling and marking appointments on a real migrated database."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from cryolog.db.audit_plain import stored_time
from cryolog.db.database import Database, open_database
from cryolog.db.models import AppointmentSeat, AuditEntry, StaffMinute
from cryolog.domain.booking.errors import BookingRefused, ReasonNeeded
from cryolog.domain.booking.week import ClosedDay
from cryolog.domain.errors import InvalidInput
from cryolog.services import Services, appointments_zone, audit
from cryolog.services.appointments_dto import BookingRequest
from cryolog.services.appointments_links import mark_attended_for_session
from tests.services.appointments_setup import at, next_weekday, set_up_week
from tests.services.conftest import other_patient, wbc_session

TUESDAY = next_weekday(1)


@pytest.fixture
def rooms(services: Services) -> tuple[int, int]:
    return set_up_week(services)


def patient(services: Services, name: str = "Петрова") -> int:
    return services.patients.register(other_patient(name)).id


def audit_rows(db: Database, action: str) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def seats(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AppointmentSeat)) or 0)


def test_booking_holds_the_seat_and_staff_minutes_and_is_audited(
    services: Services, db: Database, rooms: tuple[int, int]
) -> None:
    chamber, _ = rooms
    pid = patient(services)
    booked = services.appointments.book(BookingRequest(pid, chamber, at(TUESDAY, 8, 8)))
    assert (booked.status, booked.start, booked.resource_name) == (
        "booked",
        at(TUESDAY, 8, 8),
        "Chamber",
    )
    assert seats(db) == 8  # 3 min session + 5 min turnaround
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(StaffMinute)) == 3
    (entry,) = audit_rows(db, "book")
    assert entry.entity == "appointment" and entry.patient_id == pid
    # a new record's entry holds its hash; the History shows it from the row
    history = services.records.history(pid)
    assert history[0].action == "book" and '"status": "booked"' in (history[0].after_json or "")


@pytest.mark.parametrize(
    ("when", "rule", "words"),
    [
        (lambda: at(next_weekday(6), 9), "closed_day", "closed on Sundays"),
        (lambda: at(TUESDAY, 8, 5), "off_grid", "nearest are 08:00 or 08:08"),
        (lambda: at(TUESDAY, 21), "off_grid", "open 08:00–20:00"),
        (lambda: at(date.today() - timedelta(days=1), 9), "in_past", "already passed"),
    ],
)
def test_refusals_name_the_reason_and_write_nothing(
    services: Services, db: Database, rooms: tuple[int, int], when: Any, rule: str, words: str
) -> None:
    pid = patient(services)
    with pytest.raises(BookingRefused) as refused:
        services.appointments.book(BookingRequest(pid, rooms[0], when()))
    assert [f.rule for f in refused.value.findings] == [rule]
    assert words in str(refused.value)
    assert services.appointments.between(date.min, date.max) == [] and seats(db) == 0


def test_a_holiday_refuses(services: Services) -> None:
    chamber, _ = set_up_week(services, closed=(ClosedDay(TUESDAY, "Founders' day"),))
    with pytest.raises(BookingRefused, match="Founders' day"):
        services.appointments.book(BookingRequest(patient(services), chamber, at(TUESDAY, 9)))


def test_a_full_resource_and_a_busy_practitioner_refuse(
    services: Services, rooms: tuple[int, int]
) -> None:
    chamber, cabin = rooms
    for name in ("Алексеева", "Борисова", "Волкова"):
        services.appointments.book(
            BookingRequest(patient(services, name), chamber, at(TUESDAY, 9, 4))
        )
    with pytest.raises(BookingRefused, match="all 3 places taken"):
        services.appointments.book(
            BookingRequest(patient(services, "Гусева"), chamber, at(TUESDAY, 9, 4))
        )
    with pytest.raises(BookingRefused) as busy:
        services.appointments.book(
            BookingRequest(patient(services, "Дмитриева"), cabin, at(TUESDAY, 9))
        )
    assert [f.rule for f in busy.value.findings] == ["practitioner_busy"]


def test_more_staff_allow_two_resources_at_once(services: Services) -> None:
    chamber, cabin = set_up_week(services, staff=2)
    services.appointments.book(BookingRequest(patient(services, "А"), chamber, at(TUESDAY, 9, 4)))
    services.appointments.book(BookingRequest(patient(services, "Б"), cabin, at(TUESDAY, 9)))
    with pytest.raises(InvalidInput, match="already need 2 staff"):
        services.week.save_week(services.week.week().hours, (), 1)


def test_daily_limit_warns_then_refuses(
    services: Services, ready_patient: int, rooms: tuple[int, int]
) -> None:
    chamber, _ = rooms
    services.appointments.book(BookingRequest(ready_patient, chamber, at(TUESDAY, 9, 4)))
    second = BookingRequest(ready_patient, chamber, at(TUESDAY, 12))
    with pytest.raises(ReasonNeeded) as asked:
        services.appointments.book(second)
    assert [f.rule for f in asked.value.findings] == ["daily_limit"]
    with pytest.raises(InvalidInput, match="too short"):
        services.appointments.book(second, reason="ok")
    services.appointments.book(second, reason="Morning and evening session as prescribed")
    with pytest.raises(BookingRefused, match="hard stop"):
        services.appointments.book(
            BookingRequest(ready_patient, chamber, at(TUESDAY, 16)), "A third one for testing"
        )


def test_recorded_sessions_count_for_the_daily_limit(
    services: Services, ready_patient: int, rooms: tuple[int, int]
) -> None:
    today = date.today()
    later = at(today, 19, 52)  # the chamber's last slot of the day
    if today.weekday() == 6 or later <= datetime.now():
        pytest.skip("no slot left today")
    services.sessions.record_session(ready_patient, wbc_session())
    with pytest.raises(ReasonNeeded, match="already has a whole-body session"):
        services.appointments.book(BookingRequest(ready_patient, rooms[0], later))


def test_course_warnings_ask_for_a_reason_and_keep_it(
    services: Services, db: Database, rooms: tuple[int, int]
) -> None:
    _, cabin = rooms
    pid = patient(services)
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": date.today()})
    services.appointments.book(BookingRequest(pid, cabin, at(TUESDAY, 9), course.id))
    close = BookingRequest(pid, cabin, at(TUESDAY + timedelta(days=1), 9), course.id)
    with pytest.raises(ReasonNeeded, match="at least 3"):
        services.appointments.book(close)
    kept = services.appointments.book(close, reason="Patient travels abroad next week")
    assert "interval_short" in kept.warnings
    assert audit_rows(db, "book")[-1].reason == "Patient travels abroad next week"


def test_move_rechecks_the_rules_and_frees_the_old_place(
    services: Services, db: Database, rooms: tuple[int, int]
) -> None:
    _chamber, cabin = rooms
    first = services.appointments.book(
        BookingRequest(patient(services, "А"), cabin, at(TUESDAY, 9))
    )
    other = services.appointments.book(
        BookingRequest(patient(services, "Б"), cabin, at(TUESDAY, 10))
    )
    with pytest.raises(BookingRefused, match="Cabin 1 at 10:00: place taken"):
        services.appointments.move(first.id, at(TUESDAY, 10))
    moved = services.appointments.move(first.id, at(TUESDAY, 11), expected_version=first.version)
    assert moved.start == at(TUESDAY, 11) and moved.version == first.version + 1
    # the old place is free again: another patient takes it
    services.appointments.book(BookingRequest(patient(services, "В"), cabin, at(TUESDAY, 9)))
    assert seats(db) == 3 * 30
    assert len(audit_rows(db, "move")) == 1 and other.status == "booked"


def test_cancel_needs_a_reason_and_frees_the_place(
    services: Services, db: Database, rooms: tuple[int, int]
) -> None:
    booked = services.appointments.book(BookingRequest(patient(services), rooms[1], at(TUESDAY, 9)))
    for bad in ("", "   ", "ill", "\u200b" * 12):
        with pytest.raises(InvalidInput):
            services.appointments.cancel(booked.id, bad)
    cancelled = services.appointments.cancel(booked.id, "Patient has a cold this week")
    assert (cancelled.status, cancelled.cancel_reason) == (
        "cancelled",
        "Patient has a cold this week",
    )
    assert seats(db) == 0
    with pytest.raises(InvalidInput, match="cancelled"):
        services.appointments.cancel(booked.id, "Patient has a cold this week")


def test_no_show_only_after_the_start(services: Services, rooms: tuple[int, int]) -> None:
    booked = services.appointments.book(BookingRequest(patient(services), rooms[1], at(TUESDAY, 9)))
    with pytest.raises(InvalidInput, match="not begun"):
        services.appointments.no_show(booked.id)


def test_cancel_future_of_a_course(services: Services, rooms: tuple[int, int]) -> None:
    pid = patient(services)
    course = services.courses.open_course(
        pid, {"protocol_id": "local_pain", "started_on": date.today()}
    )
    proposal = services.appointments.propose_rest(course.id, 3)
    services.appointments.book_many(
        [BookingRequest(pid, v.resource_id, v.start, course.id) for v in proposal.visits]
    )
    assert len(services.appointments.future(course_id=course.id)) == 3
    assert (
        services.appointments.cancel_future("The course was stopped early", course_id=course.id)
        == 3
    )
    assert services.appointments.future(patient_id=pid) == []


def test_book_the_rest_of_a_course(services: Services, rooms: tuple[int, int]) -> None:
    pid = patient(services)
    course = services.courses.open_course(
        pid, {"protocol_id": "acne", "started_on": date.today(), "planned_sessions": 10}
    )
    proposal = services.appointments.propose_rest(course.id)
    assert proposal.wanted == 10 and proposal.complete and not proposal.asks_count
    booked = services.appointments.book_many(
        [BookingRequest(pid, v.resource_id, v.start, course.id) for v in proposal.visits]
    )
    assert [a.start for a in booked] == [v.start for v in proposal.visits]
    again = services.appointments.propose_rest(course.id)
    assert again.wanted == 0 and again.visits == ()


def test_a_custom_course_asks_how_many(services: Services, rooms: tuple[int, int]) -> None:
    pid = patient(services)
    course = services.courses.open_course(
        pid, {"protocol_id": "custom", "started_on": date.today()}
    )
    assert services.appointments.propose_rest(course.id).asks_count
    assert len(services.appointments.propose_rest(course.id, 4).visits) == 4
    with pytest.raises(InvalidInput, match="whole number"):
        services.appointments.propose_rest(course.id, 1000)


def test_a_span_past_the_cold_test_warns(
    services: Services, ready_patient: int, rooms: tuple[int, int]
) -> None:
    course = services.courses.open_course(
        ready_patient, {"protocol_id": "wbc_course", "started_on": date.today()}
    )
    far = next_weekday(1, date.today() + timedelta(days=200))
    with pytest.raises(ReasonNeeded) as asked:
        request = BookingRequest(ready_patient, rooms[0], at(far, 9, 4), course.id)
        services.appointments.book(request)
    assert {"cold_test_expires", "clearance_expires"} <= {f.rule for f in asked.value.findings}


def test_a_recorded_session_marks_the_booking_attended(
    services: Services, db: Database, ready_patient: int, rooms: tuple[int, int]
) -> None:
    from cryolog.db.models import Appointment, TreatmentSession

    today = date.today()
    session = services.sessions.record_session(ready_patient, wbc_session())
    with db.write() as s:  # a booking made earlier today, written as it would have been
        row = Appointment(
            patient_id=ready_patient,
            resource_id=rooms[0],
            starts_at=session.started_at,
            local_day=today,
            length_min=3,
            status="booked",
            general=True,
        )
        s.add(row)
        s.flush()
        audit.write(s, "dr.test", "book", "appointment", row.id, ready_patient)
    with db.write() as s:
        found = mark_attended_for_session(s, s.get(TreatmentSession, session.id), "dr.test")
    assert found is not None
    assert services.appointments.appointment(found).status == "attended"
    assert services.appointments.appointment(found).session_id == session.id
    assert audit_rows(db, "attend")


def test_the_database_refuses_a_second_holder_of_a_seat(
    services: Services, db_path: Path, rooms: tuple[int, int]
) -> None:
    booked = services.appointments.book(BookingRequest(patient(services), rooms[1], at(TUESDAY, 9)))
    with closing(sqlite3.connect(db_path)) as conn, pytest.raises(sqlite3.IntegrityError):
        minute = conn.execute("SELECT min(minute) FROM appointment_seat").fetchone()[0]
        conn.execute(
            "INSERT INTO appointment_seat (resource_id, minute, seat, appointment_id, staffed)"
            " VALUES (?, ?, 0, ?, 1)",
            (rooms[1], minute, booked.id),
        )


def test_two_workstations_booking_the_last_place_at_once(
    services: Services, db: Database, db_path: Path, rooms: tuple[int, int]
) -> None:
    pids = [patient(services, "Первая"), patient(services, "Вторая")]
    other = open_database(db_path)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def book(database: Database, pid: int) -> None:
        start.wait()
        try:
            Services.open(database, "ws").appointments.book(
                BookingRequest(pid, rooms[1], at(TUESDAY, 9))
            )
            outcomes.append("booked")
        except BookingRefused as exc:
            outcomes.append(exc.findings[0].rule)

    threads = [
        threading.Thread(target=book, args=(d, p)) for d, p in zip((db, other), pids, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.dispose()
    assert sorted(outcomes) == ["booked", "resource_full"]
    assert len(services.appointments.between(TUESDAY, TUESDAY)) == 1


def test_times_are_stored_in_utc_in_the_practice_zone(
    services: Services, db_path: Path, rooms: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(appointments_zone, "machine_zone", lambda: ZoneInfo("Asia/Yekaterinburg"))
    booked = services.appointments.book(BookingRequest(patient(services), rooms[1], at(TUESDAY, 9)))
    assert booked.starts_at.hour == 4 and booked.start.hour == 9  # UTC+5
    with closing(sqlite3.connect(db_path)) as conn:
        stored = conn.execute("SELECT starts_at, local_day FROM appointment").fetchone()
    moment = datetime.combine(TUESDAY, time(4, 0), tzinfo=UTC)
    assert stored == (stored_time(moment), TUESDAY.isoformat())  # microseconds since 1970


def test_the_practices_own_time_zone_wins_over_the_machines(
    services: Services, rooms: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(appointments_zone, "machine_zone", lambda: ZoneInfo("Asia/Yekaterinburg"))
    services.practice.update_practice({"time_zone": "America/New_York"})  # set in Preferences
    booked = services.appointments.book(BookingRequest(patient(services), rooms[1], at(TUESDAY, 9)))
    offset = ZoneInfo("America/New_York").utcoffset(at(TUESDAY, 9))
    assert offset is not None and booked.start.hour == 9
    assert booked.starts_at.hour == (9 - offset.total_seconds() / 3600) % 24


def test_a_time_the_clocks_skip_is_refused() -> None:
    # Central Europe: 02:00–03:00 on the last Sunday of March does not exist
    zone = ZoneInfo("Europe/Berlin")
    with pytest.raises(InvalidInput, match="clock change"):
        appointments_zone.to_utc(at(date(2027, 3, 28), 2, 30), zone)
    assert appointments_zone.to_utc(at(date(2027, 3, 28), 3, 30), zone).hour == 1


def test_recording_a_session_on_a_booked_day_marks_it_attended(
    services: Services, db: Database, ready_patient: int
) -> None:
    from datetime import datetime

    from cryolog.domain.booking.week import Interval, Resource

    services.week.save_week(tuple(Interval(d, 0, 1440) for d in range(7)), (), 1)
    cabin = services.week.save_resource(Resource(0, "Cabin", ("wbc_chamber",), 1, 1, 0))
    later = datetime.now().replace(second=0, microsecond=0) + timedelta(minutes=2)
    if later.date() != date.today():
        pytest.skip("too close to midnight")
    booked = services.appointments.book(BookingRequest(ready_patient, cabin.id, later))
    recorded = services.sessions.record_session(ready_patient, wbc_session())
    found = services.appointments.appointment(booked.id)
    assert (found.status, found.session_id) == ("attended", recorded.id)
    assert audit_rows(db, "attend")[0].entity_id == booked.id


def _bookable_day(services: Services, patient_id: int, count: int = 1) -> list[int]:
    """Ids of ``count`` bookings of ``patient_id`` later today in an always-open cabin."""
    from datetime import datetime

    from cryolog.domain.booking.week import Interval, Resource

    services.week.save_week(tuple(Interval(d, 0, 1440) for d in range(7)), (), 2)
    cabin = services.week.save_resource(Resource(0, "Cabin", ("wbc_chamber",), 1, 1, 0))
    first = datetime.now().replace(second=0, microsecond=0) + timedelta(minutes=2)
    last = first + timedelta(minutes=30 * count)
    if last.date() != date.today():
        pytest.skip("too close to midnight")
    return [
        services.appointments.book(
            BookingRequest(patient_id, cabin.id, first + timedelta(minutes=30 * n)),
            reason="A second visit the same day, by the doctor's order" if n else "",
        ).id
        for n in range(count)
    ]


@pytest.mark.parametrize("way", ["timer", "without_timer"])
def test_a_session_marks_its_booking_attended_once_when_it_starts_counting(
    services: Services, db: Database, ready_patient: int, way: str
) -> None:
    first, second = _bookable_day(services, ready_patient, 2)
    draft = services.sessions.start_draft(ready_patient, wbc_session())
    assert services.appointments.appointment(first).status == "booked"  # a draft: not yet
    data = wbc_session()
    if way == "timer":
        going = services.sessions.start_timer(draft.id, data, expected_version=draft.version)
        assert services.appointments.appointment(first).session_id == draft.id
        done = services.sessions.stop_timer(
            draft.id, {**data, "actual_exposure_s": 118}, expected_version=going.version
        )
    else:
        done = services.sessions.mark_done(draft.id, data, expected_version=draft.version)
    services.sessions.sign(draft.id, {**data, "actual_exposure_s": done.actual_exposure_s},
                           expected_version=done.version)  # fmt: skip
    kept = services.appointments.appointment(first)
    assert (kept.status, kept.session_id) == ("attended", draft.id)
    later = services.appointments.appointment(second)
    assert (later.status, later.session_id) == ("booked", None)  # one session, one visit
    assert [e.entity_id for e in audit_rows(db, "attend")] == [first]


def test_an_abandoned_draft_leaves_the_booking_as_it_was(
    services: Services, db: Database, ready_patient: int
) -> None:
    (booked,) = _bookable_day(services, ready_patient)
    draft = services.sessions.start_draft(ready_patient, wbc_session())
    services.sessions.abandon(draft.id, "The patient felt unwell and went home")
    assert services.appointments.appointment(booked).status == "booked"
    assert audit_rows(db, "attend") == []
