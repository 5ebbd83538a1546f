"""The server benchmark in its smoke mode (a 40-patient demo file copied to a throwaway
server, one run of each measure): it must keep running and write every line of its table
for both backends. No time is asserted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg.cluster import find_bindir

ROOT = Path(__file__).resolve().parents[2]
MEASURES = [
    "search, first page",
    "patient list, every page",
    "Today's day plan",
    "saving a session after 3",
    "opening that record",
]


@pytest.mark.skipif(find_bindir() is None, reason="PostgreSQL is not installed")
def test_the_server_benchmark_runs_and_writes_both_backends(tmp_path: Path) -> None:
    out = tmp_path / "performance-server.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_server.py"),
            "--smoke",
            "--out",
            str(out),
            "--cache",
            str(tmp_path / "cache"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Performance on a PostgreSQL server") and "Machine:" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and " | 40 | " in line]
    for measure in MEASURES:
        for backend in ("SQLite file", "PostgreSQL server"):
            found = [r for r in rows if r.startswith(f"| {measure}") and backend in r]
            assert len(found) == 1, (measure, backend, rows)
            cells = [c.strip() for c in found[0].strip("|").split("|")]
            assert float(cells[2]) > 0 and float(cells[4]) > 0  # median and floor measured
    assert "`cryolog copy` of the file to the server | 40 |" in text
