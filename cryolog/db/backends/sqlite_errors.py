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
)

LOW_SPACE_BYTES = 2 * 1024 * 1024
"""Below this much free space a database is opened read-only: SQLite needs room for its
journal and shared-memory files even to start a transaction."""


def disk_full_message(where: str) -> str:
    return f"The disk holding {where} is full; nothing was saved. Free some space and try again."


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
        return DatabaseLocked(
            f"{where} is in use by another program (another cryolog window?). Close it and"
            " try again, or choose another file.",
            where,
        )
    if "disk is full" in text_ or "database or disk is full" in text_:
        return DiskFull(disk_full_message(where), where)
    if ("disk i/o error" in text_ or "unable to open" in text_) and disk_is_full(
        Path(where).parent
    ):
        return DiskFull(disk_full_message(where), where)
    if "readonly" in text_ or "read-only" in text_ or "unable to open" in text_:
        return DatabaseReadOnly(
            f"{where} cannot be written (the file or its folder is read-only)."
            " Choose another file or fix its permissions.",
            where,
        )
    if "not a database" in text_ or "malformed" in text_ or "encrypted" in text_:
        return DatabaseCorrupt(f"{where} is not a readable cryolog database.", where)
    if "too large" in text_ and isinstance(exc, OverflowError):
        return DatabaseProblem(f"A number is too large for {where}.", where)
    return DatabaseProblem(f"{where} could not be used: {exc}", where)
