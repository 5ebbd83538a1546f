"""An appointment moved at another desk: a move from the older version is refused with who
moved it and what they changed, in the words the appointment widgets show."""

from __future__ import annotations

import pytest

from cryolog.db.database import Database, open_database
from cryolog.domain.errors import StaleRecord
from cryolog.services import Services
from cryolog.services.appointments_dto import BookingRequest
from cryolog.ui.appointments.common import problem_text
from tests.services.appointments_setup import at, next_weekday, set_up_week
from tests.services.conftest import other_patient

TUESDAY = next_weekday(1)


def test_a_stale_move_names_the_desk_that_moved_it(services: Services, db: Database) -> None:
    _chamber, cabin = set_up_week(services)
    pid = services.patients.register(other_patient("Сидорова")).id
    booked = services.appointments.book(BookingRequest(pid, cabin, at(TUESDAY, 9)))
    assert db.path is not None
    other = open_database(db.path)
    try:
        desk = Services.open(other, actor="front.desk")
        desk.appointments.move(booked.id, at(TUESDAY, 11), expected_version=booked.version)
    finally:
        other.dispose()
    with pytest.raises(StaleRecord) as refused:
        services.appointments.move(booked.id, at(TUESDAY, 14), expected_version=booked.version)
    change = refused.value.other
    assert change is not None and change.actor == "front.desk"
    assert change.version == booked.version + 1
    assert "starts_at" in {f.field for f in change.fields}
    text = problem_text(refused.value)
    assert text is not None and "front.desk saved this record" in text
    assert services.appointments.appointment(booked.id).start == at(TUESDAY, 11)
