"""The report and file-size benchmarks run end to end on a small real file (one run each,
no time asserted), so they cannot rot."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cryolog.db.database import open_database
from cryolog.services.demo import generate_demo

ROOT = Path(__file__).resolve().parents[2]
PATIENTS = 8


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench-smoke") / "practice.db"
    db = open_database(path)
    try:
        generate_demo(db, PATIENTS, seed=2)
    finally:
        db.dispose()
    return path


def _bench(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_report_command_bench_prints_the_command_beside_its_floors(demo_file: Path) -> None:
    out = _bench("bench_reports.py", "--use", f"{PATIENTS}={demo_file}", "--runs", "1")
    rows = [line for line in out.splitlines() if line.startswith("| ") and "| 8 |" in line]
    assert [r.split("|")[1].strip().split(" ")[0] for r in rows] == [
        "`cryolog",
        "floor:",
        "floor:",
    ], out
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert all(re.fullmatch(r"[\d,]+", c) for c in cells[2:]), row


def test_the_file_size_bench_measures_the_current_layout(demo_file: Path) -> None:
    out = _bench("bench_file_size.py", "--use", f"{PATIENTS}={demo_file}")
    assert "compacted (VACUUM)" in out and "8 KB pages" in out, out
    assert "audit_log hash columns" in out, out
    listed = out.split("B-trees, KB per patient:", 1)[-1].splitlines()
    assert any(line.split()[:1] == ["treatment_session"] for line in listed), out
    assert any("% unused" in line for line in listed), out
    assert "and without" not in out, out  # revision 0019 left nothing of the two kinds


def test_the_report_command_bench_runs_another_checkout_in_turn(demo_file: Path) -> None:
    """``--against DIR``: here the same checkout's code, run the way another one is."""
    args = ("--use", f"{PATIENTS}={demo_file}", "--runs", "1", "--against", str(ROOT))
    out = _bench("bench_reports.py", *args)
    rows = [line for line in out.splitlines() if line.startswith("| ") and "| 8 |" in line]
    assert len(rows) == 4 and f"code of {ROOT.name}" in rows[1], out
