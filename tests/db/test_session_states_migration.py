"""Revision 0004 on an old file: every stored session becomes signed, with its pre-session
blood pressure as its one reading; the new constraints hold."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from cryolog.db.audit_plain import stored_instant
from cryolog.db.database import open_database

pytestmark = pytest.mark.sqlite_only  # an old file's upgrade (a server starts at the head)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    target = tmp_path / "practice.db"
    shutil.copy(FIXTURE, target)
    with closing(sqlite3.connect(target)) as conn:  # two sessions had a blood pressure
        conn.execute("UPDATE treatment_session SET bp_pre_sys = 138, bp_pre_dia = 86 WHERE id = 2")
        conn.execute("UPDATE treatment_session SET bp_pre_sys = 121, bp_pre_dia = 79 WHERE id = 5")
        conn.commit()
    return target


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def _instant(row: tuple[object, ...]) -> tuple[object, ...]:
    """The row with its time as the instant (0021 stores a whole second without fraction,
    0022 an integer)."""
    return (*row[:-1], stored_instant(row[-1]))


def test_stored_sessions_become_signed_with_their_one_reading(old_file: Path) -> None:
    before = _rows(old_file, "SELECT id, duration_s, created_at FROM treatment_session")
    open_database(old_file).dispose()
    after = _rows(
        old_file,
        "SELECT id, duration_s, created_at, state, signed_at, running_at, actual_exposure_s,"
        " over_max_note FROM treatment_session ORDER BY id",
    )
    assert [_instant(r[:3]) for r in after] == [_instant(r) for r in sorted(before)]
    assert all(r[3] == "signed" and r[4] == r[2] for r in after)
    assert all(r[5] is None and r[6] is None and r[7] == "" for r in after)
    readings = _rows(
        old_file,
        "SELECT session_id, position, systolic, diastolic, measured_at"
        " FROM session_bp_reading ORDER BY session_id",
    )
    assert readings == [(2, 0, 138, 86, None), (5, 0, 121, 79, None)]
    assert _rows(old_file, "SELECT DISTINCT read_early FROM cold_test") == [(0,)]
    assert _rows(old_file, "PRAGMA foreign_key_check") == []


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE treatment_session SET state = 'paused' WHERE id = 1",
        "UPDATE treatment_session SET signed_at = NULL WHERE id = 1",
        "UPDATE treatment_session SET duration_s = NULL WHERE id = 1",
        "UPDATE treatment_session SET actual_exposure_s = 0 WHERE id = 1",
        "INSERT INTO session_bp_reading (session_id, position, systolic, diastolic)"
        " VALUES (1, 1, 80, 90)",
        "UPDATE cold_test SET kind = 'temp_threshold', read_early = 1 WHERE id = 1",
    ],
)
def test_the_new_constraints_refuse_impossible_rows(old_file: Path, sql: str) -> None:
    open_database(old_file).dispose()
    with closing(sqlite3.connect(old_file)) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute(sql)
