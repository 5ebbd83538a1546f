"""Revision 0019 on a file with data: the two indexes another index answers are gone, the
four key-only tables are stored without a rowid, every row is kept, the lookups that used
the dropped indexes still read an index, and the audit trail still verifies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from cryolog.db.alembic_config import alembic_config
from cryolog.db.database import open_database
from cryolog.db.engine import make_engine
from cryolog.db.revisions import HEAD_REVISION
from cryolog.services.demo import generate_demo
from cryolog.services.verify import verify_file

pytestmark = pytest.mark.sqlite_only  # the SQLite rebuild without a rowid

KEYED = ("screening_answer", "staff_minute", "patient_phone_key", "appointment_seat")
DROPPED = ("ix_treatment_session_patient_id", "ix_appointment_patient_id")


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in KEYED}


def _schema(path: Path, name: str) -> str | None:
    with closing(sqlite3.connect(path)) as conn:
        found = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return None if found is None else str(found[0])


def _revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


@pytest.fixture(scope="module")
def at_0016(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A demo file taken back to the revision before 0019 by the migrations' own
    downgrade (0016 when this was written; whichever 0019 follows once chained)."""
    path = tmp_path_factory.mktemp("r0019") / "practice.db"
    db = open_database(path)
    try:
        generate_demo(db, 12, seed=3)
    finally:
        db.dispose()
    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    try:
        with engine.begin() as conn:
            config = alembic_config(conn)
            before = ScriptDirectory.from_config(config).get_revision("0019").down_revision
            assert isinstance(before, str)
            command.downgrade(config, before)
    finally:
        engine.dispose()
    yield path


@pytest.fixture
def upgraded(at_0016: Path, tmp_path: Path) -> tuple[Path, dict[str, list[tuple[object, ...]]]]:
    path = tmp_path / "upgraded.db"
    with closing(sqlite3.connect(at_0016)) as source, closing(sqlite3.connect(path)) as target:
        source.backup(target)
    before = _rows(path)
    open_database(path).dispose()
    return path, before


def test_the_downgrade_restores_the_earlier_layout(at_0016: Path) -> None:
    assert _revision(at_0016) != "0019"
    for table in KEYED:
        schema = _schema(at_0016, table)
        assert schema is not None and "WITHOUT ROWID" not in schema.upper()
    for index in DROPPED:
        assert _schema(at_0016, index) is not None


def test_upgrade_keeps_every_row_and_drops_the_redundant_indexes(
    upgraded: tuple[Path, dict[str, list[tuple[object, ...]]]],
) -> None:
    path, before = upgraded
    assert _revision(path) == HEAD_REVISION
    assert all(before[t] for t in ("screening_answer", "patient_phone_key", "appointment_seat"))
    assert _rows(path) == before
    for table in KEYED:
        schema = _schema(path, table)
        assert schema is not None and schema.upper().rstrip().endswith("WITHOUT ROWID")
    for index in DROPPED:
        assert _schema(path, index) is None
    assert _schema(path, "ix_patient_phone_key_patient_id") is not None  # indexes rebuilt
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert verify_file(path).exit_status == 0


SESSIONS, APPOINTMENTS = "ix_treatment_session_patient_day", "ix_appointment_patient_day"


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("SELECT id FROM treatment_session WHERE patient_id = 1", SESSIONS),
        ("SELECT id FROM appointment WHERE patient_id = 1", APPOINTMENTS),
        ("SELECT count(*) FROM treatment_session WHERE patient_id = 1", SESSIONS),
        ("SELECT answer FROM screening_answer WHERE screening_id = 1", "PRIMARY KEY"),
        ("SELECT patient_id FROM patient_phone_key WHERE key = '555'", "PRIMARY KEY"),
    ],
)
def test_lookups_still_read_an_index(
    upgraded: tuple[Path, dict[str, list[tuple[object, ...]]]], query: str, index: str
) -> None:
    path, _ = upgraded
    with closing(sqlite3.connect(path)) as conn:
        plan = " ".join(str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {query}"))
    assert index in plan and "SCAN" not in plan, plan


def test_a_new_file_gets_the_lean_layout(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_database(path).dispose()
    for table in KEYED:
        schema = _schema(path, table)
        assert schema is not None and "WITHOUT ROWID" in schema.upper()
    assert all(_schema(path, index) is None for index in DROPPED)
