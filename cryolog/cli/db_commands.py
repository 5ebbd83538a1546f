"""Database commands: ``demo`` (synthetic data) and ``check`` (integrity and counts)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text

from cryolog.cli.common import fail, open_for_cli, positive_int
from cryolog.db.database import Database
from cryolog.db.models import Base, Patient
from cryolog.db.revisions import HEAD_REVISION

if TYPE_CHECKING:
    from cryolog.services.demo import DemoSummary

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> list[argparse.ArgumentParser]:
    demo = commands.add_parser("demo", help="create a database filled with synthetic patients")
    demo.add_argument("--patients", type=positive_int, default=200, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.set_defaults(handler=run_demo)
    check = commands.add_parser("check", help="check integrity; print revision and counts")
    check.set_defaults(handler=run_check)
    return [demo, check]


def run_demo(args: argparse.Namespace) -> int:
    from cryolog.services.demo import default_workers, generate_demo

    db = open_for_cli(args.db, create=True)
    if db is None:
        return 1
    try:
        with db.read() as session:
            existing = session.scalar(select(func.count()).select_from(Patient)) or 0
        if existing:
            return fail(
                f"{db.label} already holds {existing} patients; demo data goes into a"
                " new or empty database."
            )
        summary = generate_demo(
            db, args.patients, args.seed, progress=_progress(), workers=default_workers()
        )
    finally:
        db.dispose()
    print(describe_demo(db.label, summary))
    return 0


def describe_demo(label: str, summary: DemoSummary) -> str:
    """What the demo wrote, and the ids worth trying first."""
    counts = summary.counts
    lines = [
        f"Demo database {label}: {summary.patients} patients, {counts.get('course', 0)} courses,"
        f" {summary.sessions} sessions, {counts.get('audit_log', 0)} audit entries.",
    ]
    if summary.cyrillic_patient_id is not None:
        lines.append(
            f"  patient {summary.cyrillic_patient_id}: a Cyrillic name"
            f"  (cryolog report list {summary.cyrillic_patient_id})"
        )
    if summary.accented_patient_id is not None:
        lines.append(f"  patient {summary.accented_patient_id}: an accented Latin name")
    for protocol_id, course_id in sorted(summary.course_ids.items()):
        lines.append(
            f"  course {course_id}: {protocol_id}"
            f"  (cryolog report course {course_id} -o course.pdf)"
        )
    return "\n".join(lines)


def _progress() -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total} patients", end="", file=sys.stderr, flush=True)

    return report


def run_check(args: argparse.Namespace) -> int:
    db = open_for_cli(args.db, create=False)
    if db is None:
        return 1
    try:
        problems = check_database(db)
    finally:
        db.dispose()
    return 1 if problems else 0


def check_database(db: Database) -> list[str]:
    """Print the schema revision, integrity results and row counts; return the problems."""
    problems: list[str] = []
    with db.read() as session:
        revision = session.scalar(text("SELECT version_num FROM alembic_version"))
        print(f"database: {db.label}")
        print(f"schema revision: {revision} (this cryolog: {HEAD_REVISION})")
        if db.path is not None:
            integrity = session.scalar(text("PRAGMA integrity_check"))
            violations = session.execute(text("PRAGMA foreign_key_check")).fetchall()
            mode = session.scalar(text("PRAGMA journal_mode"))
            print(
                f"integrity: {integrity}; foreign key violations: {len(violations)};"
                f" journal: {mode}"
            )
            if integrity != "ok":
                problems.append(f"integrity check: {integrity}")
            if violations:
                problems.append(f"{len(violations)} foreign key violations")
        for table in Base.metadata.sorted_tables:
            count = session.scalar(select(func.count()).select_from(table))
            print(f"  {table.name:<22} {count:>10}")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return problems
