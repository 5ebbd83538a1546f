"""A database the user may not write opens read-only, says why, and is left alone."""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import date
from pathlib import Path

import pytest

from cryolog.db.database import open_database
from cryolog.db.errors import DatabaseProblem, DatabaseReadOnly
from cryolog.services import Services

pytestmark = pytest.mark.sqlite_only  # read-only files

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
            db = open_database(target, create=False)
            rows = db.rows("SELECT count(*) FROM practice", {})
            try:
                Services.open(db).patients.register(
                    {"family_name": "New", "birth_date": date(1980, 1, 1)}
                )
                outcome = "wrote"
            except DatabaseReadOnly as exc:
                outcome = f"readonly {db.read_only} {rows[0][0]}: {db.read_only_reason} | {exc}"
            db.dispose()
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
def test_read_only_file_opens_read_only_with_the_reason() -> None:
    folder = _shared_dir()
    target = folder / "practice.db"
    open_database(target).dispose()
    target.chmod(0o644)  # others may read, not write; the folder is not theirs either
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    outcome = _open_as(NOBODY, target)
    assert outcome.startswith("readonly True 1: "), outcome
    assert "cannot be written" in outcome and "nothing can be saved" in outcome
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_file_opens_read_only_for_a_normal_user(tmp_path: Path) -> None:
    target = tmp_path / "practice.db"
    open_database(target).dispose()
    target.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        db = open_database(target, create=False)
        assert db.read_only and "cannot be written" in db.read_only_reason
        db.dispose()
    finally:
        tmp_path.chmod(0o755)
