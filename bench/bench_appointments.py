"""Proposing a course's visits at a busy practice: ``python bench/bench_appointments.py``.

A practice with a chamber (3 at once), two cabins and two staff, 10,000 booked
appointments over the coming months, and a patient whose 20-session whole-body course is
to be booked. Prints the median time of ``propose_rest`` (reading the calendar and
proposing) beside the floor: reading the same appointments with raw SQL. The target is a
median of at most 100 ms.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from cryolog.db.database import open_database
from cryolog.db.models import Appointment
from cryolog.domain.booking.week import Interval, Resource, at_minutes
from cryolog.services import Services
from cryolog.services.appointments_zone import practice_zone, to_utc

BOOKED = 10_000
RUNS = 15


def fill(services: Services, rng: random.Random) -> int:
    """10,000 booked appointments on the resources' grids, from tomorrow on."""
    services.week.save_week(tuple(Interval(d, 8 * 60, 20 * 60) for d in range(6)), (), 2)
    resources = [
        services.week.save_resource(Resource(0, "Chamber", ("wbc_chamber",), 3, 3, 5)),
        services.week.save_resource(Resource(0, "Cabin 1", ("cold_air", "ln2_spray"), 1, 20, 10)),
        services.week.save_resource(Resource(0, "Cabin 2", ("cold_air", "ln2_spray"), 1, 20, 10)),
    ]
    patients = [
        services.patients.register(
            {"family_name": f"Patient{n}", "birth_date": date(1970, 1, 1)}
        ).id
        for n in range(400)
    ]
    week = services.week.week()
    rows = []
    day = date.today() + timedelta(days=1)
    now = datetime.now(UTC)
    with services.db.write() as session:
        zone = practice_zone(session)
        while len(rows) < BOOKED:
            for res in resources:
                for start in week.slot_starts(res, day):
                    if rng.random() < 0.5 and len(rows) < BOOKED:
                        utc = to_utc(at_minutes(day, start), zone)
                        rows.append(
                            {
                                "patient_id": rng.choice(patients),
                                "resource_id": res.id,
                                "modality": res.modalities[0],
                                "general": res.capacity > 1,
                                "starts_at": utc,
                                "local_day": day,
                                "length_min": res.session_min,
                                "turnaround_min": res.turnaround_min,
                                "status": "booked",
                                "cancel_reason": "",
                                "warnings": "",
                                "warning_reason": "",
                                "created_at": now,
                                "updated_at": now,
                                "version": 1,
                            }
                        )
            day += timedelta(days=1)
        session.execute(insert(Appointment), rows)
    return len(rows)


def main() -> int:
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "busy.db"
        db = open_database(path)
        services = Services.open(db, "bench")
        booked = fill(services, rng)
        pid = services.patients.register(
            {"family_name": "Newcomer", "birth_date": date(1980, 1, 1)}
        ).id
        course = services.courses.open_course(
            pid, {"protocol_id": "wbc_course", "started_on": date.today(), "planned_sessions": 20}
        )
        timings, cpu, visits = [], [], 0
        for _ in range(RUNS):
            started, started_cpu = time.perf_counter(), time.process_time()
            visits = len(services.appointments.propose_rest(course.id, 20).visits)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        floor = []
        last = date.today() + timedelta(days=365)
        with closing(sqlite3.connect(path)) as conn:
            for _ in range(RUNS):
                started = time.perf_counter()
                conn.execute(
                    "SELECT id, patient_id, resource_id, starts_at, length_min, turnaround_min,"
                    " course_id, general FROM appointment WHERE local_day >= ? AND local_day <= ?"
                    " AND status IN ('booked', 'attended')",
                    (date.today().isoformat(), last.isoformat()),
                ).fetchall()
                floor.append(time.perf_counter() - started)
        db.dispose()
    median = statistics.median(timings) * 1000
    print(f"{booked} booked appointments; a 20-session course: {visits} visits proposed")
    print(
        f"propose_rest: median {median:.1f} ms, best {min(timings) * 1000:.1f} ms (target ≤ 100 ms)"
    )
    print(
        f"floor, reading the appointments with raw SQL: median "
        f"{statistics.median(floor) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
