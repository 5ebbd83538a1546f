"""The command line on a server: demo, check, verify and a course report on a URL."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.pg.fixtures import ServerDatabase


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cryolog", *argv], capture_output=True, text=True, timeout=300
    )


def test_demo_check_verify_and_report_on_a_server(pg_empty: ServerDatabase, tmp_path: Path) -> None:
    url = pg_empty.url
    demo = _cli("demo", "--db", url, "--patients", "12")
    assert demo.returncode == 0, demo.stderr
    assert "Traceback" not in demo.stderr
    course = re.search(r"cryolog report course (\d+)", demo.stdout)
    assert course is not None, demo.stdout
    check = _cli("check", "--db", url)
    assert check.returncode == 0, check.stderr
    assert re.search(r"patient\s+12\b", check.stdout), check.stdout
    verify = _cli("verify", "--db", url)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    pdf = tmp_path / "course.pdf"
    report = _cli("report", "course", course.group(1), "--db", url, "-o", str(pdf))
    assert report.returncode == 0, report.stderr
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Course" in text or "course" in text


def test_backup_of_a_server_says_how_and_writes_nothing(
    pg_database: ServerDatabase, tmp_path: Path
) -> None:
    out = tmp_path / "backups"
    done = _cli("backup", "--db", pg_database.url, "-o", str(out))
    assert done.returncode == 1
    assert "server with its own tools" in done.stderr and "README" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.iterdir())
