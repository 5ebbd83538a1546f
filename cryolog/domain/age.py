"""Age: the one place completed years and "N years before" are computed.

Rules, services, reports, the demo writer and the window all call these; the window keeps
only its own wording of the number.
"""

from __future__ import annotations

import calendar
from datetime import date


def birthday_in(birth: date, year: int) -> date:
    """The birthday as celebrated in ``year``: 29 February counts on 1 March in other years."""
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return birth.replace(year=year)


def age_on(birth: date, day: date) -> int:
    """Completed years on ``day``."""
    years = day.year - birth.year
    return years - 1 if day < birthday_in(birth, day.year) else years


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February -> 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
