"""Commands that print or export read what they need without scanning the whole file
first (the full scan is ``cryolog check``'s); a damaged page they meet is still reported
in one line with a non-zero status."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cryolog.cli import main
from cryolog.db import sqlite_file
from cryolog.db.database import open_database
from cryolog.services import Services


@pytest.fixture
def practice(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "practice.db"
    db = open_database(path)
    s = Services.open(db, actor="dr.test")
    pid = s.patients.register({"family_name": "Ivanova", "birth_date": date(1980, 5, 2)}).id
    cid = s.courses.open_course(pid, {"protocol_id": "acne", "started_on": date.today()}).id
    db.dispose()
    return path, cid


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    real = sqlite_file._quick_check

    def spy(conn: object, path: Path) -> None:
        seen.append(path)
        real(conn, path)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite_file, "_quick_check", spy)
    return seen


def test_a_report_does_not_scan_the_whole_file(
    practice: tuple[Path, int], scans: list[Path], tmp_path: Path
) -> None:
    path, cid = practice
    out = tmp_path / "course.pdf"
    assert main(["--db", str(path), "report", "course", str(cid), "-o", str(out)]) == 0
    assert out.stat().st_size > 1000
    assert main(["--db", str(path), "patients", "find", "ivan"]) == 0
    assert scans == []
    open_database(path).dispose()  # the default opening still scans
    assert scans == [path]


def test_a_damaged_page_met_by_a_report_is_one_clear_line(
    practice: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3
    from contextlib import closing

    path, cid = practice
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'course'").fetchone()
    with path.open("r+b") as raw:  # the course table's page, overwritten behind our back
        raw.seek((root[0] - 1) * page_size)
        raw.write(b"\xa5" * page_size)
    out = tmp_path / "course.pdf"
    status = main(["--db", str(path), "report", "course", str(cid), "-o", str(out)])
    err = capsys.readouterr().err
    assert status != 0 and not out.exists()
    assert "Traceback" not in err and "unexpected error" not in err, err
    assert "not a readable cryolog database" in err, err
