"""A new database file, made race-free: built under a temporary name, then linked into place.

Two processes asked to create the same new file each build their own temporary; the first
to link it into place wins, the other removes only its own temporary and opens the winner's
file. Nothing ever removes a file it did not create.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

from cryolog.db.backends.sqlite_errors import disk_is_full
from cryolog.db.errors import DatabaseReadOnly, DiskFull, db_said
from cryolog.db.files import claimed_temporary, fsync_dir, fsync_file
from cryolog.db.location import ensure_private_dir

NEW_FILE_SPACE = 4 * 1024 * 1024
_NO_HARD_LINKS = {
    errno.EPERM,
    errno.ENOTSUP,
    errno.EOPNOTSUPP,
    errno.EXDEV,
    errno.EMLINK,
    errno.ENOSYS,
}


def build_new_file(path: Path, build: Callable[[Path], None]) -> bool:
    """Make database ``path`` with ``build(temporary_path)``; False when another process
    created ``path`` first (then it is theirs, and untouched)."""
    try:
        ensure_private_dir(path.parent)
    except OSError as exc:
        raise DatabaseReadOnly(
            f"Cannot create the folder {path.parent}: {exc.strerror}. Choose another location.",
            str(path),
        ) from exc
    if disk_is_full(path.parent, NEW_FILE_SPACE):
        raise DiskFull(db_said("disk_full_create", folder=str(path.parent)), str(path))
    with claimed_temporary(path, "new") as claimed:
        build(claimed.path)
        fsync_file(claimed.path)
        published = publish_new(claimed.path, path)
    if published:
        fsync_dir(path.parent)
    return published


def publish_new(temp: Path, path: Path) -> bool:
    """Give ``temp`` the name ``path`` unless that name exists; True when it did."""
    try:
        os.link(temp, path)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
    if sys.platform == "win32":  # pragma: no cover - rename there never replaces
        try:
            temp.rename(path)
        except FileExistsError:
            return False
        return True
    try:  # no hard links here (e.g. FAT): claim the name, then put the file on it
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    temp.replace(path)
    return True
