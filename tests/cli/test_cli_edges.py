"""Command-line edge cases: each is one line on standard error and a non-zero exit, with
nothing written — never a traceback."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from cryolog.db.database import open_database
from cryolog.db.lock import InstanceLock

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"
ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cryolog", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


def one_line_failure(done: subprocess.CompletedProcess[bytes], status: int | None = None) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr, err
    assert done.returncode != 0, err
    if status is not None:
        assert done.returncode == status, err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    return err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edges") / "demo.db"
    done = cli("demo", "--db", str(path), "--patients", "3", "--seed", "4")
    assert done.returncode == 0, done.stderr
    return path


def test_very_deep_json_arrays(tmp_path: Path) -> None:
    case = tmp_path / "deep.json"
    case.write_text("[" * 100_000 + "]" * 100_000)
    assert "nested too deeply" in one_line_failure(cli("rules", "check", str(case)), 2)


def test_very_deep_json_objects(tmp_path: Path) -> None:
    case = tmp_path / "deep.json"
    case.write_text('{"a":' * 5_000 + "1" + "}" * 5_000)
    assert "nested too deeply" in one_line_failure(cli("rules", "check", str(case)), 2)


def test_an_endless_case_file_is_read_only_up_to_its_bound() -> None:
    assert "larger than" in one_line_failure(cli("rules", "check", "/dev/zero"), 2)


def test_endless_standard_input_is_read_only_up_to_its_bound() -> None:
    done = cli("rules", "check", "-", stdin=b" " * (3 * 1024 * 1024))
    assert "larger than" in one_line_failure(done, 2)


def test_a_case_that_is_not_text(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_bytes(b"\xff\xfe\x00garbage")
    assert "not UTF-8" in one_line_failure(cli("rules", "check", str(case)), 2)


def test_a_case_that_is_a_folder(tmp_path: Path) -> None:
    assert "folder" in one_line_failure(cli("rules", "check", str(tmp_path)), 2)


def test_a_huge_number_of_demo_patients(tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    err = one_line_failure(cli("demo", "--db", str(target), "--patients", str(10**20)), 2)
    assert "at most 1000000" in err
    assert not target.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "course", str(2**63), "-o", "x.pdf"],
        ["report", "consent", str(2**64), "-o", "x.pdf"],
        ["report", "list", "9" * 20],
        ["report", "handout", "1" + "0" * 60, "-o", "x.pdf"],
    ],
)
def test_ids_past_what_a_database_holds(demo: Path, argv: list[str]) -> None:
    err = one_line_failure(cli(*argv, "--db", str(demo)), 2)
    assert "record id" in err


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("ftp://example.org/x.db", "cannot open ftp://"),
        ("nosuch://x", "cannot open nosuch://"),
        ("mysql://user@host/db", "cannot open mysql://"),
        ("sqlite:///:memory:", "not a database file"),
        ("sqlite://", "not a database file"),
    ],
)
def test_unknown_addresses(target: str, says: str) -> None:
    for command in ("check", "backups"):
        assert says in one_line_failure(cli(command, "--db", target), 1)


def test_a_server_address_that_cannot_be_reached() -> None:
    url = "postgresql://u:Secret-9@127.0.0.1:1/x?connect_timeout=3"
    err = one_line_failure(cli("report", "list", "1", "--db", url), 1)
    assert "cannot be reached" in err and "Secret-9" not in err


def test_a_folder_as_the_database(tmp_path: Path) -> None:
    assert "is a folder" in one_line_failure(cli("check", "--db", str(tmp_path)), 1)


def test_check_into_a_closed_pipe(demo: Path) -> None:
    """``cryolog check | head -1`` once ``head`` has gone: the pipe is closed before the
    first line is written, every time."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cryolog", "check", "--db", str(demo)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
            cwd=ROOT,
        )
    finally:
        os.close(write_end)
    assert "output was closed" in one_line_failure(done, 1)  # type: ignore[arg-type]


def test_check_leaves_an_empty_file_byte_identical(tmp_path: Path) -> None:
    target = tmp_path / "empty.db"
    target.touch()
    done = cli("check", "--db", str(target))
    assert "would set up a new database in it only when asked" in one_line_failure(done, 1)
    assert target.stat().st_size == 0
    assert [p.name for p in tmp_path.iterdir()] == ["empty.db"]


def test_check_leaves_an_old_file_byte_identical_and_says_what_it_would_do(
    tmp_path: Path,
) -> None:
    target = tmp_path / "old.db"
    shutil.copy(FIXTURE, target)
    before = _digest(target)
    done = cli("check", "--db", str(target))
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr
    assert "schema revision: 0001" in out and "would update it from 0001" in out
    assert "integrity: ok" in out
    assert _digest(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ["old.db"]


def _documents(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        docs = conn.execute("SELECT count(*) FROM document").fetchone()[0]
        audit = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return docs, audit


@pytest.mark.parametrize("output", ["/nonexistent-folder/summary.pdf", "/proc/summary.pdf"])
def test_a_failed_report_records_no_document(demo: Path, output: str) -> None:
    before = _documents(demo)
    err = one_line_failure(
        cli("report", "consent", "1", "--blank", "-o", output, "--db", str(demo))
    )
    assert "cannot write" in err
    assert _documents(demo) == before


def test_a_report_is_recorded_once_its_file_is_written(demo: Path, tmp_path: Path) -> None:
    docs, audit = _documents(demo)
    pdf = tmp_path / "consent.pdf"
    done = cli("report", "consent", "1", "--blank", "-o", str(pdf), "--db", str(demo))
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and (pdf.stat().st_mode & 0o777) == 0o600
    assert _documents(demo) == (docs + 1, audit + 1)
    assert [p.name for p in tmp_path.iterdir()] == ["consent.pdf"]


def test_commands_that_replace_the_file_refuse_while_a_window_holds_it(
    demo: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "b"
    made = cli("backup", "--db", str(demo), "-o", str(backup))
    assert made.returncode == 0, made.stderr
    copy = next(p for p in backup.iterdir() if p.suffix == ".db")
    before = _digest(demo)
    with InstanceLock(demo):  # what a window holds
        for argv in (["demo", "--patients", "2"], ["restore", str(copy)]):
            err = one_line_failure(cli(*argv, "--db", str(demo)), 1)
            assert f"open in a cryolog window (process {os.getpid()})" in err
            assert "Nothing was changed" in err
        for argv in (["check"], ["backups"], ["report", "list", "1"], ["backup"]):
            done = cli(*argv, "--db", str(demo))
            assert done.returncode == 0, (argv, done.stderr)
    assert _digest(demo) == before or _documents(demo)  # reads and backups beside a window


def test_demo_refuses_an_empty_file_unless_told(tmp_path: Path) -> None:
    target = tmp_path / "empty.db"
    target.touch()
    err = one_line_failure(cli("demo", "--db", str(target), "--patients", "2"), 1)
    assert "empty (0 bytes)" in err and target.stat().st_size == 0
    done = cli("demo", "--db", str(target), "--patients", "2", "--init-empty")
    assert done.returncode == 0, done.stderr
    db = open_database(target)
    assert db.rows("SELECT count(*) FROM patient", {}) == [(2,)]
    db.dispose()
