"""Encryption at rest: real files made by the migrations, encrypted, opened, backed up."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from cryolog.db.backends import SqlcipherFileBackend, SqliteFileBackend, backend_for
from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.backends.sqlcipher_file import PassphraseNeeded, WrongPassphrase
from cryolog.db.backup import backup_folder, list_backups, make_backup
from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseCorrupt, DatabaseProblem
from cryolog.services import Services
from cryolog.services.encryption import (
    change_passphrase,
    decrypt_database,
    encrypt_database,
)
from cryolog.services.export.protection import database_is_encrypted

pytestmark = pytest.mark.sqlite_only  # SQLCipher files

PASSPHRASE = "correct horse battery"
NAME = "Zyxwvutsrq"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keys, "ITERATIONS", 1000)
    yield
    keys._ring.clear()


def _filled(path: Path) -> None:
    db = open_database(path)
    try:
        services = Services.open(db, actor="dr.test")
        for i in range(3):
            services.patients.register(
                {
                    "family_name": f"{NAME}{chr(ord('a') + i)}",
                    "given_name": "Hidden",
                    "birth_date": date(1980, 5, 2),
                    "phone": f"+7 912 123-45-6{i}",
                    "notes": "HIV positive",
                }
            )
    finally:
        db.dispose()


def _all_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = open_database(path)
    try:
        conn = db.storage.connect()
        try:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
                ).fetchall()
            ]
            return {
                t: [tuple(r) for r in conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()]
                for t in tables
            }
        finally:
            conn.close()
    finally:
        db.dispose()


@pytest.fixture
def plain(db_path: Path) -> Path:
    _filled(db_path)
    return db_path


def _forget_all() -> None:
    keys._ring.clear()


def test_encrypted_file_holds_nothing_readable_and_round_trips(plain: Path) -> None:
    before = _all_rows(plain)
    result = encrypt_database(plain, PASSPHRASE)
    assert len(keys.parse_recovery(result.recovery_key) or b"") == 32
    raw = plain.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert NAME.encode() not in raw and b"HIV positive" not in raw
    assert not any(p.name.startswith(f".{plain.name}.") for p in plain.parent.iterdir())
    assert oct(keys.key_file_path(plain).stat().st_mode & 0o777) == "0o600"
    _forget_all()
    backend = backend_for(plain)
    assert isinstance(backend, SqlcipherFileBackend)
    with pytest.raises(PassphraseNeeded):
        open_database(backend)
    backend.unlock(PASSPHRASE)
    assert _all_rows(plain) == before
    decrypt_database(plain, PASSPHRASE)
    _forget_all()
    assert plain.read_bytes().startswith(b"SQLite format 3")
    assert not keys.key_file_path(plain).exists()
    assert isinstance(backend_for(plain), SqliteFileBackend)
    assert _all_rows(plain) == before


def test_wrong_passphrase_is_told_apart_from_damage(plain: Path) -> None:
    encrypt_database(plain, PASSPHRASE)
    _forget_all()
    backend = backend_for(plain)
    assert isinstance(backend, SqlcipherFileBackend)
    with pytest.raises(WrongPassphrase, match="passphrase is wrong"):
        backend.unlock("not the passphrase")
    assert backend.key is None
    # damage the encrypted pages: the passphrase is right, the file is damaged
    data = bytearray(plain.read_bytes())
    data[100:4000] = bytes(3900)
    plain.write_bytes(bytes(data))
    backend.unlock(PASSPHRASE)
    with pytest.raises(DatabaseCorrupt, match="damaged") as caught:
        open_database(backend)
    assert "passphrase is wrong" not in str(caught.value)


def test_recovery_key_opens_without_the_passphrase(plain: Path) -> None:
    result = encrypt_database(plain, PASSPHRASE)
    _forget_all()
    keys.key_file_path(plain).unlink()  # the key-check file is lost
    backend = SqlcipherFileBackend(plain)
    with pytest.raises(WrongPassphrase):
        backend.unlock_with_recovery_key("1234-ABCD")
    backend.unlock_with_recovery_key(result.recovery_key.lower().replace("-", " "))
    db = open_database(backend)
    try:
        assert len(db.rows("SELECT id FROM patient", {})) == 3
    finally:
        db.dispose()


def test_change_of_passphrase(plain: Path) -> None:
    encrypt_database(plain, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        change_passphrase(plain, "wrong passphrase", "a new passphrase")
    with pytest.raises(DatabaseProblem, match="at least"):
        change_passphrase(plain, PASSPHRASE, "short")
    change_passphrase(plain, PASSPHRASE, "a new passphrase")
    _forget_all()
    backend = SqlcipherFileBackend(plain)
    with pytest.raises(WrongPassphrase):
        backend.unlock(PASSPHRASE)
    backend.unlock("a new passphrase")
    db = open_database(backend)
    try:
        assert len(db.rows("SELECT id FROM patient", {})) == 3
    finally:
        db.dispose()


def test_backups_of_an_encrypted_database_are_encrypted(plain: Path) -> None:
    old = make_backup(SqliteFileBackend(plain), backup_folder(plain), "manual")
    assert old.path.read_bytes().startswith(b"SQLite format 3")
    encrypt_database(plain, PASSPHRASE)  # re-encrypts the existing backup
    assert not old.path.read_bytes().startswith(b"SQLite format 3")
    assert NAME.encode() not in old.path.read_bytes()
    backend = backend_for(plain)
    fresh = make_backup(backend, backup_folder(plain), "manual")
    raw = fresh.path.read_bytes()
    assert not raw.startswith(b"SQLite format 3") and NAME.encode() not in raw
    from cryolog.db.backup import check_backup

    for backup in list_backups([backup_folder(plain)], plain.name):
        assert check_backup(backend, backup).patients == 3
    # a plain reader sees no database in it
    with closing(sqlite3.connect(fresh.path)) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM sqlite_master").fetchall()


def test_encrypting_can_remove_the_backups(plain: Path) -> None:
    old = make_backup(SqliteFileBackend(plain), backup_folder(plain), "manual")
    result = encrypt_database(plain, PASSPHRASE, backups="remove")
    assert result.backups_removed == 1 and not old.path.exists()


def test_the_key_is_in_no_url_label_or_stored_target(plain: Path) -> None:
    result = encrypt_database(plain, PASSPHRASE)
    key_hex = (keys.parse_recovery(result.recovery_key) or b"").hex()
    db = open_database(plain)
    try:
        assert database_is_encrypted(db)
        for text in (db.url, db.label, db.stored_target, repr(db)):
            assert key_hex not in text.lower() and PASSPHRASE not in text
        assert key_hex not in keys.key_file_path(plain).read_text()
    finally:
        db.dispose()


def test_plain_database_is_not_encrypted(db: Database) -> None:
    assert not database_is_encrypted(db)


def test_interrupted_encryption_leaves_a_plain_file_plain(plain: Path) -> None:
    keys.write_key_file(plain, keys.wrap(keys.new_key(), PASSPHRASE))
    assert isinstance(backend_for(plain), SqliteFileBackend)
    assert len(_all_rows(plain)["patient"]) == 3


def test_damaged_key_file_says_so(plain: Path) -> None:
    encrypt_database(plain, PASSPHRASE)
    _forget_all()
    keys.key_file_path(plain).write_text("{not json")
    backend = SqlcipherFileBackend(plain)
    with pytest.raises(DatabaseProblem, match="recovery key"):
        backend.unlock(PASSPHRASE)


def test_erasure_on_an_encrypted_database_verifies(plain: Path) -> None:
    from cryolog.services.erasure import erase_patient
    from cryolog.services.verify import verify_file

    encrypt_database(plain, PASSPHRASE)
    db = open_database(plain)
    try:
        services = Services.open(db, actor="dr.test")
        erase_patient(services, 1, export_to=None)
        assert len(db.rows("SELECT id FROM patient", {})) == 2
    finally:
        db.dispose()
    assert not plain.read_bytes().startswith(b"SQLite format 3")
    assert verify_file(plain).breaks == []
