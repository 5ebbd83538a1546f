"""The standard-library side of a database file: plain reads, revision, cancellable scan."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from cryolog.db.database import Database, as_date
from cryolog.db.errors import DatabaseCorrupt, DatabaseReadOnly
from cryolog.db.revisions import HEAD_REVISION, current_revision
from cryolog.db.sqlite_file import (
    IntegrityCheckCancelled,
    SqliteReader,
    check_integrity,
    inspect_file,
)
from cryolog.services import Services

pytestmark = pytest.mark.sqlite_only  # SQLite pragmas, WAL, kills


def _patients(db: Database, count: int) -> None:
    services = Services.open(db, "tester")
    for i in range(count):
        services.patients.register(
            {"family_name": f"Name{i:03d}", "given_name": "Anna", "birth_date": date(1980, 1, 1)}
        )


def test_revision_read_without_the_orm_matches_the_orm(db: Database) -> None:
    assert db.path is not None
    state = inspect_file(db.path, verify=True)
    with db.engine.connect() as conn:
        assert state.revision == current_revision(conn) == HEAD_REVISION
    assert state.has_tables


def test_plain_reads_see_committed_rows_with_parameters(db: Database) -> None:
    _patients(db, 3)
    rows = db.rows(
        "SELECT family_name, birth_date FROM patient WHERE family_name >= :from"
        " ORDER BY family_name",
        {"from": "Name001"},
    )
    assert [(name, as_date(born)) for name, born in rows] == [
        ("Name001", date(1980, 1, 1)),
        ("Name002", date(1980, 1, 1)),
    ]
    born = db.rows("SELECT count(*) FROM patient WHERE birth_date = :d", {"d": date(1980, 1, 1)})
    assert born == [(3,)]


def test_date_times_are_refused_rather_than_compared_in_the_wrong_layout(db: Database) -> None:
    with pytest.raises(TypeError, match="dates, not date-times"):
        db.rows("SELECT 1 FROM patient WHERE created_at > :t", {"t": datetime(2026, 1, 1)})


def test_the_plain_reader_cannot_write(db: Database) -> None:
    with pytest.raises(DatabaseReadOnly):
        db.rows("DELETE FROM patient WHERE id = :id", {"id": 1})


def test_a_garbage_file_is_reported_not_raised_raw(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database at all" * 200)
    reader = SqliteReader(path)
    with pytest.raises(DatabaseCorrupt, match="not a readable cryolog database"):
        reader.rows("SELECT 1 FROM patient", {})
    reader.close()


def test_connections_are_closed_on_dispose_and_reopened_when_used_again(db: Database) -> None:
    assert db.rows("SELECT 1", {}) == [(1,)]
    db.dispose()
    assert db.rows("SELECT 2", {}) == [(2,)]


def test_integrity_scan_passes_and_can_be_cancelled(db: Database) -> None:
    _patients(db, 60)
    assert db.path is not None
    check_integrity(db.path)  # sound file: no exception
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(True)
        return True

    with pytest.raises(IntegrityCheckCancelled):
        check_integrity(db.path, cancelled)
    assert asked
