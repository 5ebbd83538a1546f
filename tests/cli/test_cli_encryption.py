"""``cryolog encrypt|decrypt|passphrase`` and the passphrase of every other command."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from cryolog.cli import main
from cryolog.db.backends import sqlcipher_keys as keys

PASSPHRASE = "a long practice passphrase"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keys, "ITERATIONS", 1000)
    monkeypatch.delenv("CRYOLOG_PASSPHRASE", raising=False)
    monkeypatch.delenv("CRYOLOG_NEW_PASSPHRASE", raising=False)
    yield
    keys._ring.clear()


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "practice.db"
    assert main(["demo", "--patients", "5", "--db", str(path)]) == 0
    return path


def _encrypt(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", PASSPHRASE)
    assert main(["encrypt", "--db", str(path)]) == 0
    keys._ring.clear()  # a new process: nothing opened yet


def test_encrypt_then_every_command_needs_the_passphrase(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _encrypt(demo_db, monkeypatch)
    out = capsys.readouterr()
    assert "Encrypted" in out.out and "solid-state" in out.err
    assert "not shown" not in out.out and "only on a terminal" in out.err
    assert not demo_db.read_bytes().startswith(b"SQLite format 3")
    assert main(["check", "--db", str(demo_db)]) == 0
    assert "5" in capsys.readouterr().out
    keys._ring.clear()
    assert main(["verify", "--db", str(demo_db)]) == 0, capsys.readouterr()
    capsys.readouterr()
    keys._ring.clear()
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", "the wrong passphrase")
    assert main(["check", "--db", str(demo_db)]) == 1
    err = capsys.readouterr().err
    assert "passphrase is wrong" in err and "damaged" not in err
    assert err.count("\n") == 1


def test_no_passphrase_and_no_terminal_fails_cleanly(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _encrypt(demo_db, monkeypatch)
    monkeypatch.delenv("CRYOLOG_PASSPHRASE")
    capsys.readouterr()
    assert main(["check", "--db", str(demo_db)]) == 1
    assert "CRYOLOG_PASSPHRASE" in capsys.readouterr().err


def test_passphrase_change_and_decrypt(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _encrypt(demo_db, monkeypatch)
    monkeypatch.setenv("CRYOLOG_NEW_PASSPHRASE", "short")
    assert main(["passphrase", "--db", str(demo_db)]) == 1
    assert "at least" in capsys.readouterr().err
    monkeypatch.setenv("CRYOLOG_NEW_PASSPHRASE", "another long passphrase")
    assert main(["passphrase", "--db", str(demo_db)]) == 0
    keys._ring.clear()
    assert main(["check", "--db", str(demo_db)]) == 1  # the old one no longer opens it
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", "another long passphrase")
    keys._ring.clear()
    assert main(["decrypt", "--db", str(demo_db)]) == 0
    assert demo_db.read_bytes().startswith(b"SQLite format 3")
    monkeypatch.delenv("CRYOLOG_PASSPHRASE")
    keys._ring.clear()
    assert main(["check", "--db", str(demo_db)]) == 0


def test_encrypting_twice_or_decrypting_a_plain_file_is_refused(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decrypt", "--db", str(demo_db)]) == 1
    assert "not encrypted" in capsys.readouterr().err
    _encrypt(demo_db, monkeypatch)
    assert main(["encrypt", "--db", str(demo_db)]) == 1
    assert "already" in capsys.readouterr().err


def test_the_passphrase_is_never_logged(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _encrypt(demo_db, monkeypatch)
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", PASSPHRASE)
    main(["check", "--db", str(demo_db)])
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", "wrong wrong wrong")
    keys._ring.clear()
    main(["check", "--db", str(demo_db)])
    out = capsys.readouterr()
    log_dir = Path(os.environ["CRYOLOG_LOG_DIR"])
    logs = [p.read_text(errors="replace") for p in log_dir.rglob("*") if p.is_file()]
    for text in [out.out, out.err, *logs]:
        assert PASSPHRASE not in text and "wrong wrong wrong" not in text


def test_a_lost_key_check_file_is_written_again_from_the_passphrase(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _encrypt(demo_db, monkeypatch)
    keys.key_file_path(demo_db).unlink()
    capsys.readouterr()
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", "the wrong passphrase")
    assert main(["check", "--db", str(demo_db)]) == 1
    err = capsys.readouterr().err
    assert "passphrase is wrong" in err and "damaged" not in err
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", PASSPHRASE)
    assert main(["check", "--db", str(demo_db)]) == 0
    assert "was missing; it was written again" in capsys.readouterr().err
    assert oct(keys.key_file_path(demo_db).stat().st_mode & 0o777) == "0o600"


def test_without_spare_the_recovery_key_and_a_new_passphrase_open_it(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _encrypt(demo_db, monkeypatch)
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", PASSPHRASE)
    assert main(["check", "--db", str(demo_db)]) == 0
    key = keys.key_for(demo_db)
    assert key is not None
    keys._ring.clear()
    keys.key_file_path(demo_db).unlink()
    keys.spare_key_file_path(demo_db).unlink()
    capsys.readouterr()
    assert main(["check", "--db", str(demo_db)]) == 1
    err = capsys.readouterr().err
    assert "is missing" in err and "recovery key" in err and "damaged" not in err
    assert "Traceback" not in err and err.count("\n") == 1
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", keys.recovery_text(keys.new_key()))
    assert main(["check", "--db", str(demo_db)]) == 1
    assert "recovery key does not open" in capsys.readouterr().err
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", keys.recovery_text(key))
    monkeypatch.setenv("CRYOLOG_NEW_PASSPHRASE", "another long passphrase")
    assert main(["check", "--db", str(demo_db)]) == 0
    assert "written again" in capsys.readouterr().err
    keys._ring.clear()
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", "another long passphrase")
    assert main(["check", "--db", str(demo_db)]) == 0


def test_a_lost_passphrase_is_replaced_with_the_recovery_key(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _encrypt(demo_db, monkeypatch)
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", PASSPHRASE)
    assert main(["check", "--db", str(demo_db)]) == 0
    key = keys.key_for(demo_db)
    assert key is not None
    keys._ring.clear()
    keys.key_file_path(demo_db).write_text("{damaged")  # and the spare is of no help here
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", keys.recovery_text(key))
    monkeypatch.setenv("CRYOLOG_NEW_PASSPHRASE", "a passphrase chosen anew")
    capsys.readouterr()
    assert main(["passphrase", "--db", str(demo_db)]) == 0, capsys.readouterr().err
    keys._ring.clear()
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", "a passphrase chosen anew")
    assert main(["check", "--db", str(demo_db)]) == 0
    keys._ring.clear()
    monkeypatch.setenv("CRYOLOG_PASSPHRASE", keys.recovery_text(keys.new_key()))
    assert main(["passphrase", "--db", str(demo_db)]) == 1
    assert "recovery key is wrong" in capsys.readouterr().err


def test_version_names_an_encrypted_file_whose_key_check_file_is_missing(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _encrypt(demo_db, monkeypatch)
    capsys.readouterr()
    assert main(["--version", "--db", str(demo_db)]) == 0
    assert "encrypted: its schema is read" in capsys.readouterr().out
    keys.key_file_path(demo_db).unlink()
    assert main(["--version", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "key-check file is missing" in out and "damaged" not in out
