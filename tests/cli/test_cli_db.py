"""The command line: --db anywhere, clear one-line errors, demo and check."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from cryolog.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cryolog", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_missing_database_is_one_line_and_nonzero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing.db"
    assert main(["check", "--db", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert not target.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--bogus"],
        ["demo", "--patients", "0"],
        ["demo", "--patients", "many"],
        ["nonsense"],
    ],
)
def test_bad_arguments_are_one_line_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cryolog")


def test_garbage_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "notes.db"
    target.write_text("shopping list")
    assert main(["--db", str(target), "check"]) == 1
    assert "not a readable cryolog database" in capsys.readouterr().err


def test_db_option_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "a.db"
    assert main(["demo", "--db", str(target), "--patients", "3", "--seed", "2"]) == 0
    assert main(["--db", str(target), "check"]) == 0
    out = capsys.readouterr().out
    assert "integrity: ok; foreign key violations: 0; journal: wal" in out


def test_demo_refuses_a_database_with_patients(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "a.db"
    assert main(["demo", "--db", str(target), "--patients", "2"]) == 0
    assert main(["demo", "--db", str(target), "--patients", "2"]) == 1
    assert "already holds 2 patients" in capsys.readouterr().err


def test_env_variable_selects_the_database(tmp_path: Path) -> None:
    target = tmp_path / "env.db"
    done = subprocess.run(
        [sys.executable, "-m", "cryolog", "demo", "--patients", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**__import__("os").environ, "CRYOLOG_DB": str(target)},
    )
    assert done.returncode == 0, done.stderr
    assert target.exists()


def test_demo_then_check_end_to_end(tmp_path: Path) -> None:
    """The issue's acceptance: demo 2000 patients, check, WAL, integrity, audit append-only."""
    target = tmp_path / "demo.db"
    made = run("demo", "--db", str(target), "--patients", "2000", "--seed", "1")
    assert made.returncode == 0, made.stderr
    checked = run("check", "--db", str(target))
    assert checked.returncode == 0, checked.stderr
    assert "integrity: ok" in checked.stdout
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM patient").fetchone()[0] == 2000
        audit_rows = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        assert audit_rows >= 2000
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        shell = subprocess.run(
            ["sqlite3", str(target), statement], capture_output=True, text=True, check=False
        )
        assert shell.returncode != 0 and "append-only" in shell.stderr
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_rows


def test_demo_prints_ids_that_the_report_commands_accept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    target = tmp_path / "ids.db"
    assert main(["demo", "--db", str(target), "--patients", "20", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Demo database {target}: 20 patients")
    course = re.search(r"course (\d+): acne", out)
    assert course is not None
    pdf = tmp_path / "acne.pdf"
    assert main(["report", "course", course.group(1), "-o", str(pdf), "--db", str(target)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_check_finds_a_due_date_kept_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``check`` works every open course's next due date out again from its sessions and
    says which courses' kept rows (the day plan's list) differ: a row missing, a date moved."""
    target = tmp_path / "due.db"
    assert main(["demo", "--db", str(target), "--patients", "40", "--seed", "3"]) == 0
    assert main(["check", "--db", str(target)]) == 0
    capsys.readouterr()
    with closing(sqlite3.connect(target)) as conn:
        kept = conn.execute("SELECT course_id FROM course_due ORDER BY course_id").fetchall()
        (first,), (second,) = kept[:2]
        conn.execute("DELETE FROM course_due WHERE course_id = ?", (first,))
        conn.execute(
            "UPDATE course_due SET next_due = date(next_due, '+1 day') WHERE course_id = ?",
            (second,),
        )
        conn.commit()
    assert main(["check", "--db", str(target)]) == 1
    said = capsys.readouterr().err
    assert f"for 2 course(s), first {first}" in said, said
