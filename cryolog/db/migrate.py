"""Bring a database file to the schema this version of cryolog expects, safely.

Opening a file: a quick integrity check; a new file is created through the migrations;
an older schema is first copied with the SQLite backup API, then migrated on a separate
connection with foreign keys off (batch migrations recreate tables, which with foreign
keys on would cascade-delete child rows), then checked (``foreign_key_check`` empty,
``integrity_check`` ok). On any failure the copy is written back and the user is told.
A file written by a newer cryolog is refused and left untouched.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from cryolog.db.backup import backup_file, pre_migration_backup_path, restore_file
from cryolog.db.engine import make_engine, sqlite_url
from cryolog.db.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseProblem,
    DatabaseReadOnly,
    DatabaseTooNew,
    DiskFull,
    MigrationFailed,
    NotACryologDatabase,
)
from cryolog.db.location import create_private_file, ensure_private_dir
from cryolog.db.revisions import HEAD_REVISION, KNOWN_REVISIONS, current_revision

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileState:
    revision: str | None
    has_tables: bool


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


def inspect_file(path: Path, *, verify: bool = True) -> FileState:
    """Integrity, writability and schema revision of an existing file (read-only checks)."""
    _check_sqlite(path, scan=verify)
    engine = make_engine(sqlite_url(str(path)))
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
            has_tables = bool(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    return FileState(revision, has_tables)


def _check_sqlite(path: Path, *, scan: bool) -> None:
    """Is it SQLite, can we take the write lock, and (``scan``) does it pass quick_check?"""
    try:
        with closing(sqlite3.connect(path, timeout=2)) as conn:
            conn.isolation_level = None
            conn.execute("PRAGMA schema_version").fetchone()  # reads the header and schema
            if scan:
                _quick_check(conn, path)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) from exc


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()
    if result is None or result[0] != "ok":
        raise DatabaseCorrupt(
            f"{path} failed the integrity check ({result[0] if result else 'no answer'})."
            " Restore it from a backup.",
            str(path),
        )


def check_integrity(path: Path) -> None:
    """SQLite's quick_check over the whole file; DatabaseCorrupt when it fails."""
    try:
        with closing(sqlite3.connect(path, timeout=5)) as conn:
            _quick_check(conn, path)
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) from exc


def translate_sqlite_error(exc: BaseException, path: Path | str) -> DatabaseProblem:
    """Turn a driver error into a message the practitioner can act on."""
    text_ = str(exc).lower()
    where = str(path)
    if "locked" in text_ or "busy" in text_:
        return DatabaseLocked(
            f"{where} is in use by another program (another cryolog window?). Close it and"
            " try again, or choose another file.",
            where,
        )
    if "readonly" in text_ or "read-only" in text_ or "unable to open" in text_:
        return DatabaseReadOnly(
            f"{where} cannot be written (the file or its folder is read-only)."
            " Choose another file or fix its permissions.",
            where,
        )
    if "disk is full" in text_ or "database or disk is full" in text_:
        return DiskFull(
            f"The disk holding {where} is full; nothing was saved. Free some space and try again.",
            where,
        )
    if "not a database" in text_ or "malformed" in text_ or "encrypted" in text_:
        return DatabaseCorrupt(f"{where} is not a readable cryolog database.", where)
    return DatabaseProblem(f"{where} could not be used: {exc}", where)


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
