"""Benchmark: the course summary of a 30-session course (with its chart) against a plain
ReportLab document holding the same session table, built in the same run.

    python bench/bench_reports.py [--runs N]

Prints the median and spread in milliseconds, measured after all imports and after one
warm-up build of each (font registration and first-use caches happen once per process).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle  # noqa: E402

from cryolog.reports.course_summary import render_course_summary  # noqa: E402
from cryolog.reports.text import bp  # noqa: E402
from tests.reports.samples import summary_input  # noqa: E402

SESSIONS = 30
TARGET_MS = 150.0


def plain_table(data: object) -> bytes:
    """The same rows in a bare SimpleDocTemplate with the built-in Helvetica."""
    rows = [
        [
            "#",
            "Date",
            "Modality",
            "Set",
            "Meas.",
            "Duration",
            "BP pre",
            "BP post",
            "HR pre",
            "HR post",
            "Skin pre",
            "Skin post",
            "NRS pre",
            "NRS post",
        ]
    ]
    for n, s in enumerate(data.sessions, start=1):  # type: ignore[attr-defined]
        rows.append(
            [
                n,
                s.session_date.isoformat(),
                s.modality,
                s.set_temp_c,
                s.measured_temp_c,
                s.duration_s,
                bp(s.bp_pre_sys, s.bp_pre_dia),
                bp(s.bp_post_sys, s.bp_post_dia),
                s.hr_pre,
                s.hr_post,
                s.skin_temp_before_c,
                s.skin_temp_after_c,
                s.nrs_pre,
                s.nrs_post,
            ]
        )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1)
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle([("FONTSIZE", (0, 0), (-1, -1), 6.5), ("GRID", (0, 0), (-1, -1), 0.25, "grey")])
    )
    doc.build([table])
    return buffer.getvalue()


def timed(build: Callable[[], bytes], runs: int) -> list[float]:
    build()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float], size: int) -> float:
    median = statistics.median(times)
    print(
        f"{name:<34} median {median:7.1f} ms   min {min(times):7.1f}   max {max(times):7.1f}"
        f"   ({size // 1024} KiB)"
    )
    return median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="course summary benchmark")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    data = summary_input(SESSIONS)
    print(f"{SESSIONS}-session course, {args.runs} runs each, after imports and one warm-up")
    ours = report(
        "course summary (cryolog, chart)",
        timed(lambda: render_course_summary(data), args.runs),
        len(render_course_summary(data)),
    )
    plain = report(
        "plain ReportLab, same table",
        timed(lambda: plain_table(data), args.runs),
        len(plain_table(data)),
    )
    verdict = "within" if ours < TARGET_MS else "OVER"
    print(f"ratio {ours / plain:.1f}x; {verdict} the {TARGET_MS:.0f} ms target")
    return 0 if ours < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
