"""Opening a long record, request → painted, through the real record view (offscreen).

    python bench/bench_record.py                 # 1,000-patient demo file + a long patient
    python bench/bench_record.py --smoke         # tiny, one run (the shape only)
    python bench/bench_record.py --out F.md      # also write the table
    python bench/bench_record.py --demo 100000=/work/bench100k/demo-100000.db

The long patient (560 sessions recorded as in the window: draft, done, signed, and one
amendment each; about 2,250 audit entries) is added once to a copy of the cached demo file
(or of the ``--demo`` file, which is never written) and kept in the cache. Beside it, in the
same run: a 14-session patient through the same view, and the raw sqlite3 read of the long
patient's sessions and a history page (the floor). Each opening is timed to the tab shown
painted with its data (the target) and to the rest of the record read and shown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import time
from contextlib import closing
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import perfkit
from perfkit import Measure, Results, clock

LONG = 560


def long_record_file(
    patients: int, sessions: int, demo: Path | None = None
) -> tuple[Path, int, int]:
    """(file, the long patient, a short patient), made once from the cached demo file (or
    from ``demo``, a demo file made before: copied, never written), kept in the cache."""
    source = demo or perfkit.demo_db(patients)
    perfkit.CACHE.mkdir(parents=True, exist_ok=True)
    path = perfkit.CACHE / source.name.replace(".db", f"-long{sessions}.db")
    marker = Path(str(path) + ".patients")
    if path.exists() and marker.exists():
        long_id, short_id = (int(x) for x in marker.read_text().split())
        return path, long_id, short_id
    from cryolog.db.database import open_database
    from cryolog.services import Services

    print(f"  adding a {sessions}-session patient to a copy of {source.name} (once)…", flush=True)
    work = path.with_suffix(".partial")
    shutil.copyfile(source, work)
    anchor = Path(str(source) + ".anchor")
    if anchor.exists():
        shutil.copyfile(anchor, Path(str(work) + ".anchor"))
    db = open_database(work, verify=False)
    s = Services.open(db, actor="bench")
    start = date.today() - timedelta(days=sessions + 10)

    def patient(given: str, count: int) -> int:
        pid = s.patients.register(
            {"family_name": "Benchmark", "given_name": given, "birth_date": date(1970, 1, 1)}
        ).id
        s.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
        for offset in range(0, (date.today() - start).days + 1, 150):
            when = start + timedelta(days=offset)
            s.pretreatment.record_screening(pid, {"screened_on": when, "answers": {}})
            s.pretreatment.record_cold_test(
                pid, "ice_cube", {"performed_on": when, "result": "negative"}
            )
        cid = s.courses.open_course(pid, {"protocol_id": "custom", "started_on": start}).id
        for n in range(count):
            moment = datetime.combine(start + timedelta(days=n + 1), clock_time(10, 0))
            data = {
                "modality": "ln2_applicator",
                "started_at": moment.astimezone(),
                "course_id": cid,
                "duration_s": 30,
                "set_temp": {"value": -150, "unit": "C"},
                "areas": [{"site": "knee", "area_dm2": 1.5, "passes": 2, "exposure_s": 30}],
                "nrs_pre": 6,
                "nrs_post": 3,
            }
            sid = s.sessions.start_draft(pid, data).id
            s.sessions.mark_done(sid, data)
            s.sessions.sign(sid, data)
            s.sessions.amend_session(
                sid, {**data, "notes": f"visit {n}"}, reason="Notes added after the visit"
            )
        return pid

    long_id, short_id = patient("Long", sessions), patient("Short", 14)
    db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    work.rename(path)
    if Path(str(work) + ".anchor").exists():
        Path(str(work) + ".anchor").rename(Path(str(path) + ".anchor"))
    marker.write_text(f"{long_id} {short_id}")
    return path, long_id, short_id


def _clocks(action: Any, runs: int) -> tuple[list[float], list[float]]:
    """``action`` timed ``runs`` times after one untimed run: wall and CPU milliseconds."""
    action()
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        started, spent = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - spent) * 1000)
    return wall, cpu


class _Until:
    """Waits in Qt's own loop (no polling that would cost CPU time itself) for a signal
    fired after ``arm``."""

    def __init__(self, signal: Any) -> None:
        from PySide6.QtCore import QEventLoop

        self.loop = QEventLoop()
        self.fired = False
        signal.connect(self._fire)

    def _fire(self) -> None:
        self.fired = True
        self.loop.quit()

    def arm(self) -> None:
        self.fired = False

    def wait(self) -> None:
        if not self.fired:
            self.loop.exec()


Times = tuple[list[float], list[float], list[float], list[float]]
"""Request → the tab shown painted (wall, CPU of the process, CPU of the window's thread),
and → everything read and shown (wall)."""


def _timed(app: Any, view: Any, request: Any, shown: Any, loaded: Any) -> tuple[float, ...]:
    shown.arm()
    loaded.arm()
    started, spent, window = time.perf_counter(), time.process_time(), time.thread_time()
    request()
    shown.wait()
    view.repaint()
    app.processEvents()
    tab = (
        (time.perf_counter() - started) * 1000,
        (time.process_time() - spent) * 1000,
        (time.thread_time() - window) * 1000,
    )
    loaded.wait()
    view.repaint()
    app.processEvents()
    return (*tab, (time.perf_counter() - started) * 1000)


def painted_times(path: Path, pid: int, runs: int) -> Times:
    """Request (a reload of the record view) → the tab shown, with the view's data, painted:
    wall times, and the process's CPU time for the same (all threads; on a loaded machine
    the wall time mostly measures the other work); and → the rest read and shown."""
    from PySide6.QtWidgets import QApplication

    from cryolog.db.database import open_database
    from cryolog.services import Services
    from cryolog.ui.record.record_view import PatientRecordView
    from cryolog.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    db = open_database(path, verify=False)
    services = Services.open(db, actor="bench")
    runner = TaskRunner()
    view = PatientRecordView(services, runner, pid)
    shown, loaded = _Until(view.tab_loaded), _Until(view.loaded)
    view.resize(1300, 800)
    view.show()
    loaded.wait()  # the first load (the view's own, at construction)
    found: Times = ([], [], [], [])
    for n in range(runs + 1):
        # alternately on the sessions and the history tab: the tabs a practitioner sees
        view.tabs.setCurrentIndex(view.tabs.indexOf(view.courses if n % 2 else view.history_table))
        app.processEvents()
        got = _timed(app, view, view.reload, shown, loaded)
        if n:
            for into, value in zip(found, got, strict=True):
                into.append(value)
    runner.shutdown()
    view.close()
    view.deleteLater()
    app.processEvents()
    db.dispose()
    return found


def opened_times(path: Path, pid: int, runs: int, tab: int) -> Times:
    """Opening the record as a click in the patient list does: a new record view on
    ``tab``, request → the tab painted with its data (wall and CPU times), and → the rest
    read and shown (wall)."""
    from PySide6.QtWidgets import QApplication

    from cryolog.db.database import open_database
    from cryolog.services import Services
    from cryolog.ui.record.record_view import PatientRecordView
    from cryolog.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    db = open_database(path, verify=False)
    services = Services.open(db, actor="bench")
    runner = TaskRunner()
    found: Times = ([], [], [], [])
    for n in range(runs + 1):
        views: list[Any] = []
        waits: list[_Until] = []

        def request(views: list[Any] = views, waits: list[_Until] = waits) -> None:
            view = PatientRecordView(services, runner, pid, first_tab=tab)
            waits.extend((_Until(view.tab_loaded), _Until(view.loaded)))
            view.resize(1300, 800)
            view.show()
            views.append(view)

        got = _timed(app, _Lazy(views), request, _Later(waits, 0), _Later(waits, 1))
        if n:  # the first one warms the imports and the caches
            for into, value in zip(found, got, strict=True):
                into.append(value)
        views[0].close()
        views[0].deleteLater()
        app.processEvents()
    runner.shutdown()
    db.dispose()
    return found


class _Lazy:
    """The view made by the request, for ``_timed`` (made after the clock started)."""

    def __init__(self, views: list[Any]) -> None:
        self.views = views

    def repaint(self) -> None:
        self.views[0].repaint()


class _Later:
    """A ``_Until`` made by the request (its view did not exist before)."""

    def __init__(self, waits: list[_Until], at: int) -> None:
        self.waits, self.at = waits, at

    def arm(self) -> None:
        pass

    def wait(self) -> None:
        self.waits[self.at].wait()


def run(
    patients: int,
    sessions: int,
    runs: int,
    results: Results,
    given: Path | None = None,
    demo: Path | None = None,
) -> None:
    if given is not None:  # a file made by this benchmark before (its ".patients" beside it)
        path = given
        long_id, short_id = (int(x) for x in Path(str(given) + ".patients").read_text().split())
    else:
        path, long_id, short_id = long_record_file(patients, sessions, demo)
    with closing(sqlite3.connect(path)) as raw:
        n_sessions, n_audit = raw.execute(
            "SELECT (SELECT count(*) FROM treatment_session WHERE patient_id = ?),"
            " (SELECT count(*) FROM audit_log WHERE patient_id = ?)",
            (long_id, long_id),
        ).fetchone()

        def raw_read() -> None:
            raw.execute(
                "SELECT * FROM treatment_session WHERE patient_id = ?", (long_id,)
            ).fetchall()
            raw.execute(
                "SELECT * FROM audit_log WHERE patient_id = ? ORDER BY id DESC LIMIT 100",
                (long_id,),
            ).fetchall()

        floor = clock(raw_read, runs, warm=True)
    from cryolog.db.database import open_database
    from cryolog.services import Services

    db = open_database(path, verify=False)
    s = Services.open(db, actor="bench")

    from cryolog.ui.record.record_view import ALL_PARTS, load

    size = f"{patients:,}"
    what = f"{n_sessions} sessions, {n_audit} audit rows"
    for label, parts in (
        ("the first read (record, alerts; the sessions tab shown)", frozenset[str]()),
        ("the whole (the first read and the first history page, documents)", ALL_PARTS),
    ):
        wall, cpu = _clocks(lambda parts=parts: load(s, long_id, parts), runs)
        floor_is = "raw read of the sessions and a history page"
        results.add(
            Measure(f"opening a record: {what}, service: {label}", size, wall, floor, floor_is)
        )
        results.add(Measure("the same, CPU time", size, cpu, floor, floor_is))
    db.dispose()
    goal = "p95 ≤ 80 ms"
    for tab, tab_name in ((0, "details"), (3, "courses")):
        for label, pid in (("14 sessions", short_id), (what, long_id)):
            _add(
                results,
                size,
                floor,
                f"opening a record in a new view on its {tab_name} tab: {label}",
                opened_times(path, pid, runs, tab),
                goal if pid == long_id else "—",
            )
    for label, pid in (("14 sessions", short_id), (what, long_id)):
        _add(
            results,
            size,
            floor,
            f"reloading an open record view (sessions or history tab): {label}",
            painted_times(path, pid, runs),
            goal if pid == long_id else "—",
        )


def _add(results: Results, size: str, floor: list[float], what: str, got: Times, goal: str) -> None:
    times, cpu, window, everything = got
    raw = "raw read of the long record's sessions and a history page"
    results.add(Measure(f"{what}, request → tab painted (wall)", size, times, floor, raw, goal))
    results.add(Measure("the same, CPU time of the process", size, cpu, floor, raw, "—"))
    results.add(Measure("the same, CPU time of the window's thread", size, window, floor, raw, "—"))
    results.add(
        Measure(
            "the same, request → the rest read and shown (wall)", size, everything, floor, raw, "—"
        )
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--patients", type=int, default=1_000)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--cache", type=Path, default=None, help="folder of the demo files")
    parser.add_argument("--use", type=Path, default=None, help="a long-record file made before")
    parser.add_argument(
        "--demo",
        default=None,
        metavar="N=FILE",
        help="a demo file of N patients made before (copied, never written), e.g."
        " 100000=/work/bench100k/demo-100000.db",
    )
    args = parser.parse_args(argv)
    if args.cache:
        perfkit.CACHE = args.cache
    results = Results()
    if args.smoke:
        run(40, 6, 1, results)
    else:
        demo = None
        if args.demo:
            count, _, name = args.demo.partition("=")
            args.patients, demo = int(count), Path(name)
        run(args.patients, LONG, args.runs, results, args.use, demo)
    if args.out:
        args.out.write_text(
            results.markdown("Opening a long record", "bench/bench_record.py"), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
