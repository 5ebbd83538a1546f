"""Restoring a backup, and recovering from a damaged file at start.

The database must be closed by everyone but the caller (who holds its instance lock):
the window closes its own connections first, the command line takes the lock through the
shared helper. The backup is checked before anything is touched; a note of the restore is
written beside the file (``db.restore_intent``), the current file is kept (a verified
pre-restore copy, or renamed aside when damaged), the copy is swapped in, the audit trail's
anchor is rewritten from the backup, and the note is removed. A restore cut off on the way
is completed or undone from its note when the file is next opened, so the file and its
anchor always agree. A backup whose head is an entry of the current file (an older copy of
its chain) is anchored before the swap too: then no moment shows them disagreeing, even to
a ``verify`` run before the next open.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from cryolog.db.anchor_lane import settle as settle_anchor
from cryolog.db.backends.base import Progress
from cryolog.db.backends.sqlite_file import SqliteFileBackend
from cryolog.db.backup import Backup, BackupFailed, check_backup, verify_copy
from cryolog.db.errors import (
    DatabaseCorrupt,
    DatabaseEmpty,
    DatabaseMissing,
    DatabaseProblem,
    DatabaseTooNew,
    db_said,
)
from cryolog.db.files import os_problem
from cryolog.db.lock import InstanceLock
from cryolog.db.manifest import read_manifest
from cryolog.db.restore import Reached, rewrite_anchor_after_restore, swap_in
from cryolog.db.restore_intent import (
    RestoreIntent,
    anchor_bytes,
    clear_intent,
    finish_interrupted_restore,
    holds_entry,
    intent_path,
    write_intent,
)
from cryolog.db.revisions import KNOWN_REVISIONS
from cryolog.db.snapshot import Facts
from cryolog.services.backups import BackupService, BackupSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreOutcome:
    source: Path
    facts: Facts
    kept: Path | None
    """Where the replaced file is: its pre-restore backup, or its damaged copy set aside."""
    damaged: bool
    lock: InstanceLock | None
    warnings: tuple[str, ...] = ()


def checked_source(backend: SqliteFileBackend, source: Path) -> Facts:
    """Check a backup (or any cryolog database file) before it is restored: its manifest
    when it has one (size, SHA-256, facts), else its integrity and schema alone."""
    if not source.is_file():
        raise BackupFailed(db_said("not_a_backup", path=str(source)), str(source))
    if source.resolve() == backend.file.resolve():
        raise BackupFailed(db_said("backup_is_database", path=str(source)), str(source))
    manifest = read_manifest(source)
    if manifest is not None:
        facts = check_backup(backend, Backup(source, manifest))
    else:
        facts = verify_copy(backend, source, None)
    if facts.revision is None:
        raise BackupFailed(db_said("not_cryolog_file", path=str(source)), str(source))
    if facts.revision not in KNOWN_REVISIONS:
        raise DatabaseTooNew(
            db_said("backup_too_new", path=str(source), revision=facts.revision),
            str(source),
        )
    return facts


def current_is_damaged(backend: SqliteFileBackend) -> bool:
    """Does the file fail SQLite's check (or is it not a database at all)?"""
    if not backend.file.exists() or backend.file.stat().st_size == 0:
        return False
    try:
        backend.check_integrity()
    except DatabaseCorrupt:
        return True
    return False


def restore_backup(
    backend: SqliteFileBackend,
    source: Path,
    *,
    holding: InstanceLock | None,
    progress: Progress | None = None,
    reached: Reached | None = None,
) -> RestoreOutcome:
    """Put the backup ``source`` in place of ``backend``'s file (see the module's notes).
    ``reached`` is told each step done (``db.restore.RESTORE_STEPS``)."""
    done: list[str] = []

    def step(name: str) -> None:
        done.append(name)
        if reached is not None:
            reached(name)

    settle_anchor(backend.file)  # no anchor of the current file is written after this one
    finish_interrupted_restore(backend)  # an earlier restore cut off: its anchor settled first
    facts = checked_source(backend, source)
    damaged = current_is_damaged(backend)
    step("source checked")
    note_restore(backend, source, facts)
    if holds_entry(backend, facts.head):  # an older copy of this chain: its anchor agrees
        anchor_early(backend, facts)  # with both files, so no moment shows them disagreeing
    step("note written")
    try:
        swapped = swap_in(
            backend,
            source,
            facts,
            damaged=damaged,
            holding=holding,
            progress=progress,
            reached=step,
        )
    except BaseException:
        if "swapped" in done:  # the copy is in place: its anchor, as the next open would
            finish_interrupted_restore(backend)
        else:  # nothing was replaced and the anchor was not touched
            clear_intent(backend.file)
        raise
    warnings: tuple[str, ...] = ()
    try:
        rewrite_anchor_after_restore(backend.file, facts.head)
        step("anchor written")
        clear_intent(backend.file)
        step("note removed")
    except DatabaseProblem as exc:  # restored; the next open writes the anchor from the note
        warnings = (str(exc),)
    except OSError as exc:
        warnings = (str(os_problem(exc, "Removing the note of the restore", backend.file)),)
    log.info(
        "restored %s from %s (chain head %s); the replaced file is kept as %s",
        backend.file,
        source,
        None if facts.head is None else facts.head.id,
        swapped.kept,
    )
    return RestoreOutcome(source, facts, swapped.kept, damaged, swapped.lock, warnings)


def anchor_early(backend: SqliteFileBackend, facts: Facts) -> None:
    """The backup's head anchored before the swap (it is an entry of the current file);
    a failure is left to the write after the swap, which says so."""
    try:
        rewrite_anchor_after_restore(backend.file, facts.head)
    except DatabaseProblem as exc:
        log.warning("%s", exc)


def note_restore(backend: SqliteFileBackend, source: Path, facts: Facts) -> None:
    """Write the note of this restore (``db.restore_intent``) before the file is touched;
    DatabaseProblem when it cannot be written (then nothing is changed)."""
    database = backend.file
    try:
        write_intent(database, RestoreIntent(str(source), facts.head, anchor_bytes(database)))
    except OSError as exc:
        raise os_problem(exc, "Writing the note of the restore", intent_path(database)) from exc


def newest_good_backup(
    backend: SqliteFileBackend, settings: BackupSettings | None = None
) -> tuple[Backup, Facts] | None:
    """The newest backup (beside the database or in the second folder) that still checks."""
    service = BackupService(backend, settings)
    for entry in service.entries():
        try:
            return entry.backup, check_backup(backend, entry.backup)
        except DatabaseProblem:
            continue
    return None


def readable_facts(backend: SqliteFileBackend) -> Facts | None:
    """The current file's facts, or None when it cannot be read (damaged, missing, empty)."""
    try:
        return BackupService(backend).facts()
    except (DatabaseProblem, DatabaseMissing, DatabaseEmpty):
        return None
    except Exception:  # a damaged file can fail in the driver in many ways
        return None
