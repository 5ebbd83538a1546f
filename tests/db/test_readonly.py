"""A database the user may not write is refused with a clear message, and left alone."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest

from cryolog.db.database import open_database
from cryolog.db.errors import DatabaseProblem, DatabaseReadOnly

NOBODY = 65534


def _open_as(uid: int, target: Path) -> str:
    """Open ``target`` in a forked child running as ``uid``; return what happened."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        try:
            os.setgid(uid)
            os.setuid(uid)
            open_database(target, create=False).dispose()
            outcome = "opened"
        except DatabaseReadOnly as exc:
            outcome = f"readonly: {exc}"
        except DatabaseProblem as exc:
            outcome = f"{type(exc).__name__}: {exc}"
        except BaseException as exc:
            outcome = f"crash: {exc!r}"
        os.write(write_end, outcome.encode())
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 4096):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()


def _shared_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="cryolog-ro-"))
    folder.chmod(0o755)
    return folder


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to open the file as another user")
def test_read_only_file_is_refused_with_a_clear_message() -> None:
    folder = _shared_dir()
    target = folder / "practice.db"
    open_database(target).dispose()
    target.chmod(0o644)  # others may read, not write; the folder is not theirs either
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    outcome = _open_as(NOBODY, target)
    assert outcome.startswith("readonly: "), outcome
    assert "cannot be written" in outcome and "Choose another file" in outcome
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_file_is_refused_for_a_normal_user(tmp_path: Path) -> None:
    target = tmp_path / "practice.db"
    open_database(target).dispose()
    target.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(DatabaseReadOnly, match="cannot be written"):
            open_database(target, create=False)
    finally:
        tmp_path.chmod(0o755)
