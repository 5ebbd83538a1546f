"""Private files and folders, durable writes, and temporaries that only their maker removes.

Every file cryolog writes (the database itself, its ``-wal``/``-shm``, backups, manifests,
anchors, exports, saved PDFs, calendars, the typing kept aside) is readable by the user
only, and the folders it creates are 0700. A file with content is written through
``PrivateFile`` (``private_output``, ``write_private_bytes``): under a temporary name in its
folder, flushed to the disk, then renamed over the target, so a full disk or a crash
leaves either the old file or the whole new one, never a torn one. This is the one writer
of such files in the app. A database temporary is claimed with an instance lock on its
identity while it is being written, so a later clean-up removes only temporaries whose
maker has gone.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryolog.db.errors import DatabaseProblem, DiskFull, db_said
from cryolog.db.location import PRIVATE_FILE_MODE, ensure_private_dir
from cryolog.db.lock import HeldElsewhere, InstanceLock

SIDE_FILES = ("-wal", "-shm", "-journal")


def side_files(path: Path) -> list[Path]:
    """SQLite's own files beside database ``path``."""
    return [path.with_name(path.name + suffix) for suffix in SIDE_FILES]


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private(path: Path) -> None:
    if sys.platform != "win32":
        path.chmod(PRIVATE_FILE_MODE)


