"""The booking rules' sentences in both window languages: keyed, with the language's
weekdays, dates and plural forms (Russian has three); the command line stays English/ISO."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from cryolog.domain import locale as loc
from cryolog.domain.booking.bookings import Booking, DayBookings
from cryolog.domain.booking.checks import (
    CourseContext,
    Proposed,
    calendar_findings,
    course_findings,
    place_findings,
)
from cryolog.domain.booking.stored import from_said, shown_now, to_columns
from cryolog.domain.booking.week import ClosedDay, Interval, PracticeWeek, Resource
from cryolog.domain.catalog import protocol
from cryolog.domain.messages_catalog import catalog

MONDAY = date(2027, 3, 1)
CHAMBER = Resource(1, "Криокамера", ("wbc_chamber",), 3, 3, 5)
WEEK = PracticeWeek(
    (Interval(0, 8 * 60, 12 * 60), Interval(1, 8 * 60, 12 * 60)),
    (ClosedDay(MONDAY + timedelta(days=8), "Учёба"),),
    (CHAMBER,),
)


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm)


def _full(taken: int) -> str:
    bookings = tuple(
        Booking(k, 100 + k, CHAMBER.id, at(MONDAY, 8), 3, 5, None, True) for k in range(taken)
    )
    found = place_findings(WEEK, Proposed(1, CHAMBER, at(MONDAY, 8), 3), DayBookings(bookings))
    return found[0].text.render(loc.RUSSIAN)


@pytest.mark.parametrize(("gap", "words"), [(1, "1 день от"), (2, "2 дня от"), (0, "0 дней от")])
def test_russian_plurals_of_the_interval_warning(gap: int, words: str) -> None:
    proto = protocol("acne")
    minimum = proto.min_interval_days
    found = course_findings(CourseContext(proto, (MONDAY,)), MONDAY + timedelta(days=gap))
    said = found[0].text.render(loc.RUSSIAN)
    assert words in said and f"пн {MONDAY:%d.%m.%Y}" in said
    assert f"не менее {minimum}" in said


def test_capacity_and_calendar_refusals_in_russian() -> None:
    chamber = Resource(1, "Криокамера", ("wbc_chamber",), 1, 3, 5)
    week = PracticeWeek(WEEK.hours, WEEK.closed, (chamber,))
    one = Booking(1, 100, 1, at(MONDAY, 8), 3, 5, None, True)
    found = place_findings(week, Proposed(2, chamber, at(MONDAY, 8), 3), DayBookings((one,)))
    assert found[0].text.render(loc.RUSSIAN) == "«Криокамера» в 08:00: место занято"
    assert _full(3) == "«Криокамера» в 08:00: все 3 места заняты"
    wednesday = calendar_findings(WEEK, Proposed(1, CHAMBER, at(MONDAY + timedelta(2), 9), 3))
    assert wednesday[0].text.render(loc.RUSSIAN) == "Практика закрыта по средам"
    assert wednesday[0].text.render(loc.MACHINE) == "The practice is closed on Wednesdays"
    holiday = calendar_findings(WEEK, Proposed(1, CHAMBER, at(MONDAY + timedelta(8), 9), 3))
    assert holiday[0].text.render(loc.RUSSIAN) == "вт 09.03.2027 практика закрыта (Учёба)"
    assert holiday[0].text.render(loc.MACHINE) == (
        "The practice is closed on Tue 2027-03-09 (Учёба)"
    )
    off = calendar_findings(WEEK, Proposed(1, CHAMBER, at(MONDAY, 9, 5), 3))
    assert off[0].text.render(loc.RUSSIAN).endswith("ближайшее — 09:04 или 09:12")


def test_stored_warnings_render_in_each_language_and_old_text_stays() -> None:
    found = course_findings(CourseContext(protocol("acne"), (MONDAY,)), MONDAY + timedelta(1))
    with loc.in_locale("ru"):
        kept = to_columns(found)
    assert kept.language == "ru" and kept.text.startswith("interval_short: 1 день от")
    assert from_said(kept.said or "") == tuple(found)
    assert shown_now(kept, loc.ENGLISH).startswith("interval_short: 1 day from")
    old = type(kept)("interval_short: 1 day(s) from …", None, None)
    assert shown_now(old, loc.RUSSIAN) == "interval_short: 1 day(s) from …"
    damaged = type(kept)("interval_short: as shown", "[{]", "ru")
    assert shown_now(damaged, loc.ENGLISH) == "interval_short: as shown"
    assert to_columns([]) == type(kept)("", None, None)


def test_every_booking_key_is_in_both_catalogs() -> None:
    english = {
        k for k in catalog("en") if k.startswith(("booking.", "weekday_short.", "on_weekdays."))
    }
    russian = {
        k for k in catalog("ru") if k.startswith(("booking.", "weekday_short.", "on_weekdays."))
    }
    assert len(english) >= 30 and english == russian
