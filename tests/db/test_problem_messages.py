"""Database problems are keyed: the window says them in its language, the command line in
English."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cryolog.db.backends.sqlite_errors import translate_sqlite_error
from cryolog.db.errors import DatabaseLocked, DiskFull
from cryolog.domain import locale as loc


def test_a_locked_file_is_said_in_english_and_in_russian(tmp_path: Path) -> None:
    where = tmp_path / "practice.db"
    problem = translate_sqlite_error(sqlite3.OperationalError("database is locked"), where)
    assert isinstance(problem, DatabaseLocked)
    assert str(problem).startswith(f"{where} is in use by another program")
    with loc.in_locale("ru"):
        assert str(problem).startswith(f"{where} используется другой программой")
    assert problem.said.key == "db.in_use"


def test_a_full_disk_is_said_in_russian(tmp_path: Path) -> None:
    problem = translate_sqlite_error(sqlite3.OperationalError("database or disk is full"), "x.db")
    assert isinstance(problem, DiskFull)
    with loc.in_locale("ru"):
        assert "заполнен; ничего не сохранено" in str(problem)
