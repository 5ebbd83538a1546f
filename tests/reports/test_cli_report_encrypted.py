"""``cryolog report course`` on an encrypted file: the plain-SQL path reads and records
through the keyed connection, the PDF is written and kept, and the trail still verifies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from cryolog.cli import main
from cryolog.db.backends import sqlcipher_keys as keys
from tests.reports.pdftools import text

PASSPHRASE = "a long practice passphrase"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keys, "ITERATIONS", 1000)
    monkeypatch.delenv("CRYOLOG_PASSPHRASE", raising=False)
    yield
    keys._ring.clear()


def test_a_course_summary_from_an_encrypted_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "practice.db"
    assert main(["demo", "--patients", "4", "--db", str(path)]) == 0
    with closing(sqlite3.connect(path)) as conn:
        course, patient, family = conn.execute(
            "SELECT c.id, p.id, p.family_name FROM course c JOIN patient p ON p.id = c.patient_id"
            " WHERE EXISTS (SELECT 1 FROM treatment_session s WHERE s.course_id = c.id)"
            " ORDER BY c.id LIMIT 1"
        ).fetchone()
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", PASSPHRASE)
    assert main(["encrypt", "--db", str(path)]) == 0
    keys._ring.clear()  # a new process: nothing opened yet
    capsys.readouterr()
    out = tmp_path / "summary.pdf"
    assert main(["report", "course", str(course), "-o", str(out), "--db", str(path)]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert family in text(out.read_bytes())
    keys._ring.clear()
    assert main(["report", "list", str(patient), "--db", str(path)]) == 0
    kept = capsys.readouterr().out.split("Documents generated:")[1]
    assert "course summary" in kept and f"course {course}" in kept
    keys._ring.clear()
    assert main(["verify", "--db", str(path)]) == 0, capsys.readouterr()
