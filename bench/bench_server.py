"""The practitioner's waits on a PostgreSQL server beside the same on an SQLite file, each
beside a floor measured in the same run on that backend; writes docs/performance-server.md.

    python bench/bench_server.py                    # 1k and 10k generated patients
    python bench/bench_server.py --use 100000=FILE  # also a given file of 100k patients
    python bench/bench_server.py --full             # also 100k generated (cached, as bench_scale)
    python bench/bench_server.py --smoke --out F    # 40 patients, one run each (the CI test)

The server is a throwaway cluster started here as the tests start theirs (tests/pg/cluster.py),
but durable: commits wait for the disk, as on a clinic's server. Each size's demo file (the
cached one of bench/perfkit.py, or the one given) is copied to a fresh server database with
``cryolog copy``, so both backends hold the same rows; writes go to a copy of the file and to
the server database, which is dropped afterwards. A file given with ``--use`` (100,000
patients: 12.7 million rows, 41 minutes through ``cryolog copy``) is filled instead with
bench/pg_fill.py (COPY, the same rows and audit chain, checked); either way the database is
vacuumed and analysed before it is measured, as autovacuum does on a server in use.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import perfkit
import startup_outside
from perfkit import Measure, Results, clock

WORDS = ["иванова", "müller", "dupont", "smith", "anna", "петр", "o'brien", "maria"]
TOP = "\U0010ffff"
MEASURES = ["search", "list_pages", "day_plan", "saves", "record"]
SQLITE, SERVER = "SQLite file", "PostgreSQL server"


def prefixes(words: Sequence[str]) -> list[str]:
    return [w[:n] for w in words for n in range(1, len(w) + 1)]


@dataclass
class Target:
    """One backend holding one size's rows: where cryolog opens it, and raw SQL on it."""

    kind: str
    address: str

    @contextmanager
    def raw(self) -> Iterator[Callable[[str, Sequence[Any]], list[Any]]]:
        """Raw statements on the backend's own driver (``?`` placeholders), outside cryolog."""
        if self.kind == SQLITE:  # as cryolog's own connections are set up (WAL, FULL)
            from cryolog.db.backends.sqlite_connect import connect_file, engine_pragmas

            with closing(connect_file(Path(self.address), pragmas=engine_pragmas())) as conn:
                yield lambda sql, params=(): conn.execute(sql, params).fetchall()
            return
        from cryolog.db.backends import backend_for

        conn = backend_for(self.address).connect()
        try:

            def run(sql: str, params: Sequence[Any] = ()) -> list[Any]:
                with conn.cursor() as cursor:
                    cursor.execute(sql.replace("?", "%s"), params)
                    return cursor.fetchall() if cursor.description else []

            yield run
        finally:
            conn.close()


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.smoke: bool = args.smoke
        self.runs = 1 if args.smoke else args.runs
        self.results = Results()
        self.saved_for: dict[str, int] = {}
        """The patient each target's saves went to (its record is opened next)."""

    def measure(self, what: str, size: str, on: Target, times: list[float], **kw: Any) -> None:
        budget = kw.pop("budget", "")
        self.results.add(Measure(f"{what} — {on.kind}", size, times, target=budget, **kw))

    # reads ------------------------------------------------------------------------------

    def search(self, size: str, target: Target) -> None:
        from cryolog.db.database import open_database
        from cryolog.services.search import SearchService

        db = open_database(target.address, verify=False)
        search = SearchService(db)
        times: list[float] = []
        floor: list[float] = []
        with target.raw() as raw:
            for text in prefixes(WORDS[:2] if self.smoke else WORDS):
                times += clock(lambda t=text: search.search_page(t), self.runs, warm=True)
                floor += clock(
                    lambda t=text: raw(
                        "SELECT patient_id FROM patient_name_token"
                        " WHERE token >= ? AND token < ? LIMIT 200",
                        (t, t + TOP),
                    ),
                    self.runs,
                    warm=True,
                )
        db.dispose()
        self.measure(
            f"search, first page, every prefix of {len(WORDS)} words (service)",
            size,
            target,
            times,
            floor=floor,
            floor_what="raw indexed SELECT of the tokens",
            budget="p95 ≤ 5 ms",
        )

    def list_pages(self, size: str, target: Target) -> None:
        from cryolog.db.database import open_database
        from cryolog.services.search import SearchService

        db = open_database(target.address, verify=False)
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
        db.dispose()
        floor: list[float] = []
        with target.raw() as raw:
            key: tuple[str, int] = ("", 0)
            while True:
                started = time.perf_counter()
                rows = raw(
                    "SELECT id, search_name, family_name, given_name, birth_date, phone"
                    " FROM patient WHERE archived_at IS NULL"
                    " AND (search_name > ? OR (search_name = ? AND id > ?))"
                    " ORDER BY search_name, id LIMIT 200",
                    (key[0], key[0], key[1]),
                )
                floor.append((time.perf_counter() - started) * 1000)
                if len(rows) < 200:
                    break
                key = (rows[-1][1], rows[-1][0])
        self.measure(
            f"patient list, every page to the end ({len(times)} pages of 200)",
            size,
            target,
            times,
            floor=floor,
            floor_what="raw keyset SELECT",
            budget="any page ≤ 5 ms",
        )

    def day_plan(self, size: str, target: Target) -> None:
        from cryolog.db.database import open_database
        from cryolog.services import Services

        db = open_database(target.address, verify=False)
        services = Services.open(db, actor="bench")
        today = date.today()
        times = clock(lambda: services.appointments.day_plan(today), self.runs, warm=True)
        db.dispose()
        with target.raw() as raw:
            floor = clock(
                lambda: raw(
                    "SELECT c.id, c.patient_id, c.protocol_id, c.started_on, s.session_date"
                    " FROM course c JOIN treatment_session s ON s.course_id = c.id"
                    " WHERE c.status = 'open' AND c.archived_at IS NULL"
                    " AND s.archived_at IS NULL",
                    (),
                ),
                self.runs,
                warm=True,
            )
        self.measure(
            "Today's day plan (service)",
            size,
            target,
            times,
            floor=floor,
            floor_what="raw read of the open courses' session dates",
            budget="≤ 50 ms",
        )

    # writes, then the record they made --------------------------------------------------

    def saves(self, size: str, target: Target) -> None:
        """Sessions saved through the service into one course (custom protocol, one a day),
        beside a raw two-row INSERT in one transaction; then that patient's record opened."""
        from cryolog.db.database import open_database
        from cryolog.services import Services

        db = open_database(target.address, verify=False)
        s = Services.open(db, actor="bench")
        before, timed = (3, 1) if self.smoke else (10, 20)
        start = date.today() - timedelta(days=before + timed + 30)
        pid = s.patients.register(
            {"family_name": "Benchmark", "given_name": "Server", "birth_date": date(1970, 1, 1)}
        ).id
        s.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
        s.pretreatment.record_screening(pid, {"screened_on": start, "answers": {}})
        s.pretreatment.record_cold_test(
            pid, "ice_cube", {"performed_on": start, "result": "negative"}
        )
        cid = s.courses.open_course(pid, {"protocol_id": "custom", "started_on": start}).id
        day = [start]

        def save() -> None:
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

        for _ in range(before):
            save()
        times = clock(save, timed, warm=True)
        with target.raw() as raw:
            raw("CREATE TABLE bench_a AS SELECT * FROM treatment_session WHERE 1 = 0", ())
            raw("CREATE TABLE bench_b AS SELECT * FROM audit_log WHERE 1 = 0", ())
            begin = "BEGIN IMMEDIATE" if target.kind == SQLITE else "BEGIN"

            def two_rows() -> None:
                raw(begin, ())
                raw("INSERT INTO bench_a SELECT * FROM treatment_session LIMIT 1", ())
                raw("INSERT INTO bench_b SELECT * FROM audit_log LIMIT 1", ())
                raw("COMMIT", ())

            floor = clock(two_rows, max(timed, 5), warm=True)
        self.measure(
            f"saving a session after {before} in the course (service)",
            size,
            target,
            times,
            floor=floor,
            floor_what="raw two-row INSERT, one transaction",
            budget="p95 ≤ 20 ms",
        )
        self.saved_for[target.address] = pid
        db.dispose()

    def record(self, size: str, target: Target) -> None:
        from cryolog.db.database import open_database
        from cryolog.services import Services

        db = open_database(target.address, verify=False)
        s = Services.open(db, actor="bench")
        pid = self.saved_for[target.address]

        def open_record() -> None:
            s.records.patient_record(pid)
            s.records.history_page(pid)  # the first page, as the record view asks for it

        times = clock(open_record, self.runs, warm=True)
        with target.raw() as raw:

            def raw_read() -> None:
                raw("SELECT * FROM treatment_session WHERE patient_id = ?", (pid,))
                raw(
                    "SELECT * FROM audit_log WHERE patient_id = ? ORDER BY id DESC LIMIT 200",
                    (pid,),
                )

            floor = clock(raw_read, self.runs, warm=True)
        db.dispose()
        self.measure(
            "opening that record and its first history page (service)",
            size,
            target,
            times,
            floor=floor,
            floor_what="raw read of the sessions and a history page",
            budget="p95 ≤ 80 ms to painted",
        )


