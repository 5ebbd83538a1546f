"""Migration 0017 (keyed booking warnings): a file at 0016 keeps its appointments and their
warnings' text, gains empty key and language columns, still verifies, and shows its old
warnings as saved; the revision goes back cleanly."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command

from cryolog.db.alembic_config import alembic_config
from cryolog.db.database import open_database
from cryolog.db.engine import make_engine
from cryolog.db.revisions import HEAD_REVISION
from cryolog.domain import locale as loc
from cryolog.services import Services
from cryolog.services.verify import verify_file
from tests.instants import as_instant

pytestmark = pytest.mark.sqlite_only  # an old file's upgrade (a server starts at the head)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"
OLD_TEXT = (
    "interval_short: 1 day(s) from the course's visit on Tue 8 Dec 2026;"
    " the protocol asks for at least 3"
)
APPOINTMENTS = (  # compared as instants, whichever form is stored (0021, 0022 change it)
    "SELECT id, patient_id, starts_at, status, warnings, warning_reason FROM appointment"
)


def _migrate(path: Path, revision: str, *, down: bool = False) -> None:
    engine = make_engine(f"sqlite:///{path}", foreign_keys=False)
    try:
        with engine.begin() as conn:
            (command.downgrade if down else command.upgrade)(alembic_config(conn), revision)
    finally:
        engine.dispose()


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(sql).fetchall()
    if sql == APPOINTMENTS:
        return [(*r[:2], as_instant(r[2], time=True), *r[3:]) for r in rows]
    return rows


def _columns(path: Path) -> set[str]:
    return {str(r[1]) for r in _rows(path, "PRAGMA table_info(appointment)")}


def _file_at_0016(tmp_path: Path) -> Path:
    """The old fixture brought to 0016, with an appointment booked despite a warning the
    way 0016 stored it (its English text only)."""
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    _migrate(path, "0016")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "INSERT INTO booking_resource (id, name, modalities, capacity, session_min,"
            " turnaround_min, active, position) VALUES (1, 'Cabin 1', 'ln2_applicator', 1, 20,"
            " 10, 1, 0)"
        )
        conn.execute(
            "INSERT INTO appointment (id, patient_id, resource_id, general, starts_at,"
            " local_day, length_min, turnaround_min, status, cancel_reason, warnings,"
            " warning_reason, created_at, updated_at, version) VALUES (1, 1, 1, 0,"
            " '2026-12-09 09:00:00.000000', '2026-12-09', 20, 10, 'booked', '', ?,"
            " 'Patient is away the week after', '2026-12-01 10:00:00.000000',"
            " '2026-12-01 10:00:00.000000', 1)",
            (OLD_TEXT,),
        )
        conn.commit()
    return path


@pytest.mark.tampered  # the appointment is written as version 0016 wrote it, without services
def test_an_appointment_at_0016_keeps_its_warnings_and_shows_them_as_saved(
    tmp_path: Path,
) -> None:
    path = _file_at_0016(tmp_path)
    before = _rows(path, APPOINTMENTS)
    assert len(before) == 1
    db = open_database(path)
    try:
        assert _rows(path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
        assert {"warnings_said", "warnings_language"} <= _columns(path)
        assert _rows(path, APPOINTMENTS) == before
        assert _rows(path, "SELECT warnings_said, warnings_language FROM appointment") == [
            (None, None)
        ]
        loc.use_language("ru")
        try:
            shown = Services.open(db, "dr.test").appointments.appointment(1)
        finally:
            loc.use_language(None)
        assert shown.warnings_now == OLD_TEXT  # its English text: nothing says more
    finally:
        db.dispose()
    report = verify_file(path)
    assert [b.line() for b in report.breaks] == []


@pytest.mark.tampered
def test_the_revision_goes_back_and_keeps_the_appointments(tmp_path: Path) -> None:
    path = _file_at_0016(tmp_path)
    open_database(path).dispose()
    before = _rows(path, APPOINTMENTS)
    _migrate(path, "0016", down=True)
    assert _rows(path, "SELECT version_num FROM alembic_version") == [("0016",)]
    assert "warnings_said" not in _columns(path)
    assert _rows(path, APPOINTMENTS) == before
