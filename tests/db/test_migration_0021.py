"""Revision 0021 on a file with data (upgraded to the head, which since 0022 stores each time
as its integer): the stored times of whole seconds lose their zero
fraction, every time reads back as the same instant, a time with microseconds keeps them,
the audit rows stay byte for byte as they were and the file still verifies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command

from cryolog.db.alembic_config import alembic_config
from cryolog.db.audit_plain import stored_instant
from cryolog.db.database import open_database
from cryolog.db.engine import make_engine
from cryolog.db.revisions import HEAD_REVISION
from cryolog.services import Services
from cryolog.services.demo import generate_demo
from cryolog.services.verify import verify_file

pytestmark = pytest.mark.sqlite_only  # SQLite's text times; a server keeps its own type

AUDIT = ("audit_log", "audit_content", "audit_salt")
Times = dict[tuple[str, str, int], Any]


def _times(path: Path) -> Times:
    """Every stored time of the records' tables: (table, column, rowid) -> its text."""
    found: Times = {}
    with closing(sqlite3.connect(path)) as conn:
        tables = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE '%WITHOUT ROWID%'"
        ).fetchall()
        for (table,) in tables:
            if table in AUDIT:
                continue
            info = conn.execute(f"SELECT name, type FROM pragma_table_info('{table}')")
            for (column,) in [(n,) for n, kind in info if kind.upper() == "DATETIME"]:
                rows = conn.execute(
                    f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL"
                )
                for rowid, value in rows:
                    found[(table, column, int(rowid))] = value
    return found


def _audit_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in AUDIT}


def _revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


@pytest.fixture(scope="module")
def at_0019(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A demo file with one patient archived now (a time with microseconds), taken back to
    the revision before 0021 by the migrations' own downgrade."""
    path = tmp_path_factory.mktemp("r0021") / "practice.db"
    db = open_database(path)
    try:
        generate_demo(db, 12, seed=3)
        Services.open(db, actor="dr.test").patients.archive(1, "entered twice by mistake")
    finally:
        db.dispose()
    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0019")
    finally:
        engine.dispose()
    yield path


@pytest.fixture
def upgraded(
    at_0019: Path, tmp_path: Path
) -> tuple[Path, Times, dict[str, list[tuple[object, ...]]]]:
    path = tmp_path / "upgraded.db"
    with closing(sqlite3.connect(at_0019)) as source, closing(sqlite3.connect(path)) as target:
        source.backup(target)
    before, audit = _times(path), _audit_rows(path)
    open_database(path).dispose()
    return path, before, audit


def test_the_downgrade_stores_every_time_with_six_digits(at_0019: Path) -> None:
    assert _revision(at_0019) == "0019"
    times = _times(at_0019)
    assert len(times) > 500
    assert all(len(value) == 26 for value in times.values())


def test_upgrade_keeps_every_instant_and_drops_only_zero_fractions(
    upgraded: tuple[Path, Times, dict[str, list[tuple[object, ...]]]],
) -> None:
    path, before, _audit = upgraded
    assert _revision(path) == HEAD_REVISION
    after = _times(path)
    assert after.keys() == before.keys()
    for key, old in before.items():
        new = after[key]  # at the head, the integer of the instant (revision 0022)
        assert stored_instant(new) == stored_instant(old), key
        assert stored_instant(new).microsecond == int(old[20:]), key  # never cut
    kept = [v for (t, c, _r), v in after.items() if (t, c) == ("patient", "archived_at")]
    assert len(kept) == 1 and int(kept[0]) % 1_000_000 != 0  # archived just now: kept


def test_the_audit_rows_are_kept_and_the_file_verifies(
    upgraded: tuple[Path, Times, dict[str, list[tuple[object, ...]]]],
) -> None:
    path, _before, audit = upgraded
    now = _audit_rows(path)
    for table in AUDIT:
        assert now[table][: len(audit[table])] == audit[table], table
    with closing(sqlite3.connect(path)) as conn:
        last = conn.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert last == ("checkpoint",)
    assert verify_file(path).exit_status == 0


def test_records_read_back_through_the_models_after_the_upgrade(
    upgraded: tuple[Path, Times, dict[str, list[tuple[object, ...]]]],
) -> None:
    path, before, _audit = upgraded
    db = open_database(path)
    try:
        services = Services.open(db, actor="dr.test")
        record = services.patients.get_patient(2)
        stored = before[("patient", "created_at", 2)]
        assert record.created_at == datetime.fromisoformat(stored).replace(tzinfo=UTC)
        archived = services.patients.get_patient(1).archived_at
        stored = before[("patient", "archived_at", 1)]
        assert archived == datetime.fromisoformat(stored).replace(tzinfo=UTC)
        assert archived is not None and archived.microsecond != 0
    finally:
        db.dispose()
