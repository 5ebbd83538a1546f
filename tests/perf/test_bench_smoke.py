"""The scale benchmark in its smoke mode (a 40-patient demo file, one run of each measure):
it must keep running and keep writing every line of its table. No time is asserted."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEASURES = [
    "search, first page",
    "patient list, every page",
    "Today's day plan",
    "`cryolog report course 1` (a fresh process)",
    "`cryolog report course 1`, CPU time",
    "saving a session after 3",
    "saving a session after 6",
    "opening a record",
    "start-up: `cryolog --db FILE` → window visible",
    "start-up, encrypted file: `cryolog --db FILE` → passphrase dialog",
]


def test_the_benchmark_runs_and_writes_its_table(tmp_path: Path) -> None:
    out = tmp_path / "performance.md"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_scale.py"),
            "--smoke",
            "--out",
            str(out),
            "--cache",
            str(tmp_path / "cache"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Performance at scale") and "Machine:" in text
    rows = [
        line for line in text.splitlines() if line.startswith("| ") and "| measure |" not in line
    ]
    for measure in MEASURES:
        matched = [r for r in rows if measure in r]
        assert matched, measure
        for row in matched:
            cells = [c.strip() for c in row.strip("|").split("|")]
            median, p95, floor = (float(c) for c in cells[2:5])
            assert 0 < median <= p95 and floor > 0, row
            assert re.fullmatch(r"\d+\.\d×", cells[5]), row
    assert re.search(r"\| file size per patient \| 40 \| \d+\.\d KB \|", text)
    assert re.search(
        r"\| upgrading the demo file from revision 0003 [^|]*\| 40 \| \d+\.\d s \|", text
    )
    # the encrypted start-up beside a bare window and beside the same file plain
    encrypted = [r for r in rows if "start-up, encrypted file" in r]
    assert {"bare PySide6 window + table", "the same file plain, same run"} <= {
        [c.strip() for c in r.strip("|").split("|")][6] for r in encrypted
    }
    assert re.search(r"\| deriving the key from the passphrase [^|]*\| 40 \| \d+ ms \|", text)
