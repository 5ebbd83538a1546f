"""``cryolog patients find``: the window's search on the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cryolog.db.database import Database
from cryolog.services import Services
from tests.cli.test_cli_db import run


@pytest.fixture
def filled(db: Database, db_path: Path) -> Path:
    s = Services.open(db, "dr.test")
    s.practice.update_practice({"country": "RU"})
    s.patients.register(
        {
            "family_name": "Иванова",
            "given_name": "Мария",
            "birth_date": date(1985, 3, 14),
            "phone": "+7 912 385-67-89",
        }
    )
    s.patients.register({"family_name": "Dupont", "birth_date": date(1975, 1, 3)})
    db.dispose()
    return db_path


def test_find_by_dictated_phone_prints_one_line_per_match(filled: Path) -> None:
    done = run("patients", "find", "8 912 385-67", "--db", str(filled))
    assert done.returncode == 0, done.stderr
    (only,) = done.stdout.splitlines()
    pid, name, birth, phone = only.split("\t")
    assert (name, birth, phone) == ("Иванова Мария", "14.03.1985", "+7 912 385-67-89")
    assert int(pid) > 0


def test_find_by_name_and_no_match(filled: Path) -> None:
    done = run("patients", "find", "dup", "--db", str(filled))
    assert done.returncode == 0 and done.stdout.split("\t")[1] == "Dupont"
    none = run("patients", "find", "nobody", "--db", str(filled))
    assert none.returncode == 1 and none.stdout == ""
    assert none.stderr.count("\n") == 1 and "no patient matches" in none.stderr


@pytest.mark.parametrize("text", ["", "   ", "x" * 500, "a\x07b", "\u200d\u200d\u200d"])
def test_bad_search_text_is_one_line_and_nonzero(filled: Path, text: str) -> None:
    done = run("patients", "find", text, "--db", str(filled))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_missing_database_is_refused(tmp_path: Path) -> None:
    done = run("patients", "find", "ivan", "--db", str(tmp_path / "none.db"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "none.db").exists()
