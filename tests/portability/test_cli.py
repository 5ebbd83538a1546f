"""``cryolog export`` and ``cryolog import``: exit codes, one-line errors, files written."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest
import pyzipper
from sqlalchemy import func, select

from cryolog.cli import main
from cryolog.db.database import Database
from cryolog.db.lock import InstanceLock
from cryolog.db.models import Patient
from cryolog.services import Services
from tests.portability.seed import FullPatient

LIST = (
    "Фамилия;Имя;Дата рождения;Телефон\r\n"
    "Иванова;Анна;02.05.1980;+7 912 000-00-01\r\n"
    "Петров;Пётр;13.11.1975;\r\n"
)


def _one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    return err


def _patients(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Patient)) or 0)


def test_export_patient_writes_a_private_zip(
    full: FullPatient, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "record.zip"
    code = main(
        ["export", "patient", str(full.patient_id), "-o", str(target), "--db", str(db_path)]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert f"Wrote {target}" in out and "health data" in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pyzipper.AESZipFile(target) as zf:
        assert json.loads(zf.read("record.json"))["patient_id"] == full.patient_id


def test_export_patient_with_a_password_from_the_environment(
    full: FullPatient,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("EXPORT_SECRET", "a long enough secret")
    target = tmp_path / "record.zip"
    argv = ["export", "patient", str(full.patient_id), "-o", str(target), "--db", str(db_path)]
    assert main([*argv, "--password-env", "EXPORT_SECRET"]) == 0
    assert "AES-256" in capsys.readouterr().out
    with pyzipper.AESZipFile(target) as zf:
        zf.setpassword(b"a long enough secret")
        assert zf.read("README.txt").startswith(b"Patient record")
    monkeypatch.setenv("EXPORT_SECRET", "short")
    assert main([*argv, "--password-env", "EXPORT_SECRET", "--overwrite"]) == 1
    assert "at least 8 characters" in _one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--password-env", "NOT_SET_ANYWHERE"], 2, "is not set"),
        (["--password"], 2, "needs a terminal"),
        (["--password", "--password-env", "X"], 2, "not allowed with"),
    ],
)
def test_export_password_problems_are_one_line(
    full: FullPatient,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    code: int,
    message: str,
) -> None:
    target = tmp_path / "record.zip"
    argv = ["export", "patient", str(full.patient_id), "-o", str(target), "--db", str(db_path)]
    assert main([*argv, *extra]) == code
    assert message in _one_line(capsys.readouterr().err)
    assert not target.exists()


def test_export_refuses_unknown_patients_existing_files_and_folders(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Services.open(db, "t").patients.register({"family_name": "Doe", "birth_date": date(1980, 1, 1)})
    target = tmp_path / "record.zip"
    assert main(["export", "patient", "99", "-o", str(target), "--db", str(db_path)]) == 1
    assert "No patient with id 99" in _one_line(capsys.readouterr().err)
    target.write_bytes(b"keep")
    assert main(["export", "patient", "1", "-o", str(target), "--db", str(db_path)]) == 2
    assert "--overwrite" in _one_line(capsys.readouterr().err)
    assert target.read_bytes() == b"keep"
    assert main(["export", "patient", "1", "-o", str(tmp_path), "--db", str(db_path)]) == 2
    assert "is a folder" in _one_line(capsys.readouterr().err)
    assert main(["export", "patient", "x", "-o", str(target)]) == 2
    _one_line(capsys.readouterr().err)
    missing = tmp_path / "missing.db"
    other = tmp_path / "other.zip"
    assert main(["export", "patient", "1", "-o", str(other), "--db", str(missing)]) == 1
    assert "does not exist" in _one_line(capsys.readouterr().err)


def test_export_all(
    full: FullPatient, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tables"
    assert main(["export", "all", "-o", str(folder), "--db", str(db_path)]) == 0
    assert "tables" in capsys.readouterr().out
    assert (folder / "patient.csv").exists() and (folder / "manifest.json").exists()
    assert main(["export", "all", "-o", str(folder), "--db", str(db_path)]) == 2
    assert "not empty" in _one_line(capsys.readouterr().err)


def _list(tmp_path: Path, text: str = LIST) -> Path:
    path = tmp_path / "list.csv"
    path.write_bytes(text.encode("cp1251"))
    return path


def test_import_patients(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "patients", str(_list(tmp_path)), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "encoding cp1251, delimiter ';'" in out and "Imported 2 new patients" in out
    assert _patients(db) == 2
    assert main(["import", "patients", str(_list(tmp_path)), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "row 2: duplicate: Иванова Анна: already on file as patient 1" in out
    assert _patients(db) == 2


def test_import_with_a_rejected_row_imports_nothing_unless_skipped(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _list(tmp_path, LIST + "Сидоров;Иван;;\r\n")
    assert main(["import", "patients", str(path), "--db", str(db_path)]) == 1
    captured = capsys.readouterr()
    assert "row 4: rejected: Сидоров Иван: no birth date" in captured.out
    assert "nothing was imported" in _one_line(captured.err)
    assert _patients(db) == 0
    assert main(["import", "patients", str(path), "--db", str(db_path), "--skip-bad"]) == 0
    assert _patients(db) == 2


def test_import_map_and_date_format_options(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Who,When\nJohn Smith,03/04/1990\n", encoding="utf-8")
    argv = ["import", "patients", str(path), "--db", str(db_path)]
    assert main(argv) == 1
    assert "--map" in _one_line(capsys.readouterr().err)
    mapped = [*argv, "--map", "name=Who,birth=When", "--name-order", "given-first"]
    assert main(mapped) == 2
    assert "--date-format" in _one_line(capsys.readouterr().err)
    assert main([*mapped, "--date-format", "mm/dd/yyyy"]) == 0
    with db.read() as session:
        patient = session.scalars(select(Patient)).one()
    assert (patient.family_name, patient.given_name) == ("Smith", "John")
    assert patient.birth_date.isoformat() == "1990-03-04"
    assert main([*argv, "--map", "weight=When"]) == 2
    _one_line(capsys.readouterr().err)


def test_import_is_refused_while_a_window_holds_the_database(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with InstanceLock(db_path):
        code = main(["import", "patients", str(_list(tmp_path)), "--db", str(db_path)])
    assert code == 1
    message = _one_line(capsys.readouterr().err)
    assert "open in a cryolog window" in message and "Nothing was changed" in message
    assert _patients(db) == 0


def test_import_of_an_unreadable_file_is_one_line(
    db_path: Path, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert main(["import", "patients", str(path), "--db", str(db_path)]) == 1
    assert "not a readable Excel workbook" in _one_line(capsys.readouterr().err)
    assert main(["import", "patients", str(tmp_path / "none.csv"), "--db", str(db_path)]) == 1
    assert "does not exist" in _one_line(capsys.readouterr().err)
