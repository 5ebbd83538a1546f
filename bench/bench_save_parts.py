"""Where a session save's CPU goes, part by part, after 10 and after 500 in the course.

    python bench/bench_save_parts.py            # 10 and 500 earlier sessions
    python bench/bench_save_parts.py --long 2000

Each part of ``SessionService.record_session`` run alone, many times, inside one write
transaction of a fresh migrated file (rolled back): the checks' reads, the safety case
with the rules, the session inserted through its tables (beside the mapped session built
and flushed, as saves did before), its audit entry; beside the whole
save (committed, the anchor settled after each) and the raw read of the course's counted
sessions through the standard library (what the case cannot read faster). CPU time of
the calling thread, in milliseconds: the minimum (the cost without the machine's other
work) and the median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    action()
    times = []
    for _ in range(runs):
        started = time.thread_time()
        action()
        times.append((time.thread_time() - started) * 1000)
    return min(times), statistics.median(times)


def course_file(folder: Path, earlier: int) -> tuple[Any, Any, int, int, list[date]]:
    from cryolog.db.database import open_database
    from cryolog.services import Services

    db = open_database(folder / f"save-{earlier}.db")
    db.anchor_after_commits()  # as the window saves
    services = Services.open(db, actor="bench")
    start = date.today() - timedelta(days=earlier + 400)
    pid = services.patients.register(
        {"family_name": "Benchmark", "given_name": "Long", "birth_date": date(1970, 1, 1)}
    ).id
    services.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
    for offset in range(0, (date.today() - start).days + 1, 150):
        when = start + timedelta(days=offset)
        services.pretreatment.record_screening(pid, {"screened_on": when, "answers": {}})
        services.pretreatment.record_cold_test(
            pid, "ice_cube", {"performed_on": when, "result": "negative"}
        )
    course = services.courses.open_course(pid, {"protocol_id": "custom", "started_on": start})
    return db, services, pid, course.id, [start]


def session_data(course_id: int, day: list[date]) -> dict[str, Any]:
    day[0] += timedelta(days=1)
    return {
        "modality": "ln2_applicator",
        "started_at": datetime.combine(day[0], clock_time(10, 0)).astimezone(),
        "course_id": course_id,
        "duration_s": 30,
        "set_temp": {"value": -150, "unit": "C"},
    }


def parts(earlier: int, runs: int, folder: Path) -> list[tuple[str, float, float]]:
    from cryolog.db.models import TreatmentSession
    from cryolog.db.types import utcnow
    from cryolog.domain.schemas import SessionInput
    from cryolog.services import audit
    from cryolog.services import safety_reads as reads
    from cryolog.services.safety import evaluate_for_session, load_thresholds
    from cryolog.services.session_checks import check_course, live_patient_facts
    from cryolog.services.session_insert import StoredSession, insert_session
    from cryolog.services.session_rows import child_keys, new_children, session_columns

    db, services, pid, course_id, day = course_file(folder, earlier)
    for _ in range(earlier):
        services.sessions.record_session(pid, session_data(course_id, day))
    db.settle_anchor()
    found: list[tuple[str, float, float]] = []

    def save() -> None:
        services.sessions.record_session(pid, session_data(course_id, day))
        db.settle_anchor()

    found.append(("the whole save (committed, anchor settled)", *timed(save, runs)))
    data = session_data(course_id, day)
    values = SessionInput.model_validate(data)
    with db.write() as session:
        facts = live_patient_facts(session, pid)
        course = check_course(session, pid, values)
        settings = load_thresholds(session)
        found.append(
            (
                "patient, course and thresholds read",
                *timed(
                    lambda: (
                        live_patient_facts(session, pid),
                        check_course(session, pid, values),
                        load_thresholds(session),
                    ),
                    runs,
                ),
            )
        )

        def case() -> list[Any]:
            return evaluate_for_session(
                session,
                pid,
                values,
                exclude_session=None,
                settings=settings,
                patient=facts,
                course=course,
            )

        found.append(("safety case read and the rules", *timed(case, runs)))
        conn = session.connection()
        found.append(
            (
                "  of which the course's sessions read",
                *timed(lambda: reads.course_sessions(conn, course_id, None), runs),
            )
        )
        findings = case()
        made: list[TreatmentSession] = []

        def insert() -> None:
            now = utcnow()
            row = TreatmentSession(
                patient_id=pid,
                state="signed",
                completed_at=now,
                signed_at=now,
                **session_columns(values),
                **new_children(values, findings),
            )
            session.add(row)
            session.flush()
            made.append(row)

        found.append(("session built, added and flushed (ORM, old)", *timed(insert, runs)))
        stored: list[StoredSession] = []

        def insert_core() -> None:
            now = utcnow()
            columns = {
                "patient_id": pid,
                "state": "signed",
                "completed_at": now,
                "signed_at": now,
                **session_columns(values),
            }
            stored.append(insert_session(session, columns, child_keys(values, findings)))

        found.append(("session and children inserted (Core)", *timed(insert_core, runs)))
        new = stored[-1]
        found.append(
            (
                "audit entry (state, hashes, salt, head, insert)",
                *timed(
                    lambda: audit.write(
                        session,
                        "bench",
                        "create",
                        "session",
                        new.id,
                        pid,
                        inserted=new.inserted,
                    ),
                    runs,
                ),
            )
        )
        session.rollback()
    db.dispose()
    found.append(
        (
            "raw sqlite3 read of the course's sessions (floor)",
            *raw_read(folder, earlier, course_id, runs),
        )
    )
    return found


def raw_read(folder: Path, earlier: int, course_id: int, runs: int) -> tuple[float, float]:
    from cryolog.db.backends.sqlite_connect import connect_file, reader_pragmas
    from cryolog.services import safety_reads as reads

    sql = (
        "SELECT started_at, modality, actual_exposure_s, duration_s, nrs_pre, nrs_post, id "
        "FROM treatment_session WHERE course_id = ? AND archived_at IS NULL "
        f"AND state IN ({', '.join('?' for _ in reads.COUNTED)}) AND id != -1"
    )
    conn = connect_file(folder / f"save-{earlier}.db", pragmas=reader_pragmas())
    try:
        return timed(lambda: conn.execute(sql, (course_id, *reads.COUNTED)).fetchall(), runs)
    finally:
        conn.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--short", type=int, default=10, help="earlier sessions, short course")
    parser.add_argument("--long", type=int, default=500, help="earlier sessions, long course")
    parser.add_argument("--runs", type=int, default=100, help="timed runs per part")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cryolog-save-parts-") as tmp:
        results = {n: parts(n, args.runs, Path(tmp)) for n in (args.short, args.long)}
    print(f"{'CPU ms (min / median)':52} {args.short:>14} {args.long:>14}")
    for i, (name, *_) in enumerate(results[args.short]):
        cells = [f"{results[n][i][1]:6.3f} /{results[n][i][2]:6.3f}" for n in results]
        print(f"{name:52} {cells[0]:>14} {cells[1]:>14}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
