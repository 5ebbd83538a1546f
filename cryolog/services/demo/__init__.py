"""Realistic synthetic demo data: ``generate_demo(db, patients, seed)``.

Patients in several scripts, their screenings, clearances, consents and cold tests, courses
of every protocol with sessions at plausible parameters, adverse events and assessments —
written in bulk (Core inserts in chunks, one unit of work per chunk) with an audit row per
record. The same seed and ``today`` give the same data (times are local appointment times,
so the machine's time zone decides their UTC values).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from cryolog.db.database import Database
from cryolog.services.demo.plan import plan_patient
from cryolog.services.demo.writer import DemoWriter
from cryolog.services.safety import load_thresholds

__all__ = ["DemoSummary", "generate_demo"]

CHUNK_PATIENTS = 1000


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
) -> DemoSummary:
    """Add ``patients`` generated patients with their records to ``db``."""
    if patients < 0:
        raise ValueError("the number of patients cannot be negative")
    day = today or date.today()
    with db.read() as session:
        settings = load_thresholds(session)
    writer = DemoWriter(actor)
    done = 0
    while done < patients or done == 0:
        count = min(CHUNK_PATIENTS, patients - done)
        plans = [plan_patient(seed, i, day, settings) for i in range(done, done + count)]
        with db.write() as session:
            if done == 0:
                writer.start(session, day)
            for plan in plans:
                writer.add(plan)
            writer.flush(session)
        done += count
        if progress is not None:
            progress(done, patients)
        if patients == 0:
            break
    return DemoSummary(
        counts=dict(writer.counts),
        cyrillic_patient_id=writer.example_ids.get("cyrillic"),
        accented_patient_id=writer.example_ids.get("accented"),
        course_ids=dict(writer.course_ids),
    )
