"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from cryolog.db.backends import StorageBackend, backend_for
from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseEmpty, DatabaseProblem
from cryolog.db.location import resolve_target
from cryolog.db.lock import HeldElsewhere, InstanceLock

MAX_RECORD_ID = 2**63 - 1  # the largest id a database row can have


def fail(message: str) -> int:
    """Print a one-line error and return the exit status for a failed command."""
    print(f"cryolog: {' '.join(message.split())}", file=sys.stderr)
    return 1


def note(message: str) -> None:
    print(f"cryolog: note: {' '.join(message.split())}", file=sys.stderr)


def open_for_cli(
    db_arg: str | None, *, create: bool, allow_empty: bool = False, verify: bool = False
) -> Database | None:
    """Open the chosen database, or print why not and return None. No whole-file scan
    unless ``verify``: a damaged page a command meets is reported then, and the full scan
    is ``cryolog check``'s job."""
    try:
        db = open_database(
            resolve_target(db_arg), create=create, allow_empty=allow_empty, verify=verify
        )
    except DatabaseEmpty as exc:
        fail(
            f"{exc} Open it in the cryolog window to set it up, or fill it with demo data"
            " (cryolog demo --init-empty)."
        )
        return None
    except DatabaseProblem as exc:
        fail(str(exc))
        return None
    for text in db.migration.notes if db.migration else ():
        note(text)
    return db


@dataclass
class Held:
    """A database held exclusively by a command: ``lock`` may be replaced (a restore moves
    the lock to the restored file); whatever lock is here at the end is released."""

    backend: StorageBackend
    lock: InstanceLock | None


class Refused(DatabaseProblem):
    """The command may not run now (a window has the database); the message says why."""


@contextmanager
def exclusive_database(
    db_arg: str | None, *, create: bool = False, missing_ok: bool = False
) -> Iterator[Held]:
    """For commands that replace or rewrite the database file (restore, import, erase,
    encrypt, decrypt, demo): hold the same lock a window holds, so the command refuses
    while a window has the file, and no window opens it while the command runs. A new
    file is created first when ``create`` (the lock follows the file's identity); with
    ``missing_ok`` a missing file is no error (there is nothing to lock yet)."""
    backend = backend_for(resolve_target(db_arg))
    path = backend.path
    if path is None:
        yield Held(backend, None)
        return
    if create and not path.exists() and not path.is_symlink():
        from cryolog.db.migrate import create_new

        create_new(path)
    if missing_ok and not path.exists():
        yield Held(backend, None)
        return
    try:
        lock = InstanceLock(path).acquire()
    except HeldElsewhere as exc:
        raise Refused(
            f"{path} is open in a cryolog window{exc.holder}; close it there first,"
            " then run this command again. Nothing was changed.",
            str(path),
        ) from exc
    held = Held(backend, lock)
    try:
        yield held
    finally:
        if held.lock is not None:
            held.lock.release()


def positive_int(text: str, what: str = "a whole number", maximum: int | None = None) -> int:
    """An argument that must be a whole number from 1 (``what`` names it in messages)."""
    if len(text) > 40:
        raise argparse.ArgumentTypeError(f"{text[:20]}… is not {what}")
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not {what} of at least 1")
    if maximum is not None and value > maximum:
        raise argparse.ArgumentTypeError(f"{value} is not {what} of at most {maximum}")
    return value


def record_id(text: str) -> int:
    return positive_int(text, "a record id (a whole number)", MAX_RECORD_ID)


def command_group(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help_text: str,
    metavar: str,
) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """``cryolog NAME ACTION ...``: a command whose actions are sub-commands of their own."""
    group: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
    return group.add_subparsers(
        dest=f"{name}_command",
        metavar=metavar,
        required=True,
        parser_class=commands._parser_class,
    )
