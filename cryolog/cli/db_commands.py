"""Database commands: ``demo`` (synthetic data) and ``check`` (integrity and counts).

``check`` never writes: it reads the file read-only and says what opening it would do.
``demo`` rewrites the file, so it holds the database exclusively (it refuses while a window
has it). The backup commands live in ``backup_commands``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from cryolog.cli import backup_commands
from cryolog.cli.common import Held, exclusive_database, fail, note, positive_int
from cryolog.db.backends import backend_for
from cryolog.db.errors import DatabaseProblem
from cryolog.db.location import resolve_target
from cryolog.db.revisions import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from pathlib import Path

    from cryolog.db.database import Database
    from cryolog.services.demo import DemoSummary

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

MAX_DEMO_PATIENTS = 1_000_000


def register(commands: SubParsers) -> list[argparse.ArgumentParser]:
    demo = commands.add_parser("demo", help="create a database filled with synthetic patients")
    demo.add_argument(
        "--patients",
        type=lambda text: positive_int(text, "a number of patients", MAX_DEMO_PATIENTS),
        default=200,
        metavar="N",
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument(
        "--init-empty",
        action="store_true",
        help="set up an existing empty (0-byte) file as a new database",
    )
    demo.set_defaults(handler=run_demo)
    check = commands.add_parser(
        "check", help="check integrity; print revision and counts (changes nothing)"
    )
    check.set_defaults(handler=run_check)
    return [demo, check, *backup_commands.register(commands)]


def run_demo(args: argparse.Namespace) -> int:
    try:
        with exclusive_database(args.db, create=True) as held:
            return _demo(held, args)
    except DatabaseProblem as exc:
        return fail(str(exc))


def _demo(held: Held, args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from cryolog.db.database import open_database
    from cryolog.db.models import Patient
    from cryolog.services.demo import default_workers, generate_demo
    from cryolog.services.erasure import compact

    db = open_database(held.backend, create=True, allow_empty=args.init_empty)
    try:
        if db.read_only:
            return fail(db.read_only_reason)
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
        if db.storage.path is not None:
            # a file: its pages packed, as a compacted practice file (the bulk inserts
            # leave the indexes on random keys a third empty)
            compact(db)
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
    try:
        backend = backend_for(resolve_target(args.db))
        if backend.path is None:
            return _check_server(args)
        return check_file(backend.path)
    except DatabaseProblem as exc:
        return fail(str(exc))


def check_file(path: Path) -> int:
    """Print the schema revision, integrity results and row counts; 1 on any problem."""
    from cryolog.db.examine import examine_file
    from cryolog.db.placement import placement_warning

    found = examine_file(path)
    print(f"database: {path}")
    facts = found.facts
    if facts is None:
        return fail(
            f"{path} is empty (0 bytes); it may be a damaged copy. cryolog would set up a new"
            " database in it only when asked. Nothing was changed."
        )
    if facts.revision is None:
        if found.has_tables:
            return fail(f"{path} is an SQLite database, but not one made by cryolog.")
        return fail(
            f"{path} is an SQLite file with nothing in it; cryolog would set up a new database"
            " in it only when asked. Nothing was changed."
        )
    print(f"schema revision: {facts.revision} (this cryolog: {HEAD_REVISION})")
    problems: list[str] = []
    if facts.revision not in KNOWN_REVISIONS:
        problems.append(f"written by a newer version of cryolog (schema {facts.revision})")
    elif facts.revision != HEAD_REVISION:
        print(
            f"opening it would update it from {facts.revision} to {HEAD_REVISION}, after a"
            " verified backup; nothing was changed now"
        )
    print(
        f"integrity: {found.integrity}; foreign key violations: {found.foreign_key_violations};"
        f" journal: {found.journal_mode}"
    )
    if found.integrity != "ok":
        problems.append(f"integrity check: {found.integrity}")
    if found.foreign_key_violations:
        problems.append(f"{found.foreign_key_violations} foreign key violations")
    for table, count in sorted(facts.counts.items()):
        print(f"  {table:<22} {count:>10}")
    if facts.revision == HEAD_REVISION and found.integrity == "ok":
        stale = _stale_due_dates(path)
        if stale:
            problems.append(
                f"the day plan's next due dates (course_due) differ from the courses and"
                f" sessions for {len(stale)} course(s), first {stale[0]}"
            )
    warning = placement_warning(path)
    if warning is not None:
        note(warning.message(path))
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _stale_due_dates(path: Path) -> list[int]:
    """The courses whose kept next due date is not what their sessions give."""
    from contextlib import closing

    from cryolog.db import course_due
    from cryolog.db.backends.sqlite_connect import connect_file, reader_pragmas
    from cryolog.db.examine import examine_access

    access = examine_access(path)
    with closing(connect_file(path, access=access, pragmas=reader_pragmas())) as conn:
        conn.execute("BEGIN")  # both reads see the same commit
        facts = conn.execute(course_due.PLAIN_FACTS).fetchall()
        kept = conn.execute(course_due.PLAIN_KEPT).fetchall()
        conn.rollback()
    return course_due.differing(facts, kept)


def _check_server(args: argparse.Namespace) -> int:
    from cryolog.cli.common import open_for_cli

    db = open_for_cli(args.db, create=False)
    if db is None:
        return 1
    try:
        return 1 if check_database(db) else 0
    finally:
        db.dispose()


def check_database(db: Database) -> list[str]:
    """Print the schema revision and row counts of a server database; return the problems."""
    from sqlalchemy import func, select, text

    from cryolog.db.models import Base

    with db.read() as session:
        revision = session.scalar(text("SELECT version_num FROM alembic_version"))
        print(f"database: {db.label}")
        print(f"schema revision: {revision} (this cryolog: {HEAD_REVISION})")
        for table in Base.metadata.sorted_tables:
            count = session.scalar(select(func.count()).select_from(table))
            print(f"  {table.name:<22} {count:>10}")
    return []
