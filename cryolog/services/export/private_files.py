"""Files that hold health data: readable by their owner only, never left half-written.

Every export, and every PDF saved outside the database, goes through here: folders are
made 0700, files 0600, and a file is written under a temporary name in its folder, flushed
to the disk and only then renamed over the target, so a full disk or a crash leaves either
the old file or the whole new one, never a torn one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from cryolog.db.location import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE

_TEMP_SUFFIX = ".part"


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents with mode 0700 (existing ones are kept)."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        path.mkdir(mode=PRIVATE_DIR_MODE)
        path.chmod(PRIVATE_DIR_MODE)


def temp_path_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}{_TEMP_SUFFIX}")


@contextmanager
def private_output(target: Path, *, make_folders: bool = True) -> Iterator[BinaryIO]:
    """A binary file to write ``target`` through: 0600, renamed into place on success.

    Missing folders are made (0700) unless ``make_folders`` is False (then a missing folder
    is an error, FileNotFoundError). On any error inside the block the temporary file is
    removed and ``target`` is untouched.
    """
    if make_folders:
        make_private_dir(target.parent)
    temp = temp_path_for(target)
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(PRIVATE_FILE_MODE)
        temp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(target.parent)


def write_private_bytes(target: Path, data: bytes, *, make_folders: bool = True) -> None:
    """Write ``data`` to ``target`` as a private file, atomically."""
    with private_output(target, make_folders=make_folders) as handle:
        handle.write(data)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
