"""Two workstations book the last place at the same moment on the server: one booking is
made, the other refused: every write takes the chain lock and the calendar lock, so the
second sees the place taken; behind that the seat rows' unique key refuses a second holder."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from cryolog.db.database import Database, open_database
from cryolog.db.models import Appointment
from cryolog.domain.booking.errors import BookingRefused, PlaceTaken
from cryolog.services import Services, appointments, appointments_seats
from cryolog.services.appointments_dto import BookingRequest
from tests.pg.fixtures import ServerDatabase
from tests.services.appointments_setup import at, next_weekday, set_up_week
from tests.services.conftest import other_patient

TUESDAY = next_weekday(1)
ROUNDS = 4


@pytest.fixture
def desks(pg_database: ServerDatabase) -> Iterator[tuple[Database, Database]]:
    desks = (open_database(pg_database.url), open_database(pg_database.url))
    yield desks
    for desk in desks:
        desk.dispose()


def _race(desks: tuple[Database, Database]) -> list[str]:
    """Each round, both desks book the cabin's one place at the same hour, released by a
    barrier; the outcome of every attempt."""
    setup = Services.open(desks[0], actor="admin")
    _, cabin = set_up_week(setup)
    outcomes: list[str] = []
    for hour in range(9, 9 + ROUNDS):
        pids = [setup.patients.register(other_patient(f"Desk{n}Hour{hour}")).id for n in range(2)]
        start = threading.Barrier(2)

        def book(
            n: int, hour: int = hour, pids: list[int] = pids, start: threading.Barrier = start
        ) -> None:
            services = Services.open(desks[n], actor=f"desk{n}")
            start.wait()
            try:
                services.appointments.book(BookingRequest(pids[n], cabin, at(TUESDAY, hour)))
                outcomes.append("booked")
            except PlaceTaken:
                outcomes.append("taken")
            except BookingRefused as exc:
                outcomes.append(exc.findings[0].rule)

        threads = [threading.Thread(target=book, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    return outcomes


def _booked(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Appointment)) or 0)


def test_the_calendar_lock_lets_one_booking_through(
    desks: tuple[Database, Database], pg_database: ServerDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    original_hold = appointments_seats.hold

    def slow_hold(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.2)  # the other desk's booking is under way meanwhile
        return original_hold(*args, **kwargs)

    monkeypatch.setattr(appointments, "hold", slow_hold)
    outcomes = _race(desks)
    assert outcomes.count("booked") == ROUNDS
    assert sorted(set(outcomes) - {"booked"}) == ["resource_full"]
    assert _booked(desks[0]) == ROUNDS
    pg_database.assert_verifies()


@pytest.mark.tampered
def test_the_seat_rows_refuse_a_second_holder_of_the_same_place(
    desks: tuple[Database, Database], pg_database: ServerDatabase
) -> None:
    """Behind every rule and lock, the database itself: the same seat of the same resource
    at the same minute cannot be held twice (what ``PlaceTaken`` translates)."""
    import psycopg

    services = Services.open(desks[0], actor="admin")
    _, cabin = set_up_week(services)
    pid = services.patients.register(other_patient("Held")).id
    booked = services.appointments.book(BookingRequest(pid, cabin, at(TUESDAY, 9)))
    cluster = pg_database.cluster
    with psycopg.connect(
        host=str(cluster.socket_dir), port=cluster.port, user="cryolog",
        dbname=pg_database.name, autocommit=True,
    ) as conn:  # fmt: skip
        minute, seat = conn.execute(
            "SELECT minute, seat FROM appointment_seat WHERE appointment_id = %s LIMIT 1",
            (booked.id,),
        ).fetchone()  # type: ignore[misc]
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute(
                "INSERT INTO appointment_seat (resource_id, minute, seat, appointment_id,"
                " staffed) VALUES (%s, %s, %s, %s, true)",
                (cabin, minute, seat, booked.id),
            )
