"""Revision 0022 on a file with data: every stored time of the records' tables becomes the
integer of its instant (microseconds since 1970 UTC), a time with microseconds keeps them,
the audit rows stay byte for byte as they were (their text times beside the new entries'
integers), the file still verifies, and the downgrade writes 0021's texts back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command

from cryolog.db.alembic_config import alembic_config
from cryolog.db.audit_plain import stored_instant, stored_time
from cryolog.db.database import open_database
from cryolog.db.engine import make_engine
from cryolog.db.revisions import HEAD_REVISION
from cryolog.services import Services
from cryolog.services.demo import generate_demo
from cryolog.services.erasure import _last_activity
from cryolog.services.verify import verify_file

pytestmark = pytest.mark.sqlite_only  # SQLite's stored times; a server keeps its own type

AUDIT = ("audit_log", "audit_content", "audit_salt")
Times = dict[tuple[str, str, int], object]


def _times(path: Path) -> Times:
    """Every stored time of the records' tables: (table, column, rowid) -> as stored."""
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


def _copy(source: Path, path: Path) -> Path:
    with closing(sqlite3.connect(source)) as a, closing(sqlite3.connect(path)) as b:
        a.backup(b)
    return path


@pytest.fixture(scope="module")
def at_0021(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A demo file with one patient archived now (a time with microseconds), taken back to
    the revision before 0022 by the migration's own downgrade."""
    path = tmp_path_factory.mktemp("r0022") / "practice.db"
    db = open_database(path)
    try:
        generate_demo(db, 12, seed=3)
        Services.open(db, actor="dr.test").patients.archive(1, "entered twice by mistake")
    finally:
        db.dispose()
    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0021")
    finally:
        engine.dispose()
    yield path


@pytest.fixture
def upgraded(
    at_0021: Path, tmp_path: Path
) -> tuple[Path, Times, dict[str, list[tuple[object, ...]]]]:
    path = _copy(at_0021, tmp_path / "upgraded.db")
    before, audit = _times(path), _audit_rows(path)
    open_database(path).dispose()
    return path, before, audit


def test_the_downgrade_stores_0021s_texts(at_0021: Path) -> None:
    assert _revision(at_0021) == "0021"
    times = _times(at_0021)
    assert len(times) > 500
    assert all(isinstance(v, str) and len(v) in (19, 26) for v in times.values())
    for value in times.values():
        assert isinstance(value, str)
        if len(value) == 26:
            assert not value.endswith(".000000")  # 0021: a whole second has no fraction
    archived = [v for (t, c, _r), v in times.items() if (t, c) == ("patient", "archived_at")]
    assert len(archived) == 1 and len(str(archived[0])) == 26


def test_upgrade_stores_every_instant_as_its_integer(
    upgraded: tuple[Path, Times, dict[str, list[tuple[object, ...]]]],
) -> None:
    path, before, _audit = upgraded
    assert _revision(path) == HEAD_REVISION
    after = _times(path)
    assert after.keys() == before.keys()
    for key, old in before.items():
        new = after[key]
        assert type(new) is int, key
        assert stored_instant(new) == stored_instant(old), key
        assert new == stored_time(datetime.fromisoformat(str(old))), key
    kept = [v for (t, c, _r), v in after.items() if (t, c) == ("patient", "archived_at")]
    assert len(kept) == 1 and isinstance(kept[0], int) and kept[0] % 1_000_000 != 0


def test_the_audit_rows_are_kept_and_the_file_verifies(
    upgraded: tuple[Path, Times, dict[str, list[tuple[object, ...]]]],
) -> None:
    path, _before, audit = upgraded
    now = _audit_rows(path)
    for table in AUDIT:
        assert now[table][: len(audit[table])] == audit[table], table
    with closing(sqlite3.connect(path)) as conn:
        last = conn.execute(
            "SELECT action, typeof(at) FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert last == ("checkpoint", "integer")
    assert verify_file(path).exit_status == 0


def test_records_read_back_and_new_writes_verify_after_the_upgrade(
    upgraded: tuple[Path, Times, dict[str, list[tuple[object, ...]]]],
) -> None:
    path, before, _audit = upgraded
    db = open_database(path)
    try:
        services = Services.open(db, actor="dr.test")
        record = services.patients.get_patient(2)
        assert record.created_at == stored_instant(before[("patient", "created_at", 2)])
        archived = services.patients.get_patient(1).archived_at
        assert archived == stored_instant(before[("patient", "archived_at", 1)])
        assert archived is not None and archived.microsecond != 0
        assert archived.tzinfo is UTC
        services.patients.archive(3, "moved away from the area")
    finally:
        db.dispose()
    with closing(sqlite3.connect(path)) as conn:
        stored = conn.execute("SELECT archived_at FROM patient WHERE id = 3").fetchone()[0]
    assert type(stored) is int
    assert verify_file(path).exit_status == 0


def test_the_downgrade_writes_0021s_texts_back(
    upgraded: tuple[Path, Times, dict[str, list[tuple[object, ...]]]],
) -> None:
    path, before, _audit = upgraded
    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0021")
    finally:
        engine.dispose()
    assert _revision(path) == "0021"
    assert _times(path) == before


FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"


def test_an_old_files_text_entries_and_the_new_integer_ones_verify_together(
    tmp_path: Path,
) -> None:
    """A file of the first release (every audit time a text) upgraded to the head: its
    entries keep their text, the new ones store integers, History and the erasure's last
    activity read both, and the whole trail verifies."""
    path = tmp_path / "old.db"
    path.write_bytes(FIXTURE.read_bytes())
    db = open_database(path)
    try:
        services = Services.open(db, actor="dr.test")
        services.patients.archive(1, "moved away from the area")
        history = services.records.history_page(1).entries
        with db.read() as session:
            last = _last_activity(session, 1, date(2000, 1, 1))
    finally:
        db.dispose()
    with closing(sqlite3.connect(path)) as conn:
        kinds = dict(conn.execute("SELECT typeof(at), count(*) FROM audit_log GROUP BY 1"))
        times = [
            stored_instant(at)
            for (at,) in conn.execute("SELECT at FROM audit_log WHERE patient_id = 1 ORDER BY id")
        ]
    assert kinds.get("text", 0) >= 12 and kinds.get("integer", 0) >= 1
    assert times == sorted(times)  # the text entries are older than the integer ones
    assert [e.at for e in history] == sorted(times, reverse=True)[: len(history)]
    assert last == times[-1].date() == datetime.now(UTC).date()  # the integer one, not a text
    assert verify_file(path).exit_status == 0
