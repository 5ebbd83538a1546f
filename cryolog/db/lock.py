"""One cryolog window per database file: an advisory lock on ``<db>.lock`` beside it.

SQLite itself allows several writers to take turns, but two windows editing the same
patient would each overwrite what the other shows. The lock is ``flock``-based, so the
operating system releases it when the process ends, even after a crash.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from cryolog.db.errors import DatabaseLocked, DatabaseReadOnly


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class InstanceLock:
    """Held while a window has the database open; ``release()`` (or ``with``) lets it go."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise DatabaseLocked(
                f"{self.db_path} is already open in another cryolog window{holder}."
                " Switch to that window, or choose another file.",
                str(self.db_path),
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise DatabaseReadOnly(
                f"Cannot use {self.db_path}: its folder is not writable ({exc.strerror})."
                " Choose another file or fix its permissions.",
                str(self.db_path),
            ) from exc

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
