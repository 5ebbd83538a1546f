"""Encrypting where the disk says no: a full disk part-way, a read-only folder. The
original stays exactly as it was, no plaintext copy or half-made file is left behind, and
the message is plain (the command line: one line, exit 1)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from cryolog.cli import main
from cryolog.db.backends import SqlcipherFileBackend, SqliteFileBackend, backend_for
from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.backup import backup_folder, make_backup
from cryolog.db.errors import DatabaseProblem
from cryolog.services.encryption import encrypt_database
from tests.db.test_encryption import _all_rows, _filled
from tests.storage_mounts import fill, read_only_view, tmpfs

PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keys, "ITERATIONS", 1000)
    monkeypatch.delenv("CRYOLOG_PASSPHRASE", raising=False)
    yield
    keys._ring.clear()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


def test_a_full_disk_while_encrypting_leaves_the_original_intact(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "4m") as folder:
        path = folder / "practice.db"
        _filled(path)
        before = _all_rows(path)
        digest = _digest(path)
        filler = fill(folder, leave=path.stat().st_size // 3)
        with pytest.raises(DatabaseProblem) as caught:
            encrypt_database(path, PASSPHRASE)
        assert "is full" in str(caught.value)
        filler.unlink()
        assert _digest(path) == digest
        assert _leftovers(folder, path.name) == []
        assert not keys.key_file_path(path).exists()
        assert type(backend_for(path)) is SqliteFileBackend
        assert _all_rows(path) == before


def test_the_command_says_the_disk_is_full_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(tmp_path / "small", "4m") as folder:
        path = folder / "practice.db"
        _filled(path)
        digest = _digest(path)
        filler = fill(folder, leave=path.stat().st_size // 3)
        monkeypatch.setenv("CRYOLOG_PASSPHRASE", PASSPHRASE)
        capsys.readouterr()
        assert main(["encrypt", "--db", str(path)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "is full" in err
        filler.unlink()
        assert _digest(path) == digest and _leftovers(folder, path.name) == []


def test_a_read_only_folder_is_refused_plainly(tmp_path: Path) -> None:
    source = tmp_path / "data"
    source.mkdir()
    _filled(source / "practice.db")
    digest = _digest(source / "practice.db")
    with read_only_view(source, tmp_path / "view") as view:
        path = view / "practice.db"
        with pytest.raises(DatabaseProblem) as caught:
            encrypt_database(path, PASSPHRASE)
        message = str(caught.value)
        assert "read-only" in message
        assert message and "passphrase" not in message.lower()
    assert _digest(source / "practice.db") == digest
    assert _leftovers(source, "practice.db") == []
    assert not keys.key_file_path(source / "practice.db").exists()


@pytest.mark.parametrize("passphrase", ["", "short", "   \t    ", "x" * 2000])
def test_a_bad_passphrase_is_refused_before_anything_is_written(
    db_path: Path, passphrase: str
) -> None:
    _filled(db_path)
    digest = _digest(db_path)
    with pytest.raises(DatabaseProblem, match="passphrase"):
        encrypt_database(db_path, passphrase)
    assert _digest(db_path) == digest and not keys.key_file_path(db_path).exists()


def test_a_backup_that_cannot_be_encrypted_is_removed_not_left_plain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "practice.db"
    _filled(path)
    with tmpfs(path.parent / "backups", "2m") as folder:
        backup = make_backup(SqliteFileBackend(path), backup_folder(path))
        assert backup.path.parent == folder
        filler = fill(folder, leave=1024)  # no room for an encrypted copy beside it
        monkeypatch.setenv("CRYOLOG_PASSPHRASE", PASSPHRASE)
        capsys.readouterr()
        assert main(["encrypt", "--db", str(path)]) == 0
        err = capsys.readouterr().err
        assert "could not be encrypted" in err and "was removed" in err
        assert not path.read_bytes().startswith(b"SQLite format 3")
        assert not backup.path.exists()  # no unencrypted copy is left
        assert [p.name for p in folder.iterdir()] == [filler.name]
        filler.unlink()
    keys._ring.clear()
    SqlcipherFileBackend(path).unlock(PASSPHRASE)
    assert len(_all_rows(path)["patient"]) == 3
