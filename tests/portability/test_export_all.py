"""``export all``: every table as CSV in a new private folder, counts equal to the file's."""

from __future__ import annotations

import csv
import json
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from cryolog.domain.errors import InvalidInput
from cryolog.services import Services
from cryolog.services.export.all_tables import export_all
from tests.portability.seed import FullPatient


def test_every_table_is_written_with_all_its_rows(
    services: Services, full: FullPatient, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "tables"
    done = export_all(services, folder)
    with closing(sqlite3.connect(db_path)) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'"
                " AND name NOT LIKE 'sqlite_%' AND name <> 'alembic_version'"
            )
        ]
        counts = {n: conn.execute(f"SELECT count(*) FROM '{n}'").fetchone()[0] for n in names}
    # the audit entry of this export (and its content record) is written after the tables
    # were read
    counts["audit_log"] -= 1
    counts["audit_content"] -= 1
    assert done.tables == counts
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "cryolog-database-tables"
    for name, count in counts.items():
        with (folder / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            assert len(list(csv.DictReader(handle))) == count, name
        assert manifest["tables"][name]["rows"] == count
    pdfs = sorted((folder / "documents").iterdir())
    assert len(pdfs) == done.files == 2 and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)


def test_the_folder_and_files_are_private(
    services: Services, full: FullPatient, tmp_path: Path
) -> None:
    folder = tmp_path / "new" / "tables"
    export_all(services, folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    for path in folder.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    assert [p.name for p in folder.parent.iterdir()] == ["tables"]


def test_text_is_guarded_and_numbers_stay_numbers(
    services: Services, full: FullPatient, tmp_path: Path
) -> None:
    folder = tmp_path / "tables"
    export_all(services, folder)
    with (folder / "patient.csv").open(encoding="utf-8-sig", newline="") as handle:
        patients = list(csv.DictReader(handle))
    assert patients[0]["notes"].startswith("'=HYPERLINK")
    with (folder / "treatment_session.csv").open(encoding="utf-8-sig", newline="") as handle:
        temps = {r["set_temp_c"] for r in csv.DictReader(handle)}
    assert "-110.5" in temps


def test_a_folder_with_files_is_refused(services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    with pytest.raises(InvalidInput, match="not empty"):
        export_all(services, folder)
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "mine"]
