"""Realistic synthetic demo data: ``generate_demo(db, patients, seed)``.

Patients in several scripts, their screenings, clearances, consents and cold tests, courses
of every protocol with sessions at plausible parameters, adverse events and assessments —
written in bulk (chunks of patients, one unit of work per chunk) with an audit row per
record. The same seed and ``today`` give the same data, whatever the number of worker
processes (times are local appointment times, so the machine's time zone decides their UTC
values).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from cryolog.db.database import Database
from cryolog.services.demo.calendar import add_calendar
from cryolog.services.demo.pipeline import Job, chunk_ranges, parallel_chunks, serial_chunks
from cryolog.services.demo.writer import (
    fill_practice,
    insert_chunk,
    next_ids,
    restore_cache,
    uses_driver_inserts,
    widen_cache,
)
from cryolog.services.safety import load_thresholds

__all__ = ["DemoSummary", "default_workers", "generate_demo"]

CHUNK_PATIENTS = 1000
MAX_WORKERS = 4  # past this the inserting process is the bottleneck


def default_workers() -> int:
    """Worker processes worth starting on this machine: one per core, 1 = none."""
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


@dataclass(frozen=True)
class DemoSummary:
    """What was written: rows per table, and a few ids worth opening first."""

    counts: Mapping[str, int]
    cyrillic_patient_id: int | None
    accented_patient_id: int | None
    course_ids: Mapping[str, int] = field(default_factory=dict)  # protocol id -> a course

    @property
    def patients(self) -> int:
        return self.counts.get("patient", 0)

    @property
    def sessions(self) -> int:
        return self.counts.get("treatment_session", 0)


def generate_demo(
    db: Database,
    patients: int,
    seed: int,
    *,
    actor: str = "demo",
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> DemoSummary:
    """Add ``patients`` generated patients with their records to ``db``.

    ``workers`` > 1 generates in that many separate processes while this one inserts (the
    data are the same); 1 does everything here. The calling program must be importable by
    a fresh interpreter for workers > 1 (a frozen application needs ``freeze_support``).
    """
    if patients < 0:
        raise ValueError("the number of patients cannot be negative")
    if workers < 1:
        raise ValueError("the number of workers must be at least 1")
    day = today or date.today()
    with db.write() as session:
        settings = load_thresholds(session)
        encode = uses_driver_inserts(session)
        first_ids = next_ids(session)
        audited = fill_practice(session, day, actor)
        cache = widen_cache(session)
    job = Job(seed, day, settings, actor, encode, chunk_ranges(patients, CHUNK_PATIENTS))
    if workers > 1 and len(job.chunks) > 1:
        chunks = parallel_chunks(job, first_ids, workers)
    else:
        chunks = serial_chunks(job, first_ids)
    counts: Counter[str] = Counter({"audit_log": audited})
    course_ids: dict[str, int] = {}
    examples: dict[str, int] = {}
    done = 0
    try:
        for index, chunk in enumerate(chunks):
            with db.write() as session:
                counts.update(insert_chunk(session, chunk))
            for protocol, course_id in chunk.course_ids.items():
                course_ids.setdefault(protocol, course_id)
            for kind, patient_id in chunk.example_ids.items():
                examples.setdefault(kind, patient_id)
            done += job.chunks[index][1]
            if progress is not None:
                progress(done, patients)
    finally:
        chunks.close()
        with db.read() as session:
            restore_cache(session, cache)
    counts.update(add_calendar(db, day, seed, actor))
    if progress is not None and patients == 0:
        progress(0, 0)
    return DemoSummary(
        counts=dict(counts),
        cyrillic_patient_id=examples.get("cyrillic"),
        accented_patient_id=examples.get("accented"),
        course_ids=course_ids,
    )
