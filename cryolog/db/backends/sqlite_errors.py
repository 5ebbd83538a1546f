"""Driver errors of an SQLite file, turned into messages a practitioner can act on."""

from __future__ import annotations

import shutil
from pathlib import Path

from cryolog.db.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseProblem,
    DatabaseReadOnly,
    DiskFull,
    db_said,
)

LOW_SPACE_BYTES = 2 * 1024 * 1024
"""Below this much free space a database is opened read-only: SQLite needs room for its
journal and shared-memory files even to start a transaction."""


def disk_full_message(where: str) -> str:
    return db_said("disk_full", where=where).render()


def free_bytes(folder: Path) -> int | None:
    """Free space for unprivileged writes in ``folder``, or None when it cannot be told."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def disk_is_full(folder: Path, needed: int = LOW_SPACE_BYTES) -> bool:
    free = free_bytes(folder)
    return free is not None and free < needed


def translate_sqlite_error(exc: BaseException, path: Path | str) -> DatabaseProblem:
    """Turn a driver error into a message the practitioner can act on."""
    text_ = str(exc).lower()
    where = str(path)
    if "locked" in text_ or "busy" in text_:
        return DatabaseLocked(db_said("in_use", where=where), where)
    if "disk is full" in text_ or "database or disk is full" in text_:
        return DiskFull(db_said("disk_full", where=where), where)
    if ("disk i/o error" in text_ or "unable to open" in text_) and disk_is_full(
        Path(where).parent
    ):
        return DiskFull(db_said("disk_full", where=where), where)
    if "readonly" in text_ or "read-only" in text_ or "unable to open" in text_:
        return DatabaseReadOnly(db_said("cannot_write", where=where), where)
    if "not a database" in text_ or "malformed" in text_ or "encrypted" in text_:
        return DatabaseCorrupt(db_said("unreadable", where=where), where)
    if "too large" in text_ and isinstance(exc, OverflowError):
        return DatabaseProblem(db_said("number_too_large", where=where), where)
    return DatabaseProblem(db_said("unusable", where=where, error=str(exc)), where)
