"""Revision 0020 on a file with data: ``course_due`` is filled with what the courses, their
sessions and patients give (the rows the app keeps from then on), the day plan read from
it is the one the open courses' schedule gave before, and the downgrade takes the table and
the index away again, leaving every other row as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from cryolog.db.alembic_config import alembic_config
from cryolog.db.course_due import rebuild
from cryolog.db.database import open_database
from cryolog.db.engine import make_engine
from cryolog.services import Services
from cryolog.services.demo import generate_demo
from cryolog.services.verify import verify_file
from tests.instants import rows_as_instants, time_columns

pytestmark = pytest.mark.sqlite_only  # a file taken back and forth by the migrations

KEPT = ("course", "treatment_session", "patient", "appointment", "audit_log")


def _select(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return sorted(conn.execute(sql).fetchall())


def _kept(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The clinical tables' rows, each stored time as its instant (revision 0021, after
    0020 in the same upgrade, writes a whole second's time without its zero fraction)."""
    with closing(sqlite3.connect(path)) as conn:
        times = {table: time_columns(conn, table) for table in KEPT}
    return {
        table: sorted(rows_as_instants(_select(path, f"SELECT * FROM {table}"), times[table]))
        for table in KEPT
    }


def _names(path: Path) -> set[str]:
    return {str(n) for (n,) in _select(path, "SELECT name FROM sqlite_master")}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, object]]]:
    """A demo file at the head, its due rows and day plans as the app keeps them, then the
    same file taken back before 0020 by the migration's own downgrade."""
    path = tmp_path_factory.mktemp("r0020") / "practice.db"
    db = open_database(path)
    try:
        generate_demo(db, 30, seed=11)
        services = Services.open(db, "tester")
        days = [date.today() + timedelta(days=d) for d in (-7, 0, 5, 30)]
        seen: dict[str, object] = {
            "rows": _select(path, "SELECT * FROM course_due"),
            "plans": [services.appointments.day_plan(d) for d in days],
            "days": days,
        }
    finally:
        db.dispose()
    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    try:
        with engine.begin() as conn:
            config = alembic_config(conn)
            before = ScriptDirectory.from_config(config).get_revision("0020").down_revision
            assert isinstance(before, str)
            command.downgrade(config, before)
    finally:
        engine.dispose()
    yield path, seen


def test_the_downgrade_takes_the_table_and_the_index_away(demo: tuple[Path, object]) -> None:
    path, _seen = demo
    assert not {"course_due", "ix_course_due_course_id", "ix_appointment_day_course"} & _names(path)


def test_the_upgrade_fills_the_rows_the_app_keeps(
    demo: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    source, seen = demo
    path = tmp_path / "upgraded.db"
    with closing(sqlite3.connect(source)) as old, closing(sqlite3.connect(path)) as new:
        old.backup(new)
    kept = _kept(path)
    db = open_database(path)  # the pre-migration backup, then 0020
    try:
        assert db.migration is not None
        rows = _select(path, "SELECT * FROM course_due")
        assert rows and rows == seen["rows"]
        with db.engine.connect() as conn, conn.begin() as tx:  # and what a fill gives now
            rebuild(conn)
            assert (
                sorted(tuple(r) for r in conn.exec_driver_sql("SELECT * FROM course_due")) == rows
            )
            tx.rollback()
        services = Services.open(db, "tester")
        days = seen["days"]
        assert isinstance(days, list)
        assert [services.appointments.day_plan(d) for d in days] == seen["plans"]
    finally:
        db.dispose()
    now = _kept(path)
    # 0021's checkpoint appends one entry; every entry before it is as it was.
    assert now.pop("audit_log")[: len(kept["audit_log"])] == kept.pop("audit_log")
    assert now == kept
    assert {"course_due", "ix_course_due_course_id", "ix_appointment_day_course"} <= _names(path)
    assert verify_file(path).exit_status == 0
