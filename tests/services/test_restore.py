"""Restore: checked first, every row back as it was, the replaced file kept, nothing stale."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from cryolog.db.backends import SqliteFileBackend
from cryolog.db.backup import BackupFailed, backup_folder, make_backup
from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseLocked
from cryolog.db.lock import InstanceLock
from cryolog.db.manifest import read_manifest
from cryolog.services import Services
from cryolog.services.demo import generate_demo
from cryolog.services.restore import newest_good_backup, restore_backup

pytestmark = pytest.mark.sqlite_only  # restoring a file from its backups


def _all_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _change(db: Database) -> None:
    services = Services.open(db, "later")
    pid = services.patients.register({"family_name": "Later", "birth_date": date(1990, 2, 3)}).id
    services.pretreatment.record_screening(pid, {"screened_on": date.today(), "answers": {}})


@pytest.fixture
def demo_db(db: Database) -> Database:
    generate_demo(db, 20, 5)
    return db


def test_restore_round_trip_every_row_and_the_replaced_file_kept(demo_db: Database) -> None:
    db = demo_db
    assert db.path is not None
    path = db.path
    backup = make_backup(db.storage, backup_folder(path))
    at_backup = _all_rows(backup.path)
    _change(db)
    before_restore = _all_rows(path)
    assert before_restore != at_backup
    db.dispose()
    lock = InstanceLock(path).acquire()
    outcome = restore_backup(SqliteFileBackend(path), backup.path, holding=lock)
    try:
        assert not lock.held and outcome.lock is not None and outcome.lock.held
        with pytest.raises(DatabaseLocked):  # the lock moved with the file
            InstanceLock(path).acquire()
    finally:
        if outcome.lock is not None:
            outcome.lock.release()
    # no journal of the replaced file is left to be replayed into the restored one
    assert not path.with_name(path.name + "-wal").exists()
    assert not path.with_name(path.name + "-shm").exists()
    assert _all_rows(path) == at_backup
    assert not outcome.damaged and outcome.kept is not None
    assert outcome.kept.parent == path.parent / "backups" / "pre-restore"
    assert _all_rows(outcome.kept) == before_restore
    kept_manifest = read_manifest(outcome.kept)
    assert kept_manifest is not None and kept_manifest.kind == "pre-restore"
    assert (path.stat().st_mode & 0o777) == 0o600
    reopened = open_database(path)
    try:
        assert reopened.rows("SELECT count(*) FROM patient WHERE family_name = 'Later'", {}) == [
            (0,)
        ]
        _change(reopened)  # and it is an ordinary writable database again
    finally:
        reopened.dispose()
    assert not any(p.name.startswith(".") for p in path.parent.iterdir())


def _damage(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[-page:] = b"\xff" * page
    path.write_bytes(bytes(data))


def test_a_damaged_file_is_set_aside_never_deleted(demo_db: Database) -> None:
    db = demo_db
    assert db.path is not None
    path = db.path
    backup = make_backup(db.storage, backup_folder(path))
    db.dispose()
    _damage(path)
    damaged_digest = _digest(path)
    outcome = restore_backup(SqliteFileBackend(path), backup.path, holding=None)
    assert outcome.damaged and outcome.kept is not None
    assert outcome.kept.parent == path.parent and ".damaged-" in outcome.kept.name
    assert _digest(outcome.kept) == damaged_digest
    assert _all_rows(path) == _all_rows(backup.path)


def test_a_damaged_backup_is_refused_and_the_database_untouched(demo_db: Database) -> None:
    db = demo_db
    assert db.path is not None
    backup = make_backup(db.storage, backup_folder(db.path))
    db.dispose()
    raw = bytearray(backup.path.read_bytes())
    raw[len(raw) // 2] ^= 0x55
    backup.path.write_bytes(bytes(raw))
    digest = _digest(db.path)
    with pytest.raises(BackupFailed, match="changed or damaged"):
        restore_backup(SqliteFileBackend(db.path), backup.path, holding=None)
    assert _digest(db.path) == digest
    assert not (db.path.parent / "backups" / "pre-restore").exists()


def test_restore_refuses_while_another_program_has_the_file_open(demo_db: Database) -> None:
    db = demo_db
    assert db.path is not None
    backup = make_backup(db.storage, backup_folder(db.path))
    before = _all_rows(db.path)
    db.rows("SELECT 1", {})  # the plain reader keeps a connection open
    try:
        with pytest.raises(DatabaseLocked, match="in use by another program"):
            restore_backup(SqliteFileBackend(db.path), backup.path, holding=None)
    finally:
        db.dispose()
    assert _all_rows(db.path) == before
    assert not any(p.name.startswith(".") for p in db.path.parent.iterdir())


def test_the_anchor_beside_the_database_names_the_restored_head(demo_db: Database) -> None:
    db = demo_db
    assert db.path is not None
    backup = make_backup(db.storage, backup_folder(db.path))
    _change(db)
    db.dispose()
    from cryolog.db.audit_anchor import anchor_path, read_anchor

    anchor = anchor_path(db.path)
    anchor.write_text(json.dumps({"format": 1, "entry_id": 999999, "entry_hash": "ab" * 32}))
    restore_backup(SqliteFileBackend(db.path), backup.path, holding=None)
    head = backup.manifest.facts.head
    assert head is not None
    found = read_anchor(db.path)
    assert found is not None and found.head == head.as_chain()
    assert (found.head.entry_id, found.head.entry_hash.hex()) == (head.id, head.hash)
    assert (anchor.stat().st_mode & 0o777) == 0o600


def test_the_newest_good_backup_skips_a_damaged_one(demo_db: Database) -> None:
    from datetime import UTC, datetime

    db = demo_db
    assert db.path is not None
    folder = backup_folder(db.path)
    good = make_backup(db.storage, folder, now=datetime(2026, 1, 1, tzinfo=UTC))
    newest = make_backup(db.storage, folder, now=datetime(2026, 1, 2, tzinfo=UTC))
    newest.path.write_bytes(b"garbage")
    found = newest_good_backup(SqliteFileBackend(db.path))
    assert found is not None and found[0].path == good.path


def test_a_restored_file_verifies_its_anchor_rewritten_from_the_backup(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from cryolog.cli import main
    from cryolog.db.audit_anchor import read_anchor

    assert db.path is not None
    path = db.path
    _change(db)
    backup = make_backup(db.storage, backup_folder(path))
    Services.open(db, "later").patients.register(  # the anchor moves past the backup's head
        {"family_name": "Afterwards", "birth_date": date(1991, 3, 4)}
    )
    moved = read_anchor(path)
    db.dispose()
    head = backup.manifest.facts.head
    assert head is not None and moved is not None and moved.head.entry_id > head.id
    outcome = restore_backup(SqliteFileBackend(path), backup.path, holding=None)
    assert outcome.warnings == ()
    anchored = read_anchor(path)
    assert anchored is not None and anchored.head == head.as_chain()
    assert main(["verify", "--db", str(path)]) == 0
    assert "Everything verifies" in capsys.readouterr().out
