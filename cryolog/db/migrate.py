"""Bring a database file to the schema this version of cryolog expects, safely.

Opening a file: a new file is built through the migrations under a temporary name and
linked into place; an empty existing file is set up only when the practitioner agrees (it
may be a damaged copy); a file that cannot be written (read-only, or on a full disk) opens
read-only; an older schema is first backed up (a verified copy in
``backups/pre-migration/``), then migrated on a separate connection with foreign keys off
(batch migrations recreate tables, which with foreign keys on would cascade-delete child
rows), then checked (``foreign_key_check`` empty, ``integrity_check`` ok). On any failure
the copy is written back and the user is told. A file written by a newer cryolog is
refused and left untouched.

SQLAlchemy and Alembic are imported only when a file is created or migrated: an
up-to-date file is checked with the standard library alone (``sqlite_file``).
"""

from __future__ import annotations

import logging
import os
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryolog.db.backends.sqlite_connect import Access, connect_file
from cryolog.db.backends.sqlite_errors import disk_full_message, disk_is_full, free_bytes
from cryolog.db.errors import (
    DatabaseEmpty,
    DatabaseMissing,
    DatabaseProblem,
    DatabaseReadOnly,
    DatabaseTooNew,
    DiskFull,
    MigrationFailed,
    NotACryologDatabase,
    db_said,
)
from cryolog.db.files import tighten_database
from cryolog.db.revisions import HEAD_REVISION, KNOWN_REVISIONS
from cryolog.db.sqlite_file import FileState, check_integrity, inspect_file
from cryolog.domain.messages import Message

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from cryolog.db.backends.sqlite_file import SqliteFileBackend

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MigrationReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None
    notes: tuple[str, ...] = ()
    """Things the practitioner should be told (e.g. permissions that were tightened)."""


def read_only_reason(path: Path) -> str:
    return db_said("read_only_reason", path=str(path)).render()


def full_disk_reason(path: Path) -> str:
    return db_said("full_disk_reason", path=str(path)).render()


def empty_file_message(path: Path) -> Message:
    return db_said("empty_file", path=str(path))


def prepare_sqlite_file(
    backend: SqliteFileBackend,
    *,
    create: bool = True,
    verify: bool = True,
    allow_empty: bool = False,
) -> MigrationReport:
    """Make ``backend``'s file a cryolog database at the head revision (or open it
    read-only), or raise a DatabaseProblem.

    ``verify=False`` skips the integrity scan of a file already at the head revision (it
    reads the whole file: seconds on a large practice database); the caller then runs
    ``check_integrity`` itself, e.g. in the background once its window is up. A file that
    needs migrating is always scanned first. A restore cut off before it finished is first
    completed or undone (``db.restore_intent``).
    """
    from cryolog.db.restore_intent import finish_interrupted_restore

    path = backend.file
    finish_interrupted_restore(backend)
    if not path.exists():
        if path.is_symlink():
            raise DatabaseMissing(db_said("dangling_link", path=str(path)), str(path))
        if not create:
            raise DatabaseMissing(db_said("missing", path=str(path)), str(path))
        if create_new(path):
            return MigrationReport(None, HEAD_REVISION, None)
        # another process created it meanwhile: open theirs like any existing file
    if path.is_dir():
        raise DatabaseProblem(db_said("folder", path=str(path)), str(path))
    notes = tighten_database(path)
    empty = path.stat().st_size == 0
    if empty and not allow_empty:
        raise DatabaseEmpty(empty_file_message(path), str(path))
    state = _inspect(backend, verify)
    if state.revision is None and state.has_tables:
        raise NotACryologDatabase(db_said("not_cryolog", path=str(path)), str(path))
    if state.revision is not None and state.revision not in KNOWN_REVISIONS:
        raise DatabaseTooNew(db_said("too_new", path=str(path), revision=state.revision), str(path))
    head = HEAD_REVISION
    if state.revision == head:
        return MigrationReport(head, head, None, notes)
    if state.revision is None and not allow_empty:
        raise DatabaseEmpty(db_said("empty_sqlite", path=str(path)), str(path))
    if backend.read_only:
        what = "set up" if state.revision is None else "updated to this version of cryolog"
        raise DatabaseReadOnly(
            f"{path} needs to be {what}, but it cannot be written now. {backend.read_only_reason}",
            str(path),
        )
    if not verify:
        check_integrity(path)
    if state.revision is None:  # an empty file the practitioner asked to set up
        _upgrade(path)
        return MigrationReport(None, head, None, notes)
    return _migrate_with_backup(backend, state.revision, head, notes)


def choose_access(backend: SqliteFileBackend) -> None:
    """Open ``backend`` read-only when its file cannot be written (full disk, read-only)."""
    path = backend.file
    if disk_is_full(path.parent):
        backend.open_read_only(read_only_access(path, full=True), full_disk_reason(path))
    elif not _writable(path):
        backend.open_read_only(read_only_access(path), read_only_reason(path))


