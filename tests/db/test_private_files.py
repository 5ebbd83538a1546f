"""One writer of private files for the whole app (db/files.py): every file with content is
written 0600 under a temporary name and renamed into place, whatever the umask."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

import cryolog
from cryolog.db.files import PrivateFile, write_private_bytes

pytestmark = pytest.mark.sqlite_only  # file modes

PACKAGE = Path(cryolog.__file__).parent
CREATES = re.compile(r"os\.open\([^)]*O_CREAT", re.S)
OTHER_KINDS = {
    "db/files.py": "the writer itself, and the claimed database temporaries",
    "db/location.py": "an empty database file",
    "db/create.py": "claiming a database's name",
    "db/lock.py": "lock files",
    "log_writer.py": "the log, appended to",
}


def test_no_module_but_the_writer_creates_files_by_hand() -> None:
    found = sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if CREATES.search(path.read_text(encoding="utf-8"))
    )
    assert set(found) <= set(OTHER_KINDS), found


def test_a_staged_file_appears_only_when_published(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        target = tmp_path / "summary.pdf"
        staged = PrivateFile(target, make_folders=False)
        staged.write(b"%PDF-")
        assert not target.exists() and staged.temp.exists()
        assert stat.S_IMODE(staged.temp.stat().st_mode) == 0o600
        staged.publish()
        assert target.read_bytes() == b"%PDF-" and stat.S_IMODE(target.stat().st_mode) == 0o600
        again = PrivateFile(target)
        again.write(b"other")
        again.discard()
        assert target.read_bytes() == b"%PDF-" and [p.name for p in tmp_path.iterdir()] == [
            "summary.pdf"
        ]
    finally:
        os.umask(old)


def test_missing_folders_are_made_private_or_refused(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "file.bin"
    with pytest.raises(FileNotFoundError):
        write_private_bytes(deep, b"x", make_folders=False)
    write_private_bytes(deep, b"x")
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
