"""PDFs written outside the database are private files (0600), written atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cryolog.cli import main
from cryolog.db.files import private_output, write_private_bytes
from tests.portability.seed import FullPatient


def test_report_pdf_is_private(
    full: FullPatient, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "summary.pdf"
    argv = ["report", "course", str(full.course_id), "-o", str(target), "--db", str(db_path)]
    assert main(argv) == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_private_files_ignore_a_loose_umask_and_replace_atomically(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        target = tmp_path / "a.pdf"
        target.write_bytes(b"old")
        target.chmod(0o644)
        write_private_bytes(target, b"new")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(RuntimeError), private_output(target) as handle:
        handle.write(b"half")
        raise RuntimeError("power cut")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
