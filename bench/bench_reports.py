"""Benchmark: the course summary of a 30-session course (with its chart) against a plain
ReportLab document holding the same session table, built in the same run; and with
``--command``, ``cryolog report course N`` as the practitioner runs it.

    python bench/bench_reports.py [--runs N]
    python bench/bench_reports.py --command [--patients 1000 10000] [--use N=FILE ...]
        [--against DIR]

The first prints the median and spread in milliseconds, measured after all imports and
after one warm-up build of each (font registration and first-use caches happen once per
process). ``--command`` starts a fresh process per run on a copy of each demo file (cached,
bench/perfkit.py, or ``--use`` a file of N patients made earlier, upgraded first when it
is older) for the course with the most sessions, and prints its wall-clock and CPU time
(user + system) beside two floors started the same way in the same run: a bare
``python -c pass`` and a process that imports ReportLab and writes a one-page PDF.
``--against DIR`` also runs the same command with the code of another checkout (e.g.
``git archive main | tar -x -C DIR``), its runs taken in turn with this one's, so a
before/after shares the machine's load; each process's own CPU time is printed beside its
wall clock (on a shared machine the wall clock includes waiting for a core).
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
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


ONE_PAGE = (
    "import io\n"
    "from reportlab.pdfgen.canvas import Canvas\n"
    "c = Canvas(io.BytesIO())\n"
    "c.drawString(72, 720, 'one page')\n"
    "c.showPage()\n"
    "c.save()\n"
)


def process_times(command: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) milliseconds of ``runs`` fresh processes."""
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        wall.append((time.perf_counter() - started) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        cpu.append(used * 1000)
    return wall, cpu


def longest_course(path: Path) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        (course,) = conn.execute(
            "SELECT course_id FROM treatment_session WHERE course_id IS NOT NULL"
            " GROUP BY course_id ORDER BY count(*) DESC, course_id LIMIT 1"
        ).fetchone()
    return int(course)


def working_copy(source: Path, folder: Path) -> Path:
    """A copy (with its anchor) upgraded to the current revision, so no run migrates."""
    from cryolog.db.database import open_database

    copy = folder / f"report-{source.stem}.db"
    shutil.copyfile(source, copy)
    anchor = Path(f"{source}.anchor")
    if anchor.exists():
        shutil.copyfile(anchor, Path(f"{copy}.anchor"))
    open_database(copy, verify=False).dispose()
    return copy


def row(what: str, patients: int, wall: list[float], cpu: list[float]) -> str:
    return (
        f"| {what} | {patients:,} | {statistics.median(wall):.0f} | {max(wall):.0f}"
        f" | {statistics.median(cpu):.0f} | {max(cpu):.0f} |"
    )


AGAINST = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); sys.modules['_rl_accel'] = None\n"
    "from cryolog.cli import main\n"
    "sys.exit(main())\n"
)
"""The command run from another checkout's code (which did not have ReportLab's C
accelerator: it is kept out, so that checkout runs as it was installed)."""


def interleaved(commands: list[list[str]], runs: int) -> list[tuple[list[float], list[float]]]:
    """``process_times`` of each command, their runs taken in turn."""
    results: list[tuple[list[float], list[float]]] = [([], []) for _ in commands]
    for _ in range(runs):
        for (wall, cpu), command in zip(results, commands, strict=True):
            one_wall, one_cpu = process_times(command, 1)
            wall += one_wall
            cpu += one_cpu
    return results


def command_bench(sizes: dict[int, Path | None], runs: int, against: Path | None = None) -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    import perfkit
    import startup_outside

    perfkit.fresh_bytecode()  # an edited checkout would compile its changed modules each run
    script = startup_outside.console_script()
    python = sys.executable
    print(f"{runs} fresh processes each; milliseconds (median, max)")
    print("| what | patients | wall median | wall max | CPU median | CPU max |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="cryolog-bench-report-") as tmp:
        folder = Path(tmp)
        out = folder / "summary.pdf"
        for patients, given in sorted(sizes.items()):
            copy = working_copy(given or perfkit.demo_db(patients), folder)
            course = longest_course(copy)
            report = [script, "--db", str(copy), "report", "course", str(course), "-o", str(out)]
            commands = [
                (f"`cryolog report course {course}`", report),
                ("floor: `python -c pass`", [python, "-c", "pass"]),
                ("floor: ReportLab one-page PDF", [python, "-c", ONE_PAGE]),
            ]
            if against is not None:
                before = [python, "-c", AGAINST, str(against), *report[1:]]
                commands.insert(1, (f"the same, code of {against.name}", before))
            for _, command in commands:
                process_times(command, 1)  # the bytecode and the page cache warm, not counted
            timings = interleaved([command for _, command in commands], runs)
            measures = [(what, timing) for (what, _), timing in zip(commands, timings, strict=True)]
            for what, (wall, cpu) in measures:
                print(row(what, patients, wall, cpu), flush=True)
            for made in folder.glob(copy.name + "*"):
                made.unlink()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="course summary benchmark")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--command", action="store_true", help="time `cryolog report course`")
    parser.add_argument("--patients", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--use", nargs="+", default=[], metavar="N=FILE")
    parser.add_argument("--against", type=Path, default=None, metavar="DIR")
    args = parser.parse_args(argv)
    if args.command or args.use:
        given = {int(n): Path(f) for n, f in (item.split("=", 1) for item in args.use)}
        sizes: dict[int, Path | None] = dict(given) or dict.fromkeys(args.patients)
        return command_bench(sizes, args.runs or 5, args.against)
    runs = args.runs or 21
    data = summary_input(SESSIONS)
    print(f"{SESSIONS}-session course, {runs} runs each, after imports and one warm-up")
    ours = report(
        "course summary (cryolog, chart)",
        timed(lambda: render_course_summary(data), runs),
        len(render_course_summary(data)),
    )
    plain = report(
        "plain ReportLab, same table",
        timed(lambda: plain_table(data), runs),
        len(plain_table(data)),
    )
    verdict = "within" if ours < TARGET_MS else "OVER"
    print(f"ratio {ours / plain:.1f}x; {verdict} the {TARGET_MS:.0f} ms target")
    return 0 if ours < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
