"""Refusals of the booking, practice and outcome services, shown in the Russian window:
each is a keyed message written in the window's language, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest

from cryolog.domain import locale as loc
from cryolog.domain.booking.prefs import Preferences
from cryolog.domain.booking.week import ClosedDay, Interval, Resource
from cryolog.domain.errors import InvalidInput
from cryolog.services import Services
from cryolog.services.appointments_dto import BookingRequest
from tests.services.appointments_setup import HOURS, at, next_weekday, set_up_week
from tests.services.conftest import other_patient, patient_data

TODAY = date.today()


@pytest.fixture
def russian_window() -> Iterator[None]:
    loc.use_language("ru")
    yield
    loc.use_language(None)


def _refused(action: Callable[[], object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        action()
    return caught.value


def _said(action: Callable[[], object], path: str) -> str:
    """The message next to ``path``, in the window's language."""
    found = _refused(action).for_field(path)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.usefixtures("russian_window")
def test_resource_and_week_refusals_are_russian(
    services: Services, row_counts: Callable[[], dict[str, int]]
) -> None:
    set_up_week(services)
    before = row_counts()
    week = services.week
    too_long = Resource(0, "Камера" * 20, ("wbc_chamber",))
    assert _said(lambda: week.save_resource(too_long), "name") == (
        "слишком длинно (не более 80 знаков)"
    )
    same = Resource(0, "chamber", ("wbc_chamber",))
    taken = _said(lambda: week.save_resource(same), "name")
    assert taken == "ресурс с названием «chamber» уже есть"
    none = Resource(0, "Кабина 2", ())
    assert _said(lambda: week.save_resource(none), "modalities") == (
        "выберите хотя бы один вид воздействия"
    )
    crowded = Resource(0, "Кабина 2", ("cold_air",), capacity=21)
    assert _said(lambda: week.save_resource(crowded), "capacity") == ("нужно от 1 до 20 пациентов")
    backwards = (*HOURS, Interval(6, 600, 540))
    assert _said(lambda: week.save_week(backwards, (), 1), f"hours[{len(HOURS)}]") == (
        "открытие в 10:00, а закрытие в 09:00"
    )
    overlapping = (*HOURS, Interval(0, 19 * 60, 21 * 60))
    assert _said(lambda: week.save_week(overlapping, (), 1), "hours.monday") == (
        "19:00–21:00 пересекается с 08:00–20:00"
    )
    twice = (ClosedDay(date(2027, 1, 7)), ClosedDay(date(2027, 1, 7)))
    assert _said(lambda: week.save_week(HOURS, twice, 1), "closed[1]") == (
        "07.01.2027 указан дважды"
    )
    assert _said(lambda: week.save_week(HOURS, (), 51), "staff") == "нужно от 1 до 50 человек"
    assert row_counts() == before


@pytest.mark.usefixtures("russian_window")
def test_preference_and_proposal_refusals_are_russian(
    services: Services, row_counts: Callable[[], dict[str, int]]
) -> None:
    set_up_week(services)
    pid = services.patients.register(other_patient("Петрова")).id
    course = services.courses.open_course(
        pid, {"protocol_id": "custom", "started_on": TODAY - timedelta(days=1)}
    )
    before = row_counts()
    late_first = Preferences(earliest_min=14 * 60, latest_min=9 * 60)
    assert _said(lambda: services.week.set_preferences(pid, late_first), "latest") == (
        "раньше самого раннего времени (14:00)"
    )
    at_night = Preferences(earliest_min=24 * 60)
    assert _said(lambda: services.week.set_preferences(pid, at_night), "earliest") == (
        "нужно время от 00:00 до 23:59"
    )
    plan = services.appointments
    assert _said(lambda: plan.propose_rest(course.id, 1000), "count") == (
        "нужно целое число от 0 до 100"
    )
    assert _said(lambda: plan.propose_rest(987654), "course") == "курса с номером 987654 нет"
    assert row_counts() == before


@pytest.mark.usefixtures("russian_window")
def test_threshold_cold_test_and_outcome_refusals_are_russian(
    services: Services, row_counts: Callable[[], dict[str, int]]
) -> None:
    pid = services.patients.register(other_patient("Сидорова")).id
    event = services.outcomes.record_adverse_event(
        pid, {"event_type": "erythema", "severity": "mild", "onset_on": TODAY - timedelta(days=3)}
    )
    before = row_counts()
    not_named = ["bp_stop_systolic"]
    assert _said(lambda: services.practice.set_thresholds(not_named), "") == (  # type: ignore[arg-type]
        "изменяемые пределы должны быть заданы по названиям"
    )
    kind = _said(lambda: services.pretreatment.record_cold_test(pid, "snow", {}), "kind")
    assert kind.startswith("допустимые значения: ice_cube")
    more = {"resolved_on": TODAY, "severity": "severe"}
    resolve = services.outcomes.resolve_adverse_event
    only = _said(lambda: resolve(event.id, more), "resolved_on")
    assert only == "изменить можно только это поле"
    assert row_counts() == before


@pytest.mark.usefixtures("russian_window")
def test_staff_and_places_in_use_are_counted_in_russian(
    services: Services, row_counts: Callable[[], dict[str, int]]
) -> None:
    chamber, cabin = set_up_week(services, staff=2)
    tuesday = next_weekday(1)
    for name, room, start in (
        ("Алексеева", chamber, at(tuesday, 9, 4)),
        ("Борисова", cabin, at(tuesday, 9)),
    ):
        pid = services.patients.register(other_patient(name)).id
        services.appointments.book(BookingRequest(pid, room, start))
    before = row_counts()
    hours = services.week.week().hours
    assert _said(lambda: services.week.save_week(hours, (), 1), "staff") == (
        "на будущие записи уже нужны 2 сотрудника одновременно"
    )
    assert row_counts() == before


@pytest.mark.usefixtures("russian_window")
def test_a_name_without_a_letter_is_refused_in_russian(services: Services) -> None:
    digits = patient_data(family_name="12345")
    assert _said(lambda: services.patients.register(digits), "family_name") == (
        "должно содержать хотя бы одну букву"
    )


def test_the_same_refusals_stay_english_by_default(services: Services) -> None:
    set_up_week(services)
    too_long = Resource(0, "X" * 81, ("wbc_chamber",))
    assert str(_refused(lambda: services.week.save_resource(too_long))) == (
        "name: is too long (at most 80 characters)"
    )
    twice = (ClosedDay(date(2027, 1, 7)), ClosedDay(date(2027, 1, 7)))
    assert str(_refused(lambda: services.week.save_week(HOURS, twice, 1))) == (
        "closed[1]: 2027-01-07 is listed twice"
    )
    assert str(_refused(lambda: services.appointments.propose_rest(987654))) == (
        "course: no course with id 987654"
    )
