"""Bring a database file to the schema this version of cryolog expects, safely.

Opening a file: a quick integrity check; a new file is created through the migrations;
an older schema is first copied with the SQLite backup API, then migrated on a separate
connection with foreign keys off (batch migrations recreate tables, which with foreign
keys on would cascade-delete child rows), then checked (``foreign_key_check`` empty,
``integrity_check`` ok). On any failure the copy is written back and the user is told.
A file written by a newer cryolog is refused and left untouched.

SQLAlchemy and Alembic are imported only when a file is created or migrated: an
up-to-date file is checked with the standard library alone (``sqlite_file``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryolog.db.backup import backup_file, pre_migration_backup_path, restore_file
from cryolog.db.errors import (
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseTooNew,
    MigrationFailed,
    NotACryologDatabase,
)
from cryolog.db.location import create_private_file, ensure_private_dir, sqlite_url
from cryolog.db.revisions import HEAD_REVISION, KNOWN_REVISIONS
from cryolog.db.sqlite_file import check_integrity, inspect_file

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MigrationReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def prepare_sqlite_file(path: Path, *, create: bool = True, verify: bool = True) -> MigrationReport:
    """Make ``path`` a cryolog database at the head revision, or raise a DatabaseProblem.

    ``verify=False`` skips the integrity scan of a file already at the head revision (it
    reads the whole file: seconds on a large practice database); the caller then runs
    ``check_integrity`` itself, e.g. in the background once its window is up. A file that
    needs migrating is always scanned first.
    """
    if not path.exists():
        if not create:
            raise DatabaseMissing(f"The database file {path} does not exist.", str(path))
        return _create_new(path)
    state = inspect_file(path, verify=verify)
    head = HEAD_REVISION
    if state.revision is None and state.has_tables:
        raise NotACryologDatabase(
            f"{path} is an SQLite database, but not one made by cryolog.", str(path)
        )
    if state.revision is not None and state.revision not in KNOWN_REVISIONS:
        raise DatabaseTooNew(
            f"{path} was written by a newer version of cryolog (schema {state.revision});"
            " install that version to open it. The file was not changed.",
            str(path),
        )
    if state.revision == head:
        return MigrationReport(head, head, None)
    if not verify:
        check_integrity(path)
    if state.revision is None:  # an empty file: create the schema in it
        _upgrade(path)
        return MigrationReport(None, head, None)
    return _migrate_with_backup(path, state.revision, head)


def _create_new(path: Path) -> MigrationReport:
    ensure_private_dir(path.parent)
    try:
        create_private_file(path)
    except OSError as exc:
        raise DatabaseReadOnly(
            f"Cannot create {path}: {exc.strerror}. Choose another location.", str(path)
        ) from exc
    try:
        _upgrade(path)
    except Exception:
        for leftover in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)
        raise
    return MigrationReport(None, HEAD_REVISION, None)


def _migrate_with_backup(path: Path, from_rev: str, head: str) -> MigrationReport:
    backup = backup_file(path, pre_migration_backup_path(path, from_rev, head))
    log.info("backed up %s to %s before migrating %s -> %s", path, backup, from_rev, head)
    try:
        _upgrade(path)
    except Exception as exc:
        restore_file(backup, path)
        raise MigrationFailed(
            f"Updating {path} to this version of cryolog failed ({exc}). The database was"
            f" restored unchanged; a copy is in {backup}.",
            str(path),
        ) from exc
    return MigrationReport(from_rev, head, backup)


def _upgrade(path: Path) -> None:
    """Run the migrations on their own connection with foreign keys off, then verify."""
    from cryolog.db.engine import make_engine

    engine = make_engine(sqlite_url(str(path)), foreign_keys=False)
    try:
        with engine.begin() as conn:
            _alembic_upgrade(conn)
            verify_connection(conn)
    finally:
        engine.dispose()


def _alembic_upgrade(conn: Connection) -> None:
    from alembic import command  # imported only when a file is created or migrated

    from cryolog.db.alembic_config import alembic_config

    command.upgrade(alembic_config(conn), "head")


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
