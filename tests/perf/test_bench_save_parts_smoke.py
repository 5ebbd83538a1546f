"""The save-parts benchmark on tiny courses, two runs a part: it must keep running and print
every part for both courses. No time is asserted."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = [
    "the whole save",
    "patient, course and thresholds read",
    "safety case read and the rules",
    "of which the course's sessions read",
    "session built, added and flushed (ORM, old)",
    "session and children inserted (Core)",
    "audit entry",
    "raw sqlite3 read of the course's sessions (floor)",
]


def test_the_save_parts_benchmark_prints_every_part() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    script = str(ROOT / "bench" / "bench_save_parts.py")
    done = subprocess.run(
        [sys.executable, script, "--short", "2", "--long", "4", "--runs", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for part in PARTS:
        line = next((x for x in done.stdout.splitlines() if x.strip().startswith(part)), None)
        assert line is not None, (part, done.stdout)
        numbers = [float(n) for n in re.findall(r"\d+\.\d{3}", line)]
        assert len(numbers) == 4 and all(n >= 0 for n in numbers), line