def copy_to_server(source: Path, url: str) -> float:
    """``cryolog copy --from FILE --to URL`` (the real command, a process of its own)."""
    started = time.perf_counter()
    done = subprocess.run(
        [startup_outside.console_script(), "copy", "--from", str(source), "--to", url],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"cryolog copy failed: {done.stderr.strip() or done.stdout.strip()}")
    return time.perf_counter() - started


def fill_server(source: Path, url: str) -> float:
    """bench/pg_fill.py: the file's rows into the server with COPY, checked, vacuumed."""
    import pg_fill

    started = time.perf_counter()
    pg_fill.fill(source, url)
    return time.perf_counter() - started


def run(bench: Bench, sizes: dict[int, Path], work: Path, filled: frozenset[int]) -> None:
    from tests.pg.cluster import Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed (no initdb/pg_ctl): scripts/system-deps.sh")
    cluster = Cluster.start(bindir, durable=True)
    try:
        for n, source in sizes.items():
            size = f"{n:,}"
            name = f"bench_{n}"
            print(f"== {size} patients: {source} → server database {name}", flush=True)
            cluster.sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
            copy = perfkit.working_copy(source, work)  # the given file is never opened
            if n in filled:  # a given file: the benchmark-only COPY fill (bench/pg_fill.py)
                took = fill_server(copy, cluster.url(name))
                bench.results.fact("bench/pg_fill.py (COPY) of the file to the server", size,
                                   f"{took:.1f} s")  # fmt: skip
            else:
                took = copy_to_server(copy, cluster.url(name))
                cluster.sql("VACUUM (ANALYZE)", name)  # what autovacuum soon does
                bench.results.fact("`cryolog copy` of the file to the server", size,
                                   f"{took:.1f} s")  # fmt: skip
            targets = (Target(SQLITE, str(copy)), Target(SERVER, cluster.url(name)))
            for measure in MEASURES:
                for target in targets:  # the two backends' lines side by side
                    getattr(bench, measure)(size, target)
            cluster.sql(f"DROP DATABASE {name} WITH (FORCE)")
            for made in work.glob(copy.name + "*"):
                made.unlink(missing_ok=True)
    finally:
        cluster.stop()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="40 patients, one run each")
    parser.add_argument("--full", action="store_true", help="also 100,000 patients")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per measure")
    parser.add_argument("--out", type=Path, default=perfkit.ROOT / "docs" / "performance-server.md")
    parser.add_argument("--cache", type=Path, default=None, help="folder of the demo files")
    parser.add_argument("--sizes", type=int, nargs="+", help="patients (default 1k, 10k)")
    parser.add_argument(
        "--use",
        action="append",
        default=[],
        metavar="N=FILE",
        help="a database file of N patients to copy to the server and measure too",
    )
    args = parser.parse_args(argv)
    if args.cache:
        perfkit.CACHE = args.cache
    counts = args.sizes or (
        [40] if args.smoke else [1_000, 10_000] + ([100_000] if args.full else [])
    )
    given = {int(n): Path(f) for n, f in (u.split("=", 1) for u in args.use)}
    for n, path in given.items():
        if not path.is_file():
            parser.error(f"--use {n}={path}: no such file")
    sizes = {n: perfkit.demo_db(n) for n in counts if n not in given} | given
    perfkit.fresh_bytecode()
    bench = Bench(args)
    with tempfile.TemporaryDirectory(prefix="cryolog-bench-server-") as tmp:
        run(bench, dict(sorted(sizes.items())), Path(tmp), frozenset(given))
    text = bench.results.markdown(
        "Performance on a PostgreSQL server",
        "Produced by `python bench/bench_server.py` (`make bench BENCH_ARGS=--server`); each"
        " wait on the server beside the same on an SQLite file holding the same rows (copied"
        " with `cryolog copy`, or for a given file with bench/pg_fill.py), each beside its"
        " floor on that backend, measured in the same"
        " run on the same machine. Medians and 95th percentiles in milliseconds.",
    )
    notes = Path(__file__).with_name("performance_server_notes.md")
    if notes.exists():
        text += "\n" + notes.read_text(encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
