"""The day plan lists due courses that have no visit booked from the day on; the bookings
are read for the due patients only, a few hundred at a time."""

from __future__ import annotations

from datetime import date

import pytest

from cryolog.services import Services, appointments_plan
from cryolog.services.appointments_dto import BookingRequest
from tests.services.appointments_setup import at, next_weekday, set_up_week
from tests.services.conftest import other_patient

TUESDAY = next_weekday(1)


@pytest.mark.parametrize("per_read", [appointments_plan.PATIENTS_PER_READ, 1])
def test_a_course_with_a_visit_ahead_is_not_listed_as_due(
    services: Services, monkeypatch: pytest.MonkeyPatch, per_read: int
) -> None:
    monkeypatch.setattr(appointments_plan, "PATIENTS_PER_READ", per_read)
    _chamber, cabin = set_up_week(services)
    courses = {}
    for name in ("Ждущая", "Записанная", "Другая"):
        pid = services.patients.register(other_patient(name)).id
        course = services.courses.open_course(
            pid, {"protocol_id": "local_pain", "started_on": date.today()}
        )
        courses[name] = (pid, course.id)
    pid, cid = courses["Записанная"]
    services.appointments.book(BookingRequest(pid, cabin, at(TUESDAY, 9), cid))
    due = {d.course_id for d in services.appointments.day_plan(date.today()).due_unbooked}
    assert due == {courses["Ждущая"][1], courses["Другая"][1]}
    assert cid in {d.course_id for d in services.today.due(date.today())}  # due, but booked
