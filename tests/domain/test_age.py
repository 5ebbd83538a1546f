"""One age: every place that shows or judges a patient's age gives the same completed years,
29 February and the day before a birthday included."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from cryolog.domain.age import age_on, years_before
from cryolog.domain.rules.checks_patient import age_on as rules_age_on
from cryolog.services.demo.people import Profile
from cryolog.services.dto import PatientDTO
from cryolog.ui.models import age_text

CASES = [
    (date(2008, 2, 29), date(2026, 2, 27), 17),
    (date(2008, 2, 29), date(2026, 2, 28), 17),  # celebrated on 1 March in other years
    (date(2008, 2, 29), date(2026, 3, 1), 18),
    (date(2008, 2, 29), date(2028, 2, 29), 20),
    (date(1990, 6, 15), date(2026, 6, 14), 35),
    (date(1990, 6, 15), date(2026, 6, 15), 36),
    (date(1990, 12, 31), date(2026, 1, 1), 35),
]


def _patient(birth: date) -> PatientDTO:
    values = {f.name: None for f in dataclasses.fields(PatientDTO)}
    values.update(birth_date=birth, created_at=datetime(2026, 1, 1))
    return PatientDTO(**values)  # type: ignore[arg-type]


def _profile(birth: date) -> Profile:
    return Profile(birth, True, None, 120, 80, 70)


@pytest.mark.parametrize(("birth", "day", "years"), CASES)
def test_every_caller_gives_the_same_age(birth: date, day: date, years: int) -> None:
    assert age_on(birth, day) == years
    assert rules_age_on(birth, day) == years
    assert _patient(birth).age_on(day) == years
    assert _profile(birth).age_on(day) == years
    assert age_text(birth, day) == str(years)


def test_years_before_keeps_the_calendar_day() -> None:
    assert years_before(date(2026, 5, 4), 120) == date(1906, 5, 4)
    assert years_before(date(2028, 2, 29), 1) == date(2027, 2, 28)