class PrivateFile:
    """``target`` written privately: ``write`` (or ``writing``) fills a 0600 temporary
    beside it and flushes it to the disk, ``publish`` renames it over ``target`` (durably),
    ``discard`` removes it. A caller that must record something between the two (a
    document in the database) publishes only once that succeeded."""

    def __init__(
        self, target: Path, *, make_folders: bool = True, temporary: Path | None = None
    ) -> None:
        self.target = target
        self.temp = temporary or target.with_name(f".{target.name}.{os.getpid()}.part")
        self.make_folders = make_folders
        self.written = False

    @contextlib.contextmanager
    def writing(self) -> Iterator[BinaryIO]:
        """The temporary, open for writing (a missing folder is FileNotFoundError unless
        ``make_folders``); on an error inside the block it is removed."""
        if self.make_folders:
            ensure_private_dir(self.target.parent)
        fd = os.open(self.temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
        self.written = True
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            make_private(self.temp)  # whatever the umask was
        except BaseException:
            self.discard()
            raise

    def write(self, data: bytes) -> None:
        with self.writing() as handle:
            handle.write(data)

    def publish(self) -> None:
        self.temp.replace(self.target)
        self.written = False
        with contextlib.suppress(OSError):  # some systems cannot open a folder
            fsync_dir(self.target.parent)

    def discard(self) -> None:
        if self.written:
            with contextlib.suppress(OSError):
                self.temp.unlink(missing_ok=True)
            self.written = False


@contextlib.contextmanager
def private_output(
    target: Path, *, make_folders: bool = True, temporary: Path | None = None
) -> Iterator[BinaryIO]:
    """A binary file to write ``target`` through; renamed into place when the block ends
    without an error, else removed (``target`` untouched)."""
    staged = PrivateFile(target, make_folders=make_folders, temporary=temporary)
    try:
        with staged.writing() as handle:
            yield handle
        staged.publish()
    finally:
        staged.discard()


def read_small_file(path: Path, limit: int) -> bytes | None:
    """The bytes of a small file kept beside a database (at most ``limit`` + 1 are read,
    so a caller can refuse one that is too large); None when there is none. Other
    ``OSError``s are the caller's to put in its own words."""
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        return None


def write_private_bytes(
    target: Path, data: bytes, *, make_folders: bool = True, temporary: Path | None = None
) -> None:
    """Write ``data`` to ``target`` as a private file, atomically."""
    with private_output(target, make_folders=make_folders, temporary=temporary) as handle:
        handle.write(data)


def tighten(path: Path) -> str | None:
    """Take group and other permissions off ``path`` (never adding any); a note when done."""
    if sys.platform == "win32":
        return None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if not mode & 0o077:
            return None
        path.chmod(mode & 0o700)
    except OSError:
        return None  # not ours, or on a read-only disk: nothing to be done here
    return (
        f"{path} was readable by other users of this computer (mode {mode:04o});"
        f" it is now private to you (mode {mode & 0o700:04o})."
    )


def tighten_database(path: Path) -> tuple[str, ...]:
    notes = [tighten(path)]
    notes += [tighten(side) for side in side_files(path) if side.exists()]
    return tuple(note for note in notes if note)


def os_problem(exc: OSError, what: str, path: Path) -> DatabaseProblem:
    import errno

    if exc.errno == errno.ENOSPC:
        return DiskFull(db_said("disk_full_during", what=what), str(path))
    return DatabaseProblem(f"{what} failed: {exc.strerror or exc} ({path}).", str(path))


def temporary_name(target: Path, purpose: str) -> Path:
    """A hidden name beside ``target`` that says what it is and which process made it."""
    return target.with_name(f".{target.name}.{purpose}-{os.getpid()}-{secrets.token_hex(4)}")


class Temporary:
    """A temporary file and the claim (an instance lock on its identity) held on it."""

    def __init__(self, path: Path, claim: InstanceLock) -> None:
        self.path, self.claim = path, claim
        self.kept = False

    def keep_claim(self, database: Path) -> InstanceLock:
        """After the temporary was renamed to ``database``, its claim is the instance lock
        of that file (the identity moved with it): hand it over instead of releasing it."""
        self.kept = True
        self.claim.db_path = database
        return self.claim


@contextlib.contextmanager
def claimed_temporary(target: Path, purpose: str) -> Iterator[Temporary]:
    """An empty private temporary beside ``target``, held (locked) while the block runs and
    removed afterwards unless the block renamed it away."""
    ensure_private_dir(target.parent)
    temp, claim = _claimed_new(target, purpose)
    held = Temporary(temp, claim)
    try:
        yield held
    finally:
        remove_quietly(temp)
        if not held.kept:
            claim.release()


def _new_temporary(target: Path, purpose: str) -> Path:
    temp = temporary_name(target, purpose)
    try:
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    except OSError as exc:
        raise os_problem(exc, f"Creating a file in {target.parent}", temp) from exc
    os.close(fd)
    make_private(temp)
    return temp


def _claimed_new(target: Path, purpose: str, attempts: int = 3) -> tuple[Path, InstanceLock]:
    """A new temporary and the claim on it. Claims are keyed on the file's identity, and a
    lock may still be held on a file deleted a moment ago (a database just replaced by its
    encrypted copy) whose inode the new temporary got: then the next temporary is made while
    this one still exists, so it cannot get the same inode, and this one is removed."""
    temp = _new_temporary(target, purpose)
    for attempt in range(attempts):
        claim = InstanceLock(temp)
        try:
            claim.acquire()
            return temp, claim
        except HeldElsewhere:
            if attempt == attempts - 1:
                temp.unlink(missing_ok=True)
                raise
            try:
                fresh = _new_temporary(target, purpose)
            finally:
                temp.unlink(missing_ok=True)
            temp = fresh
        except DatabaseProblem:
            temp.unlink(missing_ok=True)
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def remove_quietly(path: Path) -> None:
    """``path``, SQLite's files beside it, and a manifest being written for it."""
    for leftover in (path, *side_files(path), path.with_name(path.name + ".json")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path, target_name: str | None = None) -> list[Path]:
    """Remove temporaries in ``folder`` whose maker has gone (their claim is free);
    returns what was removed. A temporary still being written is left alone."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    prefix = f".{target_name}." if target_name else "."
    for candidate in folder.iterdir():
        name = candidate.name
        if not name.startswith(prefix) or not _is_temporary(name) or not candidate.is_file():
            continue
        claim = InstanceLock(candidate)
        try:
            claim.acquire()
        except DatabaseProblem:
            continue  # its maker is still at work
        try:
            remove_quietly(candidate)
            removed.append(candidate)
        finally:
            claim.release()
    return removed


TEMPORARY_PURPOSES = ("partial", "new", "restoring", "copying")


def _is_temporary(name: str) -> bool:
    return any(f".{purpose}-" in name for purpose in TEMPORARY_PURPOSES) and not name.endswith(
        (*SIDE_FILES, ".json")
    )
