"""The long-record benchmark in its smoke mode (a 6-session patient in a 40-patient demo
file, one run): it keeps running and writes its table. No time is asserted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_record_benchmark_runs_and_writes_its_table(tmp_path: Path) -> None:
    out = tmp_path / "record.md"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    script = str(ROOT / "bench" / "bench_record.py")
    command = [sys.executable, script, "--smoke", "--out", str(out), "--cache", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    table = out.read_text(encoding="utf-8")
    for measure in (
        "opening a record: 6 sessions",
        "service: the first read",
        "on its courses tab: 14 sessions, request → tab painted",
        "reloading an open record view (sessions or history tab): 6 sessions",
        "request → the rest read and shown",
        "CPU time of the process",
        "CPU time of the window's thread",
    ):
        assert measure in table, measure
