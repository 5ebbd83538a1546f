"""The one-window lock: on the file's identity (links meet it), portable, crash-safe."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cryolog.db.database import Database
from cryolog.db.errors import DatabaseLocked, DatabaseMissing
from cryolog.db.lock import HeldElsewhere, InstanceLock, WindowsLocker, lock_folder

pytestmark = pytest.mark.sqlite_only  # the instance lock of a file

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_lock_on_the_same_file_is_refused_with_the_holder(db: Database) -> None:
    assert db.path is not None
    with InstanceLock(db.path) as first:
        assert first.held
        with pytest.raises(HeldElsewhere, match="already open in another cryolog window") as got:
            InstanceLock(db.path).acquire()
        assert got.value.pid == os.getpid()
    with InstanceLock(db.path) as again:  # released: free again
        assert again.held


def test_a_symbolic_link_meets_the_same_lock(db: Database, tmp_path: Path) -> None:
    assert db.path is not None
    link = tmp_path / "elsewhere" / "link-to.db"
    link.parent.mkdir()
    link.symlink_to(db.path)
    with InstanceLock(db.path), pytest.raises(DatabaseLocked):
        InstanceLock(link).acquire()
    with InstanceLock(link), pytest.raises(DatabaseLocked):
        InstanceLock(db.path).acquire()


def test_a_hard_link_meets_the_same_lock(db: Database, tmp_path: Path) -> None:
    assert db.path is not None
    hard = tmp_path / "hard.db"
    os.link(db.path, hard)
    with InstanceLock(hard), pytest.raises(DatabaseLocked):
        InstanceLock(db.path).acquire()


def test_the_lock_file_is_private_and_gone_after_release(db: Database) -> None:
    assert db.path is not None
    lock = InstanceLock(db.path).acquire()
    assert lock.path is not None and lock.path.parent == lock_folder()
    assert (lock.path.parent.stat().st_mode & 0o777) == 0o700
    assert (lock.path.stat().st_mode & 0o777) == 0o600
    assert not db.path.with_name(db.path.name + ".lock").exists()
    lock.release()
    assert not lock.path.exists()


def test_a_missing_file_cannot_be_locked(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing):
        InstanceLock(tmp_path / "nothing.db").acquire()


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from cryolog.db.lock import InstanceLock
    InstanceLock(Path(sys.argv[1])).acquire()
    print("held", flush=True)
    time.sleep(60)
    """
)


def test_the_lock_of_a_killed_process_is_free_again(db: Database) -> None:
    assert db.path is not None
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db.path)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(HeldElsewhere) as got:
            InstanceLock(db.path).acquire()
        assert got.value.pid == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        if holder.stdout is not None:
            holder.stdout.close()
    with InstanceLock(db.path) as lock:
        assert lock.held


STARTUP_WITHOUT_FCNTL = textwrap.dedent(
    """
    import sys
    sys.modules["fcntl"] = None  # importing it now raises ImportError
    import cryolog.cli, cryolog.cli.gui, cryolog.ui.app, cryolog.ui.main_window
    import cryolog.db.lock, cryolog.db.database, cryolog.db.backup, cryolog.services.backups
    import cryolog.services.restore, cryolog.ui.recovery_open
    from cryolog.cli import build_parser
    build_parser()
    print("imported")
    """
)


def test_the_start_up_path_imports_without_fcntl() -> None:
    done = subprocess.run(
        [sys.executable, "-c", STARTUP_WITHOUT_FCNTL],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imported"


class FakeMsvcrt:
    """msvcrt's ``locking`` as Windows behaves: a byte range locked by one descriptor is
    refused to every other descriptor, until unlocked."""

    LK_NBLCK, LK_UNLCK = 2, 0

    def __init__(self) -> None:
        self.locked: dict[tuple[int, int, int], int] = {}  # (dev, ino, offset) -> fd

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        info = os.fstat(fd)
        key = (info.st_dev, info.st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        assert nbytes == 1
        if mode == self.LK_NBLCK:
            if key in self.locked and self.locked[key] != fd:
                raise OSError(36, "Resource deadlock avoided")
            self.locked[key] = fd
        else:
            assert self.locked.pop(key) == fd


def test_the_windows_lock_refuses_a_second_holder_and_keeps_the_pid_readable(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    assert db.path is not None
    first = InstanceLock(db.path, locker=WindowsLocker()).acquire()
    with pytest.raises(HeldElsewhere) as got:
        InstanceLock(db.path, locker=WindowsLocker()).acquire()
    assert got.value.pid == os.getpid()  # read from the bytes before the locked one
    assert len(fake.locked) == 1 and next(iter(fake.locked))[2] == 1 << 20
    first.release()
    assert fake.locked == {}
    InstanceLock(db.path, locker=WindowsLocker()).acquire().release()


def test_a_lock_folder_owned_by_someone_else_is_refused(db: Database, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to give the folder to another user")
    folder = tmp_path / "locks"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    assert db.path is not None
    with pytest.raises(Exception, match="belongs to someone else"):
        InstanceLock(db.path, folder=folder).acquire()


def test_a_temporary_whose_identity_is_still_locked_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock can still be held on a file deleted a moment ago (the database replaced by its
    encrypted copy) whose inode a new temporary gets: the claim then takes a new temporary
    instead of failing the whole conversion as "open in another window"."""
    from cryolog.db import files

    target = tmp_path / "practice.db"
    refused: list[Path] = []
    real_acquire = InstanceLock.acquire

    def acquire(lock: InstanceLock) -> InstanceLock:
        if not refused:  # the first temporary's identity is "held" by a deleted file's lock
            refused.append(lock.db_path)
            raise files.HeldElsewhere("held", str(lock.db_path), os.getpid())
        return real_acquire(lock)

    monkeypatch.setattr(InstanceLock, "acquire", acquire)
    with files.claimed_temporary(target, "copying") as held:
        assert held.path != refused[0] and held.path.exists()
        assert not refused[0].exists()  # the refused one is gone
        assert held.claim.held
    assert not held.path.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_temporary_held_every_time_still_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryolog.db import files

    def acquire(lock: InstanceLock) -> InstanceLock:
        raise files.HeldElsewhere("held", str(lock.db_path), 4242)

    monkeypatch.setattr(InstanceLock, "acquire", acquire)
    with (
        pytest.raises(files.HeldElsewhere),
        files.claimed_temporary(tmp_path / "practice.db", "copying"),
    ):
        pass
    assert list(tmp_path.iterdir()) == []
