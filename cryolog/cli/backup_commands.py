"""``cryolog backup``, ``cryolog backups`` and ``cryolog restore``: backups from scripts.

cryolog backup --db PATH [-o DIR]    a verified backup now (beside the database, rotated;
                                     or into DIR, kept as it is)
cryolog backups --db PATH            the backups, newest first, with what they hold
cryolog restore BACKUP --db PATH     put a backup in the database's place (the current
                                     file is kept); refused while a window has it open
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryolog.cli.common import exclusive_database, fail, note
from cryolog.db.backends import SqliteFileBackend, backend_for
from cryolog.db.errors import DatabaseProblem
from cryolog.db.location import resolve_target

if TYPE_CHECKING:
    from cryolog.db.backup import Backup
    from cryolog.services.backups import LostSince

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> list[argparse.ArgumentParser]:
    backup = commands.add_parser("backup", help="make a verified backup of the database now")
    backup.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        type=Path,
        default=None,
        help="folder for the backup (default: backups/ beside the database, rotated)",
    )
    backup.set_defaults(handler=run_backup)
    listing = commands.add_parser("backups", help="list the database's backups")
    listing.set_defaults(handler=run_backups)
    restore = commands.add_parser("restore", help="put a backup in the database's place")
    restore.add_argument("backup", metavar="BACKUP", type=Path, help="the backup file")
    restore.set_defaults(handler=run_restore)
    return [backup, listing, restore]


def _file_backend(db_arg: str | None) -> SqliteFileBackend:
    backend = backend_for(resolve_target(db_arg))
    if not isinstance(backend, SqliteFileBackend):
        raise DatabaseProblem(
            f"Backups of {backend.label} are made on the server with its own tools"
            ' (pg_dump, checked by a restore: see the README\'s "Backing up a server").',
            backend.label,
        )
    return backend


def _readable(backend: SqliteFileBackend) -> None:
    """A cryolog database that exists, at a revision this cryolog knows; read, not written."""
    from cryolog.db.errors import DatabaseEmpty, DatabaseMissing, DatabaseTooNew
    from cryolog.db.migrate import choose_access, empty_file_message
    from cryolog.db.revisions import KNOWN_REVISIONS
    from cryolog.db.sqlite_file import inspect_file

    path = backend.file
    if not path.is_file():
        raise DatabaseMissing(f"The database file {path} does not exist.", str(path))
    if path.stat().st_size == 0:
        raise DatabaseEmpty(empty_file_message(path), str(path))
    choose_access(backend)
    from cryolog.db.examine import examine_access

    state = inspect_file(path, verify=False, access=examine_access(path))
    if state.revision is None:
        raise DatabaseProblem(f"{path} is not a cryolog database.", str(path))
    if state.revision not in KNOWN_REVISIONS:
        raise DatabaseTooNew(
            f"{path} was written by a newer version of cryolog (schema {state.revision}).",
            str(path),
        )


def run_backup(args: argparse.Namespace) -> int:
    from cryolog.db.backup import make_backup
    from cryolog.services.backups import BackupService

    try:
        backend = _file_backend(args.db)
        _readable(backend)
        if args.output is not None:
            if args.output.exists() and not args.output.is_dir():
                return fail(f"{args.output} is not a folder.")
            backup = make_backup(backend, args.output, "manual")
            warnings: tuple[str, ...] = ()
        else:
            outcome = BackupService(backend).back_up("manual", force=True)
            assert outcome.backup is not None  # forced: always made
            backup, warnings = outcome.backup, outcome.warnings
    except DatabaseProblem as exc:
        return fail(str(exc))
    for warning in warnings:
        note(warning)
    print(f"Backed up {backend.file} to {backup.path} ({describe(backup)}); checked.")
    return 0


def describe(backup: Backup, lost: LostSince | None = None) -> str:
    manifest = backup.manifest
    text = (
        f"{manifest.patients} patients, {manifest.sessions} sessions,"
        f" {manifest.size / (1024 * 1024):.1f} MB"
    )
    if lost is not None and not lost.nothing:
        text += (
            f"; since then {lost.patients} patients, {lost.sessions} sessions,"
            f" {lost.changes} changes"
        )
    return text


def when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def run_backups(args: argparse.Namespace) -> int:
    from cryolog.services.backups import BackupService
    from cryolog.services.restore import readable_facts

    try:
        backend = _file_backend(args.db)
        service = BackupService(backend)
        entries = service.entries(readable_facts(backend) if backend.file.exists() else None)
        status = service.status()
    except DatabaseProblem as exc:
        return fail(str(exc))
    print(f"Backups of {backend.file}, newest first:")
    for entry in entries:
        print(
            f"  {when(entry.backup.created_at)}  {entry.kind:<13}"
            f" {describe(entry.backup, entry.lost)}  {entry.backup.path}"
        )
    if not entries:
        print("  none")
    if status.overdue:
        note(
            "no good backup yet"
            if status.last is None
            else f"the last good backup is from {when(status.last)}; make one with cryolog backup"
        )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from cryolog.services.backups import lost_since
    from cryolog.services.restore import readable_facts, restore_backup

    try:
        with exclusive_database(args.db, missing_ok=True) as held:
            backend = held.backend
            if not isinstance(backend, SqliteFileBackend):
                return fail(f"{backend.label} is restored on the server with its own tools.")
            before = readable_facts(backend) if backend.file.exists() else None
            outcome = restore_backup(backend, args.backup.absolute(), holding=held.lock)
            held.lock = outcome.lock
    except DatabaseProblem as exc:
        return fail(str(exc))
    facts = outcome.facts
    print(
        f"Restored {backend.file} from {outcome.source}"
        f" ({facts.patients} patients, {facts.sessions} sessions)."
    )
    if outcome.kept is not None:
        what = "damaged file" if outcome.damaged else "replaced file"
        print(f"The {what} was kept as {outcome.kept}.")
    if before is not None:
        lost = lost_since(before, facts)
        if not lost.nothing:
            print(
                f"Not in the restored copy: {lost.patients} patients, {lost.sessions} sessions,"
                f" {lost.changes} changes (they are in the kept file)."
            )
    return 0
