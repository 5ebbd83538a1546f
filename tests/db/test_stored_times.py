"""The stored form of a time (revision 0021): a whole second without its fraction, any
other time with all six digits; one form per instant, sorting and comparing in SQLite as
the instants do, and the audit trail's canonical form the same for both."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy.dialects import sqlite

from cryolog.db.audit_plain import plain_datetime, stored_time, utc_text
from cryolog.db.models import TreatmentSession

MOMENTS = [
    datetime(2025, 8, 30, 12, 50, tzinfo=UTC),
    datetime(2025, 8, 30, 12, 50, 0, 1, tzinfo=UTC),
    datetime(2025, 8, 30, 12, 49, 59, 999999, tzinfo=UTC),
    datetime(2025, 8, 30, 12, 50, 1, tzinfo=UTC),
    datetime(2025, 8, 30, 12, 50, 0, 500000, tzinfo=UTC),
    datetime(2025, 8, 30, 15, 50, tzinfo=timezone(timedelta(hours=3))),  # = the first
    datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),
]


def test_a_whole_second_has_no_fraction_and_any_other_time_keeps_six_digits() -> None:
    assert stored_time(MOMENTS[0]) == "2025-08-30 12:50:00"
    assert stored_time(MOMENTS[1]) == "2025-08-30 12:50:00.000001"
    assert stored_time(MOMENTS[5]) == stored_time(MOMENTS[0])  # one form per instant
    for moment in MOMENTS:
        assert datetime.fromisoformat(stored_time(moment)).replace(tzinfo=UTC) == moment


def test_the_models_bind_the_same_form() -> None:
    dialect = sqlite.dialect()
    column = TreatmentSession.__table__.c.started_at.type
    bind = column.dialect_impl(dialect).bind_processor(dialect)
    assert bind is not None
    assert [bind(m) for m in MOMENTS] == [stored_time(m) for m in MOMENTS]


def test_sqlite_orders_and_compares_the_stored_texts_as_the_instants() -> None:
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute("CREATE TABLE t (n INTEGER, at DATETIME)")
        conn.executemany(
            "INSERT INTO t VALUES (?, ?)", [(i, stored_time(m)) for i, m in enumerate(MOMENTS)]
        )
        order = [n for (n,) in conn.execute("SELECT n FROM t ORDER BY at, n")]
        assert order == sorted(range(len(MOMENTS)), key=lambda i: (MOMENTS[i], i))
        for pivot in MOMENTS:
            at = stored_time(pivot)
            for op, test in (("<", pivot.__gt__), ("<=", pivot.__ge__), ("=", pivot.__eq__)):
                found = {n for (n,) in conn.execute(f"SELECT n FROM t WHERE at {op} ?", (at,))}
                assert found == {i for i, m in enumerate(MOMENTS) if test(m)}, (op, at)


def test_both_stored_forms_have_the_canonical_form_of_the_instant() -> None:
    for moment in MOMENTS:
        stored = stored_time(moment)
        six = stored if len(stored) == 26 else stored + ".000000"
        assert plain_datetime(stored) == plain_datetime(six) == utc_text(moment)
