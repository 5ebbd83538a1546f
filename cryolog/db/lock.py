"""One cryolog window per database file, by the file's identity, on every platform.

The lock is taken on a small file in a private folder of the user's, named after the
database's device and inode (on Windows: volume serial and file index). A symbolic link or a
hard link to the same database has the same identity, so it meets the same lock; a lock file
beside the path would not. The database file itself is never opened for locking, so SQLite's
own locks are not disturbed (a POSIX process loses its record locks on a file when it closes
any descriptor of that file).

The operating system's locking is imported only when a lock is taken: ``fcntl`` on POSIX,
``msvcrt`` on Windows. Either releases the lock when the process ends, even after a crash.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from types import TracebackType
from typing import Protocol

from cryolog.db.errors import DatabaseLocked, DatabaseMissing, DatabaseProblem, DiskFull, db_said

LOCK_FOLDER_MODE = 0o700
_WINDOWS_LOCK_OFFSET = 1 << 20  # the byte locked on Windows; the holder's pid sits before it
_ATTEMPTS = 5


class HeldElsewhere(DatabaseLocked):
    """Another process (a window, or a command replacing the file) holds the lock."""

    def __init__(self, message: str, path: str, pid: int | None) -> None:
        super().__init__(message, path)
        self.pid = pid

    @property
    def holder(self) -> str:
        return f" (process {self.pid})" if self.pid else ""


class Locker(Protocol):
    """An exclusive, non-blocking lock on an open file descriptor."""

    def try_lock(self, fd: int) -> bool: ...

    def unlock(self, fd: int) -> None: ...


class PosixLocker:
    def try_lock(self, fd: int) -> bool:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(self, fd: int) -> None:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class WindowsLocker:
    """``msvcrt.locking`` on one byte past the holder's pid (locks there are mandatory:
    the pid at the start of the file stays readable for the refusal message)."""

    def try_lock(self, fd: int) -> bool:
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True

    def unlock(self, fd: int) -> None:
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


def platform_locker(platform: str = sys.platform) -> Locker:
    return WindowsLocker() if platform == "win32" else PosixLocker()


def lock_folder() -> Path:
    """The user's private folder for lock files; the same for every process of the user,
    whatever its environment (a window from the desktop, a command over ssh)."""
    if sys.platform == "win32":
        from platformdirs import user_runtime_path

        return Path(user_runtime_path("cryolog", appauthor=False)) / "locks"
    uid = os.getuid()
    run = Path(f"/run/user/{uid}")
    try:
        if run.is_dir() and run.stat().st_uid == uid and os.access(run, os.W_OK):
            return run / "cryolog-locks"
    except OSError:
        pass
    return Path("/tmp") / f"cryolog-{uid}-locks"


def _private_folder(folder: Path) -> Path:
    try:
        folder.mkdir(mode=LOCK_FOLDER_MODE, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError as exc:
        raise _os_problem(exc, folder) from exc
    if sys.platform != "win32":
        if info.st_uid != os.getuid() or not stat.S_ISDIR(info.st_mode):
            raise DatabaseProblem(
                f"The lock folder {folder} belongs to someone else; cryolog cannot tell"
                " whether another window has the database open. Remove that folder.",
                str(folder),
            )
        if stat.S_IMODE(info.st_mode) != LOCK_FOLDER_MODE:
            folder.chmod(LOCK_FOLDER_MODE)
    return folder


def _os_problem(exc: OSError, where: Path) -> DatabaseProblem:
    if exc.errno == errno.ENOSPC:
        return DiskFull(db_said("disk_full_short", where=str(where)), str(where))
    error = exc.strerror or str(exc)
    return DatabaseProblem(db_said("cannot_use", where=str(where), error=error), str(where))


def identity(path: Path) -> tuple[int, int]:
    """The file's device and inode (after following links); DatabaseMissing if absent."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DatabaseMissing(db_said("missing", path=str(path)), str(path)) from None
    except OSError as exc:
        raise _os_problem(exc, path) from exc
    return info.st_dev, info.st_ino


class InstanceLock:
    """Held while a window (or a command that replaces the file) has the database;
    ``release()`` (or ``with``) lets it go."""

    def __init__(
        self, db_path: Path, folder: Path | None = None, locker: Locker | None = None
    ) -> None:
        self.db_path = db_path
        self.folder = folder
        self.locker = locker or platform_locker()
        self.path: Path | None = None
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def lock_file(self) -> Path:
        device, inode = identity(self.db_path)
        return _private_folder(self.folder or lock_folder()) / f"{device:x}-{inode:x}.lock"

    def acquire(self) -> InstanceLock:
        for _ in range(_ATTEMPTS):
            path = self.lock_file()
            fd = self._open(path)
            if not self.locker.try_lock(fd):
                pid = _read_holder(fd)
                os.close(fd)
                holder = f" (process {pid})" if pid else ""
                raise HeldElsewhere(
                    f"{self.db_path} is already open in another cryolog window{holder}."
                    " Switch to that window, or choose another file.",
                    str(self.db_path),
                    pid,
                )
            if _still_named(fd, path):
                self.path, self._fd = path, fd
                _write_holder(fd)
                return self
            self.locker.unlock(fd)  # removed by its last holder meanwhile: take a fresh one
            os.close(fd)
        raise DatabaseLocked(db_said("busy_opening", path=str(self.db_path)), str(self.db_path))

    def release(self) -> None:
        if self._fd is None:
            return
        if sys.platform != "win32" and self.path is not None:
            self.path.unlink(missing_ok=True)  # while still held: nobody inherits a stale name
        self.locker.unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    def _open(self, path: Path) -> int:
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise _os_problem(exc, path) from exc

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _still_named(fd: int, path: Path) -> bool:
    """Is the locked file still the one under its name? (POSIX: a holder unlinks it.)"""
    if sys.platform == "win32":
        return True
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _write_holder(fd: int) -> None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid():<20}".encode())  # fixed width: no truncation needed
    except OSError:
        pass  # a full disk: the lock holds all the same, only the pid is not shown


def _read_holder(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid = os.read(fd, 32).decode().strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(pid) if pid.isdigit() and len(pid) < 12 else None
