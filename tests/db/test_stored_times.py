"""The stored form of a time on SQLite (revision 0022): an integer, the microseconds since
1970 UTC; one form per instant, sorting and comparing in SQLite as the instants do, read
back like the older texts (19 and 26 characters), and the audit trail's canonical form the
same for all three."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, insert, select
from sqlalchemy.dialects import sqlite

from cryolog.db.audit_plain import plain_datetime, stored_instant, stored_time, utc_text
from cryolog.db.models import TreatmentSession
from cryolog.db.types import UTCDateTime

MOMENTS = [
    datetime(2025, 8, 30, 12, 50, tzinfo=UTC),
    datetime(2025, 8, 30, 12, 50, 0, 1, tzinfo=UTC),
    datetime(2025, 8, 30, 12, 49, 59, 999999, tzinfo=UTC),
    datetime(2025, 8, 30, 12, 50, 1, tzinfo=UTC),
    datetime(2025, 8, 30, 12, 50, 0, 500000, tzinfo=UTC),
    datetime(2025, 8, 30, 15, 50, tzinfo=timezone(timedelta(hours=3))),  # = the first
    datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(1969, 12, 31, 23, 59, 59, 250000, tzinfo=UTC),  # before 1970: negative
]


def _texts(moment: datetime) -> tuple[str, str]:
    """The two texts older files hold for ``moment``: 0021's short one and six digits."""
    naive = moment.astimezone(UTC).replace(tzinfo=None)
    return naive.isoformat(" "), naive.isoformat(" ", timespec="microseconds")


def test_a_time_is_stored_as_its_microseconds_since_1970() -> None:
    assert stored_time(MOMENTS[0]) == 1_756_558_200_000_000
    assert stored_time(MOMENTS[1]) == 1_756_558_200_000_001
    assert stored_time(MOMENTS[5]) == stored_time(MOMENTS[0])  # one form per instant
    assert stored_time(MOMENTS[7]) == -750_000
    assert stored_time(datetime(1970, 1, 1)) == 0  # a naive time is read as UTC
    for moment in MOMENTS:
        assert type(stored_time(moment)) is int
        assert stored_instant(stored_time(moment)) == moment


def test_every_stored_form_reads_back_as_the_same_instant() -> None:
    for moment in MOMENTS:
        short, six = _texts(moment)
        naive = moment.astimezone(UTC).replace(tzinfo=None)  # a server's driver gives it
        for stored in (stored_time(moment), short, six, naive, moment):
            found = stored_instant(stored)
            assert found == moment and found.tzinfo is UTC, (moment, stored)
    with pytest.raises(TypeError):
        stored_instant(1.5)
    with pytest.raises(TypeError):
        stored_instant(True)


def test_the_models_bind_the_integer_and_read_every_form() -> None:
    dialect = sqlite.dialect()
    column = TreatmentSession.__table__.c.started_at.type
    bind = column.dialect_impl(dialect).bind_processor(dialect)
    read = column.dialect_impl(dialect).result_processor(dialect, None)
    assert bind is not None and read is not None
    assert [bind(m) for m in MOMENTS] == [stored_time(m) for m in MOMENTS]
    with pytest.raises(ValueError, match="timezone-aware"):
        bind(datetime(2025, 8, 30, 12, 50))
    for moment in MOMENTS:
        for stored in (stored_time(moment), *_texts(moment)):
            assert read(stored) == moment
    assert read(None) is None and bind(None) is None


def test_sqlite_keeps_an_integer_in_a_datetime_column() -> None:
    """The column keeps its declared type DATETIME (numeric affinity): the integer is
    stored as an integer, an older text stays text, and the model reads both."""
    from sqlalchemy import Column, Integer, MetaData, Table

    table = Table("t", MetaData(), Column("n", Integer), Column("at", UTCDateTime))
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        table.create(conn)
        conn.execute(insert(table), [{"n": 0, "at": MOMENTS[1]}])
        conn.exec_driver_sql("INSERT INTO t VALUES (1, '2025-08-30 12:50:00')")
        kinds = conn.exec_driver_sql("SELECT typeof(at) FROM t ORDER BY n").scalars().all()
        assert kinds == ["integer", "text"]
        assert conn.execute(select(table.c.at).order_by(table.c.n)).scalars().all() == [
            MOMENTS[1],
            MOMENTS[0],
        ]
        assert "DATETIME" in str(conn.exec_driver_sql("SELECT sql FROM sqlite_master").scalar())
    engine.dispose()


def test_sqlite_orders_and_compares_the_stored_integers_as_the_instants() -> None:
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


def test_every_stored_form_has_the_canonical_form_of_the_instant() -> None:
    for moment in MOMENTS:
        short, six = _texts(moment)
        assert plain_datetime(stored_time(moment)) == plain_datetime(short)
        assert plain_datetime(short) == plain_datetime(six) == plain_datetime(moment)
        if moment.year >= 1000:
            assert plain_datetime(stored_time(moment)) == utc_text(moment)


def test_a_value_no_time_column_holds_has_no_valid_canonical_form() -> None:
    assert isinstance(plain_datetime(True), dict)  # a boolean is no integer time
    assert isinstance(plain_datetime(1.0), dict)
    assert isinstance(plain_datetime(10**20), dict)  # past the year 9999
