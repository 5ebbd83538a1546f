"""The practitioner's waits at 1,000 / 10,000 / 100,000 patients, each beside a floor
measured in the same run; writes the table to docs/performance.md.

    python bench/bench_scale.py                # 1k and 10k, docs/performance.md
    python bench/bench_scale.py --full         # also 100k (generated once, cached)
    python bench/bench_scale.py --smoke --out F  # tiny sizes, one run each (the CI test)

Demo files are cached in the temp folder (bench/perfkit.py), and so is an encrypted copy
of each for the encrypted start-up. Writes go to a copy.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_encrypted_startup
import perfkit
import startup_outside
from perfkit import Measure, Results, clock, cpu_clock

WORDS = ["иванова", "müller", "dupont", "smith", "anna", "петр", "o'brien", "maria"]
TOP = "\U0010ffff"
GC_THRESHOLD = (50_000, 20, 20)
MEASURES = [
    "file_size",
    "search",
    "list_pages",
    "day_plan",
    "report",
    "saves",
    "upgrade",
    "startup",
]
UPGRADE_FROM = "0003"


def prefixes(words: list[str]) -> list[str]:
    return [w[:n] for w in words for n in range(1, len(w) + 1)]


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.smoke: bool = args.smoke
        self.runs = 1 if args.smoke else args.runs
        self.work = work
        self.results = Results()
        self.only: list[str] = args.only or []

    # start-up ---------------------------------------------------------------------------

    def startup(self, sizes: dict[str, Path]) -> None:
        why = startup_outside.available()
        if why:
            self.results.notes.append(f"Start-up not measured: {why}.")
            print(f"  start-up skipped: {why}")
            return
        runs = 1 if self.smoke else max(5, self.runs // 2)
        passphrase = bench_encrypted_startup.PASSPHRASE
        with startup_outside.display() as env:
            for size, path in sizes.items():
                encrypted, took = perfkit.encrypted_copy(path, passphrase)
                if took is not None:
                    self.results.fact(
                        "encrypting the demo file (made once, cached)", size, f"{took:.1f} s"
                    )
                self.results.fact(
                    "deriving the key from the passphrase (once per opening)",
                    size,
                    f"{derive_key_ms(encrypted, passphrase):.0f} ms",
                )
                bare, real, secret = [], [], []
                bare_cpu, real_cpu = [], []
                failed: list[str] = []
                attempts = 0
                # alternating, so all three see the same machine; a failed run (now and
                # then a process, the bare window's too, cannot open the private X display:
                # Qt's "no Qt platform plugin could be initialized") is noted and tried
                # again, a few times at most
                while len(secret) < runs and attempts < runs + 3:
                    attempts += 1
                    try:
                        wall, cpu = startup_outside.window_and_cpu(
                            startup_outside.bare_command(), env
                        )
                        bare.append(wall)
                        bare_cpu.append(cpu)
                        wall, cpu = startup_outside.window_and_cpu(
                            startup_outside.cryolog_command(path), env
                        )
                        real.append(wall)
                        real_cpu.append(cpu)
                        to_dialog, to_window = startup_outside.time_unlocked_window(
                            startup_outside.cryolog_command(encrypted), env, passphrase
                        )
                        secret.append(to_dialog + to_window)
                    except RuntimeError as exc:  # reported, and the other runs still count
                        failed.append(str(exc))
                for problem in dict.fromkeys(failed):
                    self.results.notes.append(f"A start-up run at {size} failed: {problem}")
                if not real or not bare:
                    continue
                self.results.add(
                    Measure(
                        "start-up: `cryolog --db FILE` → window visible (xdotool)",
                        size,
                        real,
                        bare,
                        "bare PySide6 window + table",
                        "≤ 2.0× floor, flat",
                    )
                )
                self.results.add(
                    Measure(
                        "start-up, CPU time of the process until its window is visible",
                        size,
                        real_cpu,
                        bare_cpu,
                        "bare PySide6 window + table, CPU time",
                        "—",
                    )
                )
                if not secret:
                    continue
                what = (
                    "start-up, encrypted file: `cryolog --db FILE` → passphrase dialog, then"
                    " Return → window visible (xdotool; the typing not counted)"
                )
                self.results.add(
                    Measure(what, size, secret, bare, "bare PySide6 window + table", "—")
                )
                self.results.add(
                    Measure(
                        what,
                        size,
                        secret,
                        real,
                        "the same file plain, same run",
                        "plain + one key derivation",
                    )
                )

    # reads ------------------------------------------------------------------------------

    def search(self, size: str, path: Path) -> None:
        from cryolog.db.database import open_database
        from cryolog.services.search import SearchService

        db = open_database(path, verify=False)
        search = SearchService(db)
        words = prefixes(WORDS[:2] if self.smoke else WORDS)
        times: list[float] = []
        floor: list[float] = []
        with closing(sqlite3.connect(path)) as raw:
            for text in words:
                times += clock(lambda t=text: search.search_page(t), self.runs, warm=True)
                floor += clock(
                    lambda t=text: raw.execute(
                        "SELECT patient_id FROM patient_name_token"
                        " WHERE token >= ? AND token < ? LIMIT 200",
                        (t, t + TOP),
                    ).fetchall(),
                    self.runs,
                )
        self.results.add(
            Measure(
                f"search, first page, every prefix of {len(WORDS)} words (service)",
                size,
                times,
                floor,
                "raw indexed SELECT of the tokens",
                "p95 ≤ 5 ms",
            )
        )
        db.dispose()

    def list_pages(self, size: str, path: Path) -> None:
        from cryolog.db.database import open_database
        from cryolog.services.search import SearchService

        db = open_database(path, verify=False)
        search = SearchService(db)
        search.search_page("")  # warm
        times: list[float] = []
        after = None
        while True:
            started = time.perf_counter()
            page = search.search_page("", after=after)
            times.append((time.perf_counter() - started) * 1000)
            after = page.after
            if after is None:
                break
        floor: list[float] = []
        with closing(sqlite3.connect(path)) as raw:
            key = ("", 0)
            while True:
                started = time.perf_counter()
                rows = raw.execute(
                    "SELECT id, search_name, family_name, given_name, birth_date, phone"
                    " FROM patient WHERE archived_at IS NULL"
                    " AND (search_name, id) > (?, ?)"
                    " ORDER BY search_name, id LIMIT 200",
                    key,
                ).fetchall()
                floor.append((time.perf_counter() - started) * 1000)
                if len(rows) < 200:
                    break
                key = (rows[-1][1], rows[-1][0])
        self.results.add(
            Measure(
                f"patient list, every page to the end ({len(times)} pages of 200)",
                size,
                times,
                floor,
                "raw keyset SELECT",
                "any page ≤ 5 ms",
            )
        )
        self.results.fact("patient list walked to its end", size, f"{sum(times) / 1000:.2f} s")
        db.dispose()

    def day_plan(self, size: str, path: Path) -> None:
        """Today's day plan as the window asks for it (the due list's first page and its
        length), on a copy (opening a file of an older revision upgrades it), beside the
        raw read of the rows it lists; wall time, then CPU time (the machine may be
        shared), then with the collector settled as the window settles it
        (ui/collector.py); then the CPU time of the next page (scrolled to the end) and of
        the plan with the whole due list (the printout)."""
        from cryolog.db.database import open_database
        from cryolog.services import Services

        copy = perfkit.working_copy(path, self.work)
        try:
            db = open_database(copy, verify=False)
            services = Services.open(db, actor="bench")
            today = date.today()

            def plan() -> None:
                services.appointments.day_plan(today)

            times = clock(plan, self.runs, warm=True)
            cpu = cpu_clock(plan, self.runs)
            page = len(services.appointments.day_plan(today).due_unbooked)
            next_page = cpu_clock(
                lambda: services.appointments.due_unbooked(today, page), self.runs
            )
            whole = cpu_clock(
                lambda: services.appointments.day_plan(today, due_limit=None), self.runs
            )
            gc.collect(1)
            gc.freeze()
            default = gc.get_threshold()
            gc.set_threshold(*GC_THRESHOLD)
            try:
                settled = clock(plan, self.runs, warm=True)
            finally:
                gc.set_threshold(*default)
                gc.unfreeze()
            due = len(services.today.due(today))
            db.dispose()
            with closing(sqlite3.connect(copy)) as raw:
                floor = clock(
                    lambda: raw.execute(
                        "SELECT * FROM course_due WHERE next_due <= ?", (today.isoformat(),)
                    ).fetchall(),
                    self.runs,
                )
        finally:
            copy.unlink(missing_ok=True)
            Path(f"{copy}.anchor").unlink(missing_ok=True)
        floor_what = "raw read of the due courses' rows"
        for what, found in (
            ("service", times),
            ("service, CPU time", cpu),
            ("service, collector settled as in the window", settled),
            ("the next page, CPU time", next_page),
            ("with the whole due list, as printed, CPU time", whole),
        ):
            self.results.add(
                Measure(
                    f"Today's day plan ({what}; {due} courses due)",
                    size,
                    found,
                    floor,
                    floor_what,
                    "≤ 50 ms",
                )
            )

    def report(self, size: str, path: Path) -> None:
        script = startup_outside.console_script()
        out = self.work / "report.pdf"

        def run(*args: str) -> None:
            subprocess.run([script, "--db", str(path), *args], capture_output=True, check=True)

        runs = 1 if self.smoke else 3
        cpu: dict[str, list[float]] = {"report": [], "version": []}

        def counted(what: str, *args: str) -> None:  # the process's own CPU time too
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            run(*args)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            cpu[what].append(used * 1000)

        times = clock(lambda: counted("report", "report", "course", "1", "-o", str(out)), runs)
        floor = clock(lambda: counted("version", "--version"), runs)
        self.results.add(
            Measure(
                "`cryolog report course 1` (a fresh process)",
                size,
                times,
                floor,
                "`cryolog --version` (interpreter start)",
                "≤ 1 s",
            )
        )
        self.results.add(
            Measure(
                "`cryolog report course 1`, CPU time of the process (user + system)",
                size,
                cpu["report"],
                cpu["version"],
                "`cryolog --version`, CPU time",
                "—",
            )
        )

    def file_size(self, size: str, path: Path, patients: int) -> None:
        with closing(sqlite3.connect(path)) as raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            try:
                pages = dict(
                    raw.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
                )
            except sqlite3.OperationalError:
                pages = {}
        total = path.stat().st_size
        self.results.fact("file size per patient", size, f"{total / patients / 1024:.1f} KB")
        if pages:
            audit = sum(v for k, v in pages.items() if "audit" in k)
            self.results.fact("audit trail's share of the file", size, f"{audit / total:.0%}")
            with closing(sqlite3.connect(path)) as raw:
                indexes = {
                    name
                    for (name,) in raw.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'index'"
                    )
                }
            per = {k: v / patients / 1024 for k, v in pages.items()}
            biggest = sorted(
                ((k, v) for k, v in per.items() if k not in indexes), key=lambda kv: -kv[1]
            )[:6]
            self.results.fact(
                "KB per patient by table (largest)",
                size,
                ", ".join(f"{k} {v:.1f}" for k, v in biggest),
            )
            self.results.fact(
                "KB per patient in indexes",
                size,
                f"{sum(v for k, v in per.items() if k in indexes):.1f}",
            )

    def upgrade(self, size: str, path: Path) -> None:
        """Upgrading a copy of the demo file taken back to revision 0003 by the migrations'
        own downgrades (not timed), as ``open_database`` does it: the pre-migration backup
        first, then every revision to the head."""
        from cryolog.db.alembic_config import alembic_config
        from cryolog.db.database import open_database
        from cryolog.db.engine import make_engine

        copy = perfkit.working_copy(path, self.work)
        try:
            engine = make_engine(f"sqlite:///{copy}", foreign_keys=False)
            try:
                from alembic import command

                started = time.perf_counter()
                with engine.begin() as conn:
                    command.downgrade(alembic_config(conn), UPGRADE_FROM)
                down = time.perf_counter() - started
            finally:
                engine.dispose()
            started = time.perf_counter()
            db = open_database(copy, verify=False)
            took = time.perf_counter() - started
            report = getattr(db, "migration", None)
            db.dispose()
        finally:
            for made in self.work.glob(copy.name + "*"):
                made.unlink(missing_ok=True)
            for made in self.work.glob("*.pre-*"):
                made.unlink(missing_ok=True)
        self.results.fact(
            f"upgrading the demo file from revision {UPGRADE_FROM} to the head"
            " (pre-migration backup included; the copy taken back by the downgrades)",
            size,
            f"{took:.1f} s",
        )
        print(f"  (downgrade to {UPGRADE_FROM}, not counted: {down:.1f} s; {report})")

    # writes -----------------------------------------------------------------------------

    def saves(self, size: str, path: Path) -> None:
        """Sessions saved through the service (custom protocol, one a day) into a short and
        a long course of two patients, alternately, so the machine's load falls on both
        alike; beside a raw two-row INSERT, and once more with the collector settled."""
        from cryolog.db.backends.sqlite_connect import connect_file, engine_pragmas
        from cryolog.db.database import open_database
        from cryolog.services import Services

        copy = perfkit.working_copy(path, self.work)
        db = open_database(copy, verify=False)
        db.anchor_after_commits()  # as the window saves: the anchor after the commit
        s = Services.open(db, actor="bench")
        short, long = (3, 6) if self.smoke else (10, 500)
        timed = 1 if self.smoke else 20
        start = date.today() - timedelta(days=long + 3 * timed + 10)

        def patient(given: str) -> tuple[int, int, list[date]]:
            pid = s.patients.register(
                {"family_name": "Benchmark", "given_name": given, "birth_date": date(1970, 1, 1)}
            ).id
            s.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
            for offset in range(0, (date.today() - start).days + 1, 150):  # kept current
                when = start + timedelta(days=offset)
                s.pretreatment.record_screening(pid, {"screened_on": when, "answers": {}})
                s.pretreatment.record_cold_test(
                    pid, "ice_cube", {"performed_on": when, "result": "negative"}
                )
            cid = s.courses.open_course(pid, {"protocol_id": "custom", "started_on": start}).id
            return pid, cid, [start]

        def save(who: tuple[int, int, list[date]]) -> None:
            pid, cid, day = who
            day[0] += timedelta(days=1)
            moment = datetime.combine(day[0], clock_time(10, 0)).astimezone()
            s.sessions.record_session(
                pid,
                {
                    "modality": "ln2_applicator",
                    "started_at": moment,
                    "course_id": cid,
                    "duration_s": 30,
                    "set_temp": {"value": -150, "unit": "C"},
                },
            )

        small, big = patient("Short"), patient("Long")
        for _ in range(short):
            save(small)
        for _ in range(long):
            save(big)
        save(small), save(big)  # warm
        by_course: dict[str, list[float]] = {"short": [], "long": []}
        cpu: dict[str, list[float]] = {"short": [], "long": []}
        for _ in range(timed):
            for label, who in (("short", small), ("long", big)):
                started = time.process_time()  # the process's CPU, every thread
                by_course[label] += clock(lambda who=who: save(who), 1)
                cpu[label].append((time.process_time() - started) * 1000)
        # The same saves with the start-up objects frozen out of the collector and its
        # first threshold raised.
        gc.freeze()
        default = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLD)
        try:
            frozen = clock(lambda: save(big), timed)
        finally:
            gc.set_threshold(*default)
            gc.unfreeze()
        db.dispose()
        with closing(connect_file(copy, pragmas=engine_pragmas())) as raw:
            raw.execute("CREATE TEMP TABLE a AS SELECT * FROM treatment_session WHERE 0")
            raw.execute("CREATE TEMP TABLE b AS SELECT * FROM audit_log WHERE 0")
            raw.execute("CREATE TABLE IF NOT EXISTS bench_a AS SELECT * FROM a")
            raw.execute("CREATE TABLE IF NOT EXISTS bench_b AS SELECT * FROM b")
            raw.commit()

            def two_rows() -> None:
                raw.execute("BEGIN IMMEDIATE")
                raw.execute("INSERT INTO bench_a SELECT * FROM treatment_session LIMIT 1")
                raw.execute("INSERT INTO bench_b SELECT * FROM audit_log LIMIT 1")
                raw.execute("COMMIT")

            floor = clock(two_rows, max(timed, 5))
        for label, length in (("short", short), ("long", long)):
            self.results.add(
                Measure(
                    f"saving a session after {length} in the course (service)",
                    size,
                    by_course[label],
                    floor,
                    "raw two-row INSERT, one transaction",
                    "≤ 10× floor, p95 ≤ 20 ms, flat",
                )
            )
        for label, length in (("short", short), ("long", long)):
            times = cpu[label]
            self.results.fact(
                f"CPU time of a save after {length} in the course (median, p95)",
                size,
                f"{statistics.median(times):.2f} ms, {perfkit.p95(times):.2f} ms",
            )
        self.results.add(
            Measure(
                f"saving a session after {long + timed + 1} in the course, GC frozen + threshold",
                size,
                frozen,
                floor,
                "raw two-row INSERT, one transaction",
                "p95 ≤ 20 ms",
            )
        )
        pid = big[0]
        self.long_record(size, copy, pid)

    def long_record(self, size: str, path: Path, pid: int) -> None:
        """Opening the long-course patient: the record and the first history page, as the
        record view asks for them, beside raw reads of the same rows."""
        from cryolog.db.database import open_database
        from cryolog.services import Services

        db = open_database(path, verify=False)
        s = Services.open(db, actor="bench")
        with closing(sqlite3.connect(path)) as raw:
            sessions, audit = raw.execute(
                "SELECT (SELECT count(*) FROM treatment_session WHERE patient_id = ?),"
                " (SELECT count(*) FROM audit_log WHERE patient_id = ?)",
                (pid, pid),
            ).fetchone()

            def raw_read() -> None:
                raw.execute(
                    "SELECT * FROM treatment_session WHERE patient_id = ?", (pid,)
                ).fetchall()
                raw.execute(
                    "SELECT * FROM audit_log WHERE patient_id = ? ORDER BY id DESC LIMIT 200",
                    (pid,),
                ).fetchall()

            floor = clock(raw_read, self.runs)

        def open_record() -> None:
            s.records.patient_record(pid)
            s.records.history_page(pid)  # the first page, as the record view asks for it

        times = clock(open_record, self.runs, warm=True)
        self.results.add(
            Measure(
                f"opening a record: {sessions} sessions, {audit} audit rows (service)",
                size,
                times,
                floor,
                "raw read of the sessions and a history page",
                "p95 ≤ 80 ms to painted",
            )
        )
        db.dispose()

    # the whole run ----------------------------------------------------------------------

    def run(self, sizes: list[int], given: dict[int, Path] | None = None) -> None:
        given = given or {}
        files = {f"{n:,}": given.get(n) or perfkit.demo_db(n) for n in sizes}
        for (size, path), n in zip(files.items(), sizes, strict=True):
            print(f"== {size} patients: {path}", flush=True)
            for name in self.only or MEASURES:
                if name == "file_size":
                    self.file_size(size, path, n)
                elif name != "startup":
                    getattr(self, name)(size, path)
        if "startup" in (self.only or MEASURES):
            print("== start-up", flush=True)
            self.startup(files)


def derive_key_ms(encrypted: Path, passphrase: str) -> float:
    """Milliseconds one opening spends deriving the key from the passphrase (the median of
    three unlocks of the file's key-check file)."""
    from cryolog.db.backends import SqlcipherFileBackend

    times = []
    for _ in range(3):
        started = time.perf_counter()
        SqlcipherFileBackend(encrypted).unlock(passphrase)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="also 100,000 patients")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run each")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per measure")
    parser.add_argument("--out", type=Path, default=perfkit.ROOT / "docs" / "performance.md")
    parser.add_argument("--cache", type=Path, default=None, help="folder of the demo files")
    parser.add_argument("--only", action="append", choices=MEASURES, help="just these")
    parser.add_argument("--sizes", type=int, nargs="+", help="patients (default 1k, 10k)")
    parser.add_argument(
        "--use",
        action="append",
        default=[],
        metavar="N=FILE",
        help="a database file of N patients to use instead of the generated one",
    )
    args = parser.parse_args(argv)
    if args.cache:
        perfkit.CACHE = args.cache
    sizes = [40] if args.smoke else [1_000, 10_000] + ([100_000] if args.full else [])
    sizes = args.sizes or sizes
    perfkit.fresh_bytecode()
    gc.collect()
    with tempfile.TemporaryDirectory(prefix="cryolog-bench-") as tmp:
        bench = Bench(args, Path(tmp))
        given = {int(n): Path(f) for n, f in (u.split("=", 1) for u in args.use)}
        bench.run(sizes, given)
    text = bench.results.markdown(
        "Performance at scale",
        "Produced by `make bench` (bench/bench_scale.py); every time beside a floor measured "
        "in the same run on the same machine. Medians and 95th percentiles in milliseconds.",
    )
    notes = Path(__file__).with_name("performance_notes.md").read_text(encoding="utf-8")
    text += "\n" + notes
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
