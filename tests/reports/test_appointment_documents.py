"""The handout's next visits and the appointment card show the booked dates and times;
the day plan prints each resource's appointments. All read back from the PDFs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cryolog.db.database import Database
from cryolog.reports import render
from cryolog.reports.day_plan import DayPlanInput, render_day_plan
from cryolog.reports.localized import Language
from cryolog.services import Services
from cryolog.services.appointments_dto import BookingRequest
from tests.reports.pdftools import fonts, pages_text, text
from tests.services.appointments_setup import at, next_weekday, set_up_week
from tests.services.conftest import other_patient, patient_data

PHONE = "+49 30 1234 5678"


@pytest.fixture
def services(db: Database) -> Services:
    services = Services.open(db, "dr.test")
    services.practice.update_practice(
        {
            "name": "Kältepraxis Nord",
            "address": "Hafenstraße 2",
            "phone": PHONE,
            "practitioner": "Dr. Weiß",
        }
    )
    return services


def booked_course(services: Services, language: str) -> tuple[int, int, list[BookingRequest]]:
    _, cabin = set_up_week(services)
    pid = services.patients.register(patient_data(handout_language=language)).id
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": date.today()})
    proposal = services.appointments.propose_rest(course.id, 4)
    requests = [BookingRequest(pid, v.resource_id, v.start, course.id) for v in proposal.visits]
    services.appointments.book_many(requests)
    assert cabin in {r.resource_id for r in requests}
    return pid, course.id, requests


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_handout_lists_exactly_the_booked_visits(services: Services, language: str) -> None:
    pid, course_id, requests = booked_course(services, language)
    cancelled = services.appointments.between(date.min, date.max, patient_id=pid)[-1]
    services.appointments.cancel(cancelled.id, "The patient moved this visit away")
    data = services.documents.handout(course_id)
    kept = [r.start for r in requests[:-1]]
    assert list(data.visits) == kept
    content = " ".join(text(render(data)).split())
    lang = Language(language)
    for start in kept:
        assert f"{lang.long_date(start.date())} {start:%H:%M}" in content
    assert lang.long_date(requests[-1].start.date()) not in content


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_appointment_card_lists_the_visits_and_is_kept(
    services: Services, language: str
) -> None:
    pid, _, requests = booked_course(services, language)
    document, pdf = services.documents.generate("appointment_card", pid, render)
    assert document.kind == "appointment_card" and document.course_id is None
    assert services.documents.pdf(document.id) == pdf
    (page,) = pages_text(pdf)
    content = " ".join(page.split())
    lang = Language(language)
    for request in requests:
        assert f"{lang.long_date(request.start.date())} {request.start:%H:%M}" in content
    assert PHONE in content and "Иванова Мария Петровна" in content
    assert all(fonts(pdf).values())


@pytest.mark.parametrize("language", ["en", "ru"])
def test_with_nothing_booked_the_card_says_so_with_the_phone(
    services: Services, language: str
) -> None:
    pid = services.patients.register(patient_data(handout_language=language)).id
    content = " ".join(text(render(services.documents.appointment_card(pid))).split())
    expected = str(Language(language)["card_none"]).format(phone=PHONE)
    assert expected in content


def test_the_day_plan_prints_each_resource_in_time_order(services: Services) -> None:
    chamber, cabin = set_up_week(services)
    day = next_weekday(2)
    names = ["Zeller", "Ångström", "Ёлкина"]
    for name, (res, hh, mm) in zip(
        names, [(cabin, 11, 0), (chamber, 8, 8), (cabin, 9, 30)], strict=True
    ):
        pid = services.patients.register(other_patient(name)).id
        services.appointments.book(BookingRequest(pid, res, at(day, hh, mm)))
    plan = services.appointments.day_plan(day)
    pdf = render_day_plan(DayPlanInput(services.practice.practice(), plan))
    content = text(pdf)
    assert content.index("Chamber") < content.index("08:08–08:11") < content.index("Cabin 1")
    assert content.index("Cabin 1") < content.index("09:30–09:50") < content.index("11:00–11:20")
    assert content.index("Ёлкина") < content.index("Zeller")
    assert "Due but not booked (0)" in content and "Open 08:00–20:00" in content


def test_cards_for_many_visits_continue_on_more_pages(services: Services) -> None:
    _, cabin = set_up_week(services)
    pid = services.patients.register(patient_data()).id
    day = next_weekday(0)
    for hour in range(8, 20):  # twelve visits a day, on two days
        for offset in (0, 1):
            services.appointments.book(
                BookingRequest(pid, cabin, at(day + timedelta(offset), hour))
            )
    pdf = render(services.documents.appointment_card(pid))
    assert len(pages_text(pdf)) >= 2
    assert text(pdf).count(":00") >= 24


def test_the_day_plan_speaks_the_windows_language(services: Services) -> None:
    from cryolog.domain.locale import in_locale

    chamber, _ = set_up_week(services)
    day = next_weekday(2)
    pid = services.patients.register(other_patient("Ёлкина")).id
    services.appointments.book(BookingRequest(pid, chamber, at(day, 8, 8)))
    plan = services.appointments.day_plan(day)
    with in_locale("ru"):
        content = " ".join(
            text(render_day_plan(DayPlanInput(services.practice.practice(), plan))).split()
        )
    for russian in (
        "План дня —",
        "Открыто 08:00–20:00",
        "Пора, но не записаны (0)",
        "Время",
        "Никого.",
    ):
        assert russian in content, russian
    for english in ("Day plan", "Due but not booked", "Nobody", "Page 1"):
        assert english not in content, english
