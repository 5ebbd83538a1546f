"""``cryolog erase patient ID``: asks (or --yes), exports first, verify passes after."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from cryolog.cli import main
from cryolog.db.backends import SqlcipherFileBackend
from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.database import open_database
from cryolog.services.kept_typing import KeptTyping, kept_for


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "practice.db"
    assert main(["demo", "--patients", "4", "--db", str(path)]) == 0
    return path


def _name(path: Path, patient_id: int) -> str | None:
    with closing(sqlite3.connect(path)) as conn:
        row = conn.execute("SELECT family_name FROM patient WHERE id = ?", (patient_id,)).fetchone()
    return None if row is None else str(row[0])


def test_erase_needs_confirmation_then_erases_and_verifies(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = _name(demo_db, 1)
    assert name
    export = tmp_path / "patient-1.zip"
    assert main(["erase", "patient", "1", "--export", str(export), "--db", str(demo_db)]) == 1
    assert "Not confirmed" in capsys.readouterr().err
    assert _name(demo_db, 1) == name and not export.exists()  # nothing erased
    argv = ["erase", "patient", "1", "--export", str(export), "--yes", "--db", str(demo_db)]
    assert main(argv) == 0
    out = capsys.readouterr()
    assert "was erased" in out.out and "younger than the retention" in out.err
    assert export.is_file()
    assert _name(demo_db, 1) is None
    assert name.encode() not in demo_db.read_bytes() or _name_elsewhere(demo_db, name)
    assert main(["verify", "--db", str(demo_db)]) == 0


def _name_elsewhere(path: Path, name: str) -> bool:
    """Another demo patient may share the family name."""
    with closing(sqlite3.connect(path)) as conn:
        return (
            conn.execute("SELECT 1 FROM patient WHERE family_name = ?", (name,)).fetchone()
            is not None
        )


def test_erase_an_unknown_patient_or_without_export_choice_fails(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["erase", "patient", "99", "--no-export", "--yes", "--db", str(demo_db)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["erase", "patient", "1", "--yes", "--db", str(demo_db)]) == 2


def test_erase_anonymise_keeps_the_sessions(demo_db: Path) -> None:
    with closing(sqlite3.connect(demo_db)) as conn:
        pid, sessions = conn.execute(
            "SELECT patient_id, count(*) FROM treatment_session GROUP BY patient_id"
            " ORDER BY 2 DESC LIMIT 1"
        ).fetchone()
        total = conn.execute("SELECT count(*) FROM treatment_session").fetchone()[0]
    argv = ["erase", "patient", str(pid), "--no-export", "--anonymise", "--yes"]
    assert main([*argv, "--db", str(demo_db)]) == 0
    with closing(sqlite3.connect(demo_db)) as conn:
        assert conn.execute("SELECT count(*) FROM treatment_session").fetchone()[0] == total
        assert conn.execute("SELECT count(*) FROM patient WHERE id = ?", (pid,)).fetchone()[0] == 0
    assert sessions > 0
    assert main(["verify", "--db", str(demo_db)]) == 0


def _keep_typing_for(db_path: Path, *patient_ids: int) -> KeptTyping:
    db = open_database(db_path, create=False)
    try:
        kept = kept_for(db)
    finally:
        db.dispose()
    kept.write({pid: {"patient": {"notes": f"Kept Secret {pid}"}} for pid in patient_ids})
    return kept


@pytest.mark.parametrize("encrypted", [False, True])
def test_erase_drops_the_patients_kept_aside_typing(
    demo_db: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    encrypted: bool,
) -> None:
    if encrypted:
        monkeypatch.setattr(keys, "ITERATIONS", 1000)
        monkeypatch.setenv("CRYOLOG_PASSPHRASE", "a long practice passphrase")
        assert main(["encrypt", "--db", str(demo_db)]) == 0
    kept = _keep_typing_for(demo_db, 1, 2)
    if encrypted:
        assert b"Kept Secret" not in kept.path.read_bytes()  # keyed with the database key
        keys._ring.clear()  # the command is a new process
    capsys.readouterr()
    assert main(["erase", "patient", "1", "--no-export", "--yes", "--db", str(demo_db)]) == 0
    assert "kept aside" in capsys.readouterr().err
    if encrypted:
        SqlcipherFileBackend(demo_db).unlock("a long practice passphrase")
    left = kept.read()
    assert 1 not in left and left[2]["patient"]["notes"] == "Kept Secret 2"
    assert b"Kept Secret 1" not in kept.path.read_bytes()
    assert main(["erase", "patient", "2", "--no-export", "--yes", "--db", str(demo_db)]) == 0
    assert not kept.path.exists()  # nothing kept any more
    keys._ring.clear()
