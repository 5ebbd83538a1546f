"""The day plan's due list read in one pass (counts, last dates, and the date that decides
a weekly limit) gives what the whole schedule gives."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cryolog.db.database import Database
from cryolog.domain.catalog import protocol
from cryolog.domain.schedule import course_schedule
from cryolog.services import Services
from cryolog.services.today import TodayService
from tests.services.test_today import TODAY, _course, _patient

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)


def _expected(started: date, done: list[date], day: date) -> tuple[date, bool, int] | None:
    """What the domain's whole-course schedule says of an acne course on ``day``."""
    nxt = course_schedule("acne", started, done, day).next
    if nxt is None or nxt.earliest > day:
        return None
    return nxt.earliest, nxt.overdue, nxt.days_late


def test_due_matches_the_whole_schedule_where_the_weekly_limit_moves_the_next_session(
    db: Database,
) -> None:
    # acne: 3 days apart, 2 in any 7 days. After sessions on days -10 and -7 the interval
    # allows day -4, the weekly limit only day -3.
    s = Services.open(db, "tester")
    started = TODAY - timedelta(days=10)
    limited = [TODAY - timedelta(days=10), TODAY - timedelta(days=7)]
    cid = _course(s, _patient(s, "Limited"), started, limited)
    fresh = _course(s, _patient(s, "Fresh"), TODAY - timedelta(days=1), [])
    assert protocol("acne").max_per_7_days == 2

    for offset in (-5, -4, -3, 0, 6, 30):
        day = TODAY + timedelta(days=offset)
        found = {d.course_id: d for d in TodayService(db, "tester").due(day)}
        expected = _expected(started, limited, day)
        if expected is None:
            assert cid not in found, day
        else:
            item = found[cid]
            assert (item.earliest, item.overdue, item.days_late) == expected, day
            assert (item.sessions_done, item.sessions_planned) == (2, 15)
        assert (fresh in found) == (day >= TODAY - timedelta(days=1)), day
    assert found[cid].earliest == TODAY - timedelta(days=3)
