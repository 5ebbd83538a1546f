"""Size-limited and read-only mounts for storage tests (CI runs as root, so permissions
alone cannot make a file unwritable). A test that cannot mount is skipped, cleanly."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*args: str) -> bool:
    done = subprocess.run(list(args), capture_output=True, text=True, check=False)
    return done.returncode == 0


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A fresh tmpfs of ``size`` (e.g. "2m") mounted on ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _run(
        "mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)
    ):
        pytest.skip("mounting a small tmpfs is not allowed here")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


@contextmanager
def read_only_view(source: Path, folder: Path) -> Iterator[Path]:
    """``source`` (a folder) seen read-only at ``folder`` through a bind mount."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _run("mount", "--bind", str(source), str(folder)):
        pytest.skip("bind mounts are not allowed here")
    if not _run("mount", "-o", "remount,bind,ro", str(folder)):
        _run("umount", "-l", str(folder))
        pytest.skip("read-only remounts are not allowed here")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def free_bytes(folder: Path) -> int:
    info = os.statvfs(folder)
    return info.f_bavail * info.f_frsize


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the file system holding ``folder`` until about ``leave`` bytes are free."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
    try:
        while (room := free_bytes(folder) - leave) > 0:
            os.write(fd, b"\0" * min(room, 1 << 20))
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler
