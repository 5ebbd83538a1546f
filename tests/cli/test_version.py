"""``cryolog --version``: the build, the schema it writes, and the file's schema, read
without creating or changing anything."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cryolog import __version__
from cryolog.cli import main
from cryolog.db.database import Database
from cryolog.db.revisions import HEAD_REVISION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def version(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["--version", *args]) == 0
    return capsys.readouterr().out.splitlines()


def test_version_names_the_build_and_the_schema_it_writes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "nowhere" / "cryolog.db"
    monkeypatch.setenv("CRYOLOG_DB", str(target))
    lines = version(capsys)
    assert lines == [
        f"cryolog {__version__}",
        f"schema revision written by this version: {HEAD_REVISION}",
        f"default database: {target} (not created yet)",
    ]
    assert not target.parent.exists()


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_closed_database_is_read_without_leaving_files(
    capsys: pytest.CaptureFixture[str], db: Database, db_path: Path
) -> None:
    db.dispose()
    before = _listing(db_path.parent)
    mtime = db_path.stat().st_mtime_ns
    lines = version(capsys, "--db", str(db_path))
    assert lines[2] == f"database: {db_path} (schema {HEAD_REVISION})"
    assert _listing(db_path.parent) == before  # no -wal or -shm left behind
    assert db_path.stat().st_mtime_ns == mtime


def test_a_database_in_use_is_read_through_its_log(
    capsys: pytest.CaptureFixture[str], db: Database, db_path: Path
) -> None:
    with db.read() as session:  # the window has it open: -wal and -shm exist
        session.connection()
        assert db_path.with_name(db_path.name + "-wal").exists()
        lines = version(capsys, "--db", str(db_path))
    assert lines[2].endswith(f"(schema {HEAD_REVISION})")


def test_an_older_file_is_named_with_what_will_happen(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "rev0001.sqlite", old)
    data = old.read_bytes()
    line = version(capsys, "--db", str(old))[2]
    assert "schema 0001: this version updates it when it opens (after a backup)" in line
    assert old.read_bytes() == data


def _stamped(path: Path, revision: str | None) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE other (x)")
        if revision is not None:
            conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
            conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: _stamped(p, "9999"), "schema 9999: written by a newer cryolog"),
        (lambda p: _stamped(p, None), "not a cryolog database"),
        (lambda p: p.write_bytes(b"\x00garbage" * 512), "not a plain SQLite file"),
        (lambda p: p.mkdir(), "not a file"),
    ],
)
def test_files_it_cannot_use_are_named_plainly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: object, expected: str
) -> None:
    target = tmp_path / "x.db"
    make(target)  # type: ignore[operator]
    assert expected in version(capsys, "--db", str(target))[2]


def test_a_server_database_is_not_contacted_and_its_password_not_shown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = version(capsys, "--db", "postgresql://anna:s3cret@db.local:5432/clinic")[2]
    assert (
        line
        == "database: postgresql://anna:***@db.local:5432/clinic (a database server: not contacted)"
    )
