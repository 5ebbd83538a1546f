"""The day plan lists due courses that have no visit held for them from the day on (one
search of the appointments' course index per due course, in the plan's one read)."""

from __future__ import annotations

from datetime import date

from cryolog.services import Services
from cryolog.services.appointments_dto import BookingRequest
from tests.services.appointments_setup import at, next_weekday, set_up_week
from tests.services.conftest import other_patient

TUESDAY = next_weekday(1)


def test_a_course_with_a_visit_ahead_is_not_listed_as_due(services: Services) -> None:
    _chamber, cabin = set_up_week(services)
    courses = {}
    for name in ("Ждущая", "Записанная", "Другая"):
        pid = services.patients.register(other_patient(name)).id
        course = services.courses.open_course(
            pid, {"protocol_id": "local_pain", "started_on": date.today()}
        )
        courses[name] = (pid, course.id)
    pid, cid = courses["Записанная"]
    visit = services.appointments.book(BookingRequest(pid, cabin, at(TUESDAY, 9), cid))
    due = {d.course_id for d in services.appointments.day_plan(date.today()).due_unbooked}
    assert due == {courses["Ждущая"][1], courses["Другая"][1]}
    assert cid in {d.course_id for d in services.today.due(date.today())}  # due, but booked
    assert cid in {d.course_id for d in services.today.due(date.today(), unbooked=False)}
    after = {d.course_id for d in services.today.due(TUESDAY, unbooked=True)}
    assert cid not in after  # the visit is on that day itself
    services.appointments.cancel(visit.id, "the patient called to cancel")
    due = {d.course_id for d in services.appointments.day_plan(date.today()).due_unbooked}
    assert cid in due  # a cancelled visit holds nothing
