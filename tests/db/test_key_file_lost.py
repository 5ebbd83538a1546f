"""A lost (not damaged) key-check file: told apart from a damaged database, opened with the
passphrase (through the spare copy) or the recovery key, and written again (0600)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from cryolog.db.backends import SqlcipherFileBackend, SqliteFileBackend, backend_for
from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.backends.sqlcipher_file import KeyFileMissing, WrongPassphrase
from cryolog.db.database import open_database
from cryolog.db.errors import DatabaseCorrupt
from cryolog.services.encryption import change_passphrase, decrypt_database, encrypt_database
from tests.db.test_encryption import _all_rows, _filled

PASSPHRASE = "correct horse battery"
NEW = "a brand new passphrase"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keys, "ITERATIONS", 1000)
    yield
    keys._ring.clear()


@pytest.fixture
def plain(db_path: Path) -> Path:
    _filled(db_path)
    return db_path


def _mode(path: Path) -> str:
    return oct(path.stat().st_mode & 0o777)


def _lose_key_file(path: Path, *, spare_too: bool = False) -> None:
    keys._ring.clear()  # a new opening
    keys.key_file_path(path).unlink()
    if spare_too:
        keys.spare_key_file_path(path).unlink()


def _patients(path: Path) -> int:
    db = open_database(path)
    try:
        return len(db.rows("SELECT id FROM patient", {}))
    finally:
        db.dispose()


def test_encryption_keeps_a_private_spare_of_the_key_check_file(plain: Path) -> None:
    encrypt_database(plain, PASSPHRASE)
    spare = keys.spare_key_file_path(plain)
    assert spare.read_bytes() == keys.key_file_path(plain).read_bytes()
    assert _mode(spare) == "0o600" and _mode(spare.parent) == "0o700"
    change_passphrase(plain, PASSPHRASE, NEW)
    assert spare.read_bytes() == keys.key_file_path(plain).read_bytes()
    decrypt_database(plain, NEW)
    assert not spare.exists() and not keys.key_file_path(plain).exists()


def test_the_passphrase_opens_a_file_whose_key_check_file_is_lost(plain: Path) -> None:
    before = _all_rows(plain)
    encrypt_database(plain, PASSPHRASE)
    _lose_key_file(plain)
    backend = backend_for(plain)
    assert isinstance(backend, SqlcipherFileBackend) and backend.key_file_missing
    with pytest.raises(WrongPassphrase, match="passphrase is wrong"):
        backend.unlock("not the passphrase at all")
    assert backend.key is None and not keys.key_file_path(plain).exists()
    backend.unlock(PASSPHRASE)
    written = keys.key_file_path(plain)
    assert written.is_file() and _mode(written) == "0o600"
    assert _all_rows(plain) == before
    keys._ring.clear()
    SqlcipherFileBackend(plain).unlock(PASSPHRASE)  # the key-check file it wrote opens it
    assert _patients(plain) == 3


def test_without_a_spare_the_recovery_key_opens_and_writes_it_again(plain: Path) -> None:
    result = encrypt_database(plain, PASSPHRASE)
    _lose_key_file(plain, spare_too=True)
    backend = backend_for(plain)
    assert isinstance(backend, SqlcipherFileBackend)
    with pytest.raises(KeyFileMissing, match=r"key-check file .* is missing.*recovery key"):
        backend.unlock(PASSPHRASE)
    wrong = keys.recovery_text(keys.new_key())
    with pytest.raises(WrongPassphrase, match="recovery key does not open"):
        backend.unlock_with_recovery_key(wrong, NEW)
    assert backend.key is None and not keys.key_file_path(plain).exists()
    with pytest.raises(Exception, match="New passphrase"):
        backend.unlock_with_recovery_key(result.recovery_key, "short")
    backend.unlock_with_recovery_key(result.recovery_key, NEW)
    assert _mode(keys.key_file_path(plain)) == "0o600"
    assert _patients(plain) == 3
    keys._ring.clear()
    SqlcipherFileBackend(plain).unlock(NEW)  # the new passphrase opens it from now on
    assert _patients(plain) == 3


def test_the_recovery_key_checked_against_the_spare(plain: Path) -> None:
    result = encrypt_database(plain, PASSPHRASE)
    _lose_key_file(plain)
    backend = SqlcipherFileBackend(plain)
    with pytest.raises(WrongPassphrase, match="recovery key is wrong"):
        backend.unlock_with_recovery_key(keys.recovery_text(keys.new_key()))
    backend.unlock_with_recovery_key(result.recovery_key)
    assert keys.key_file_path(plain).is_file()
    keys._ring.clear()
    SqlcipherFileBackend(plain).unlock(PASSPHRASE)  # the old passphrase, from the spare


def test_a_damaged_encrypted_file_without_key_check_file_is_still_damaged(plain: Path) -> None:
    encrypt_database(plain, PASSPHRASE)
    _lose_key_file(plain)
    data = bytearray(plain.read_bytes())
    data[16:4000] = bytes(3984)  # the first page's encrypted content
    plain.write_bytes(bytes(data))
    backend = backend_for(plain)
    assert isinstance(backend, SqlcipherFileBackend)
    with pytest.raises(DatabaseCorrupt, match="damaged") as caught:
        backend.unlock(PASSPHRASE)
    assert "passphrase is wrong" not in str(caught.value)
    assert backend.key is not None  # the damaged path can restore a backup with it
    with pytest.raises(DatabaseCorrupt, match="damaged"):
        open_database(backend)


def test_a_damaged_plain_file_is_not_taken_for_an_encrypted_one(plain: Path) -> None:
    with closing(sqlite3.connect(plain)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(plain.read_bytes())
    data[:100] = b"\xff" * 100  # its header overwritten
    plain.write_bytes(bytes(data))
    assert not keys.key_file_lost(plain)
    assert type(backend_for(plain)) is SqliteFileBackend
    with pytest.raises(DatabaseCorrupt):
        open_database(plain)


def test_an_empty_passphrase_is_refused_plainly(plain: Path) -> None:
    encrypt_database(plain, PASSPHRASE)
    keys._ring.clear()
    with pytest.raises(WrongPassphrase, match="No passphrase was given"):
        SqlcipherFileBackend(plain).unlock("")


def test_a_damaged_key_check_file_takes_only_the_right_recovery_key(plain: Path) -> None:
    result = encrypt_database(plain, PASSPHRASE)
    keys._ring.clear()
    keys.spare_key_file_path(plain).unlink()
    keys.key_file_path(plain).write_text("{damaged")
    backend = SqlcipherFileBackend(plain)
    with pytest.raises(WrongPassphrase, match="recovery key does not open"):
        backend.unlock_with_recovery_key(keys.recovery_text(keys.new_key()), NEW)
    assert backend.key is None
    assert keys.key_file_path(plain).read_text() == "{damaged"  # nothing written
    backend.unlock_with_recovery_key(result.recovery_key, NEW)
    keys._ring.clear()
    SqlcipherFileBackend(plain).unlock(NEW)
    assert _patients(plain) == 3
