"""``cryolog backup``, ``backups`` and ``restore`` from scripts."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from cryolog.db.database import open_database
from cryolog.services.demo import generate_demo
from tests.cli.test_cli_edges import cli, one_line_failure


def _demo(path: Path, patients: int) -> None:
    db = open_database(path)
    generate_demo(db, patients, 2)
    db.dispose()


def _names(path: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return {r[0] for r in conn.execute("SELECT family_name FROM patient")}


def test_backup_list_and_restore_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "practice.db"
    _demo(db, 4)
    made = cli("backup", "--db", str(db))
    out = made.stdout.decode()
    assert made.returncode == 0, made.stderr
    assert "4 patients" in out and "checked" in out
    backup = Path(out.split(" to ", 1)[1].split(" (", 1)[0])
    assert backup.parent == tmp_path / "backups" and backup.is_file()
    names_then = _names(db)

    with closing(sqlite3.connect(db)) as conn:  # a later change, then a restore
        conn.execute("UPDATE patient SET family_name = 'Changed' WHERE id = 1")
        conn.commit()
    listed = cli("backups", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    assert str(backup) in listed.stdout.decode() and "manual" in listed.stdout.decode()

    restored = cli("restore", str(backup), "--db", str(db))
    text = restored.stdout.decode()
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in text and "pre-restore" in text
    assert _names(db) == names_then
    kept = next((tmp_path / "backups" / "pre-restore").glob("*.db"))
    assert "Changed" in _names(kept)


def test_backup_into_a_chosen_folder_is_not_rotated(tmp_path: Path) -> None:
    db = tmp_path / "practice.db"
    _demo(db, 2)
    target = tmp_path / "usb"
    for _ in range(2):
        assert cli("backup", "--db", str(db), "-o", str(target)).returncode == 0
    assert len(list(target.glob("*.db"))) == 2 and len(list(target.glob("*.db.json"))) == 2


def test_restore_refuses_what_is_not_a_good_backup(tmp_path: Path) -> None:
    db = tmp_path / "practice.db"
    _demo(db, 2)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database" * 100)
    assert "cannot be read" in one_line_failure(cli("restore", str(garbage), "--db", str(db)), 1)
    missing = tmp_path / "missing.db"
    assert "not a backup file" in one_line_failure(cli("restore", str(missing), "--db", str(db)), 1)
    assert "the database itself" in one_line_failure(cli("restore", str(db), "--db", str(db)), 1)
    assert not (tmp_path / "backups").exists()


def test_backup_of_an_empty_or_missing_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    assert "empty" in one_line_failure(cli("backup", "--db", str(empty)), 1)
    assert "does not exist" in one_line_failure(cli("backup", "--db", str(tmp_path / "x.db")), 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]