def _inspect(backend: SqliteFileBackend, verify: bool) -> FileState:
    """Inspect for writing; where the file cannot be written, open it read-only instead."""
    path = backend.file
    choose_access(backend)
    if not backend.read_only:
        try:
            return inspect_file(path, verify=verify)
        except (DatabaseReadOnly, DiskFull) as problem:
            full = isinstance(problem, DiskFull)
            reason = full_disk_reason(path) if full else read_only_reason(path)
            backend.open_read_only(read_only_access(path, full=full), reason)
    return inspect_file(path, verify=verify, access=backend.access)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def read_only_access(path: Path, *, full: bool | None = None) -> Access:
    """How to read a file that cannot be written. SQLite needs its ``-shm`` file to read a
    WAL database; where that cannot be made (a read-only folder, a full disk) and no
    journal is waiting, the file is read as immutable."""
    wal = path.with_name(path.name + "-wal")
    no_journal = not wal.exists() or wal.stat().st_size == 0
    cannot_make_shm = not os.access(path.parent, os.W_OK) or (
        disk_is_full(path.parent) if full is None else full
    )
    return Access.IMMUTABLE if no_journal and cannot_make_shm else Access.READ_ONLY


def create_new(path: Path) -> bool:
    """Build a new database at ``path``; False when another process made it first."""
    from cryolog.db.create import build_new_file

    return build_new_file(path, _upgrade)


def migration_space(path: Path) -> int:
    """Room an update needs: a backup copy, and the rewritten tables beside the old ones."""
    from cryolog.db.backup import SPACE_MARGIN, file_size

    return 3 * file_size(path) + 2 * SPACE_MARGIN


def _migrate_with_backup(
    backend: SqliteFileBackend, from_rev: str, head: str, notes: tuple[str, ...]
) -> MigrationReport:
    from cryolog.db.backup import backup_folder, make_backup

    path = backend.file
    needed, free = migration_space(path), free_bytes(path.parent)
    if free is not None and free < needed:
        raise DiskFull(
            f"Not enough free space to update {path} to this version of cryolog: about"
            f" {needed // (1024 * 1024) + 1} MB needed, {free // (1024 * 1024)} MB free."
            " Nothing was changed; free some space and open it again.",
            str(path),
        )
    try:
        backup = make_backup(backend, backup_folder(path, "pre-migration"), "pre-migration").path
    except DatabaseProblem as exc:
        raise MigrationFailed(
            f"{path} was not updated to this version of cryolog: the backup before the update"
            f" could not be made ({exc}). Nothing was changed.",
            str(path),
        ) from exc
    log.info("backed up %s to %s before migrating %s -> %s", path, backup, from_rev, head)
    try:
        _upgrade(path)
    except Exception as exc:
        try:
            restore_pages(backup, path)
        except Exception as restore_exc:
            raise MigrationFailed(
                f"Updating {path} failed ({_short(exc)}), and putting it back failed too"
                f" ({_short(restore_exc)}). The copy made before the update is {backup}.",
                str(path),
            ) from exc
        if isinstance(exc, DiskFull) or "full" in str(exc).lower():
            reason = disk_full_message(str(path))
        else:
            reason = _short(exc)
        raise MigrationFailed(
            f"Updating {path} to this version of cryolog failed ({reason}). The database was"
            f" restored unchanged; a copy is in {backup}.",
            str(path),
        ) from exc
    return MigrationReport(from_rev, head, backup, notes)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def restore_pages(backup: Path, target: Path) -> None:
    """Write the pages of ``backup`` over database ``target`` through SQLite itself."""
    with (
        closing(connect_file(backup, access=Access.READ_ONLY)) as src,
        closing(connect_file(target)) as dst,
    ):
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = WAL").fetchall()
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _upgrade(path: Path) -> None:
    """Run the migrations on their own connection with foreign keys off, then verify."""
    from cryolog.db.backends.sqlite_file import SqliteFileBackend
    from cryolog.db.engine import make_engine

    backend = SqliteFileBackend(path)
    engine = make_engine(backend, foreign_keys=False)
    try:
        with engine.begin() as conn:
            _alembic_upgrade(conn)
            verify_connection(conn)
    except Exception as exc:
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            raise backend.translate(exc.orig or exc) from exc
        raise
    finally:
        engine.dispose()


def _alembic_upgrade(conn: Connection) -> None:
    from alembic import command  # imported only when a file is created or migrated

    from cryolog.db.alembic_config import alembic_config
    from cryolog.db.audit_checkpoint import GENESIS_REASON, append_checkpoint
    from cryolog.db.revisions import current_revision

    new_file = current_revision(conn) is None
    wanted: list[str] = []
    command.upgrade(alembic_config(conn, checkpoints=wanted), "head")
    if new_file or wanted:  # one checkpoint at the head for all the steps (a new file: genesis)
        reason = GENESIS_REASON if new_file else "; ".join(dict.fromkeys(wanted))
        append_checkpoint(conn, reason=reason, at=datetime.now(UTC))


def verify_connection(conn: Connection) -> None:
    """Raise unless foreign keys hold and the file passes SQLite's integrity check."""
    from sqlalchemy import text

    violations = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    if violations:
        first = violations[0]
        raise RuntimeError(
            f"{len(violations)} foreign key violation(s), first in table {first[0]} row {first[1]}"
        )
    integrity = conn.execute(text("PRAGMA integrity_check")).scalar()
    if integrity != "ok":
        raise RuntimeError(f"integrity check: {integrity}")


def upgrade_url(url: str) -> None:
    """Migrate a server database (PostgreSQL) in one transaction; DDL there is transactional."""
    from cryolog.db.engine import make_engine
    from cryolog.db.revisions import current_revision

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            revision = current_revision(conn)
            if revision is not None and revision not in KNOWN_REVISIONS:
                raise DatabaseTooNew(
                    f"The database was written by a newer version of cryolog ({revision}).", url
                )
            _alembic_upgrade(conn)
    finally:
        engine.dispose()
