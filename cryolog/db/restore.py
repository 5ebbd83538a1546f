"""Putting a copy in the database's place: checked first, swapped atomically, nothing lost.

The copy is written (through SQLite) into a temporary beside the database and checked
there; the current file is kept — as a verified pre-restore backup when it is sound, or
renamed aside with its ``-wal``/``-shm`` when it is damaged — and then the temporary is
renamed over the database in one step. No ``-wal`` of the old file is left to be replayed
into the new one. The instance lock moves with the file.

``RESTORE_STEPS`` names the moments a restore passes, in order; a caller's ``reached`` is
told each one (the crash tests kill a restore at each of them).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryolog.db.backends.base import Progress
from cryolog.db.backends.sqlite_connect import connect_file
from cryolog.db.backends.sqlite_errors import translate_sqlite_error
from cryolog.db.backends.sqlite_file import BACKUP_STEP_PAGES, SqliteFileBackend
from cryolog.db.backup import backup_folder, make_backup, verify_copy
from cryolog.db.chain_head import ChainHead
from cryolog.db.errors import DatabaseLocked, DatabaseProblem
from cryolog.db.files import (
    claimed_temporary,
    fsync_dir,
    fsync_file,
    make_private,
    side_files,
)
from cryolog.db.lock import InstanceLock
from cryolog.db.snapshot import Facts

Reached = Callable[[str], None]
"""Told the name of each step of a restore once it is done (``RESTORE_STEPS``)."""

RESTORE_STEPS = (
    "source checked",
    "note written",
    "copy written",
    "old file kept",
    "old journal removed",
    "swapped",
    "anchor written",
    "note removed",
)


@dataclass(frozen=True)
class Swapped:
    kept: Path | None
    """The pre-restore backup, or the damaged file renamed aside (None: there was none)."""
    damaged: bool
    lock: InstanceLock | None
    """The instance lock on the restored file (when a lock was held on the old one)."""


def damaged_aside_name(database: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return database.with_name(f"{database.name}.damaged-{stamp}")


def set_aside(database: Path, now: datetime | None = None) -> Path:
    """Keep a damaged database under a new name (its ``-wal``/``-shm`` beside it, renamed
    the same way, so SQLite opens them together); the name stays for the swap."""
    aside = damaged_aside_name(database, now)
    try:
        os.link(database, aside)
    except FileExistsError:
        raise DatabaseProblem(
            f"{aside} exists already; try again in a second.", str(aside)
        ) from None
    except OSError:
        shutil.copy2(database, aside)
    make_private(aside)
    for side, suffix in zip(side_files(database), ("-wal", "-shm", "-journal"), strict=True):
        if side.exists():
            side.replace(aside.with_name(aside.name + suffix))
    return aside


def ensure_alone(database: Path) -> None:
    """Check that no other connection has the file open and leave it with no ``-wal``:
    leaving WAL mode needs the only connection, and checkpoints and removes the journal."""
    import sqlite3

    try:
        with closing(connect_file(database, timeout_s=1)) as conn:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, database) from exc
    if str(mode).lower() != "delete":
        raise DatabaseLocked(
            f"{database} is in use by another program; close it and try again.", str(database)
        )


def write_replacement(
    backend: SqliteFileBackend, source: Path, target: Path, progress: Progress | None
) -> Facts:
    """Copy database ``source`` into the empty file ``target`` through SQLite, in WAL mode,
    flushed and checked; returns the copy's facts."""
    import sqlite3

    try:
        with (
            closing(backend.connect_copy(source)) as src,
            closing(backend.connect_copy(target, write=True)) as dst,
        ):
            src.backup(dst, pages=BACKUP_STEP_PAGES, progress=_pages(progress), sleep=0)
            dst.execute("PRAGMA journal_mode = WAL").fetchall()
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, target) from exc
    fsync_file(target)
    return verify_copy(backend, target, None)


def _pages(progress: Progress | None) -> Callable[[int, int, int], object] | None:
    if progress is None:
        return None
    return lambda _status, remaining, total: progress(total - remaining, total)


def swap_in(
    backend: SqliteFileBackend,
    source: Path,
    expected: Facts,
    *,
    damaged: bool,
    holding: InstanceLock | None,
    progress: Progress | None = None,
    now: datetime | None = None,
    reached: Reached | None = None,
) -> Swapped:
    """Replace ``backend``'s file with a copy of ``source`` (whose facts are ``expected``).

    A sound current file is first kept as a verified backup in ``backups/pre-restore/``;
    a ``damaged`` one is renamed aside. ``holding`` is the caller's instance lock on the
    current file: it is released once the lock on the restored file is held instead."""
    database = backend.file
    step = reached or (lambda _name: None)
    with claimed_temporary(database, "restoring") as claimed:
        facts = write_replacement(backend, source, claimed.path, progress)
        if facts != expected:
            raise DatabaseProblem(
                f"The copy of {source.name} did not come out as it was; nothing was changed.",
                str(source),
            )
        step("copy written")
        kept: Path | None = None
        if database.exists():
            if damaged:
                kept = set_aside(database, now)
            else:
                ensure_alone(database)
                kept = make_backup(
                    backend, backup_folder(database, "pre-restore"), "pre-restore", now=now
                ).path
        step("old file kept")
        for side in side_files(database):
            side.unlink(missing_ok=True)  # a journal of the old file must never meet the new one
        step("old journal removed")
        claimed.path.replace(database)
        fsync_dir(database.parent)
        step("swapped")
        lock = claimed.keep_claim(database) if holding is not None else None
    if holding is not None:
        holding.release()
    return Swapped(kept, damaged, lock)


def rewrite_anchor_after_restore(database: Path, head: ChainHead | None) -> None:
    """After a restore, the anchor beside the database (``<db>.anchor``) names the restored
    copy's chain head (from its manifest's facts), or the next check would report the newer
    entries of the replaced file as cut off. Written atomically and privately
    (``db.audit_anchor``); a backup without a chain head leaves no anchor behind."""
    from cryolog.db.audit_anchor import anchor_path, write_anchor

    anchor = anchor_path(database)
    try:
        if head is None:
            anchor.unlink(missing_ok=True)
        else:
            write_anchor(database, head.as_chain())
    except OSError as exc:
        raise DatabaseProblem(
            f"The anchor {anchor} could not be rewritten after the restore: {exc.strerror}.",
            str(anchor),
        ) from exc
