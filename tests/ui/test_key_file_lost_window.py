"""A lost key-check file at start: the passphrase dialog says the check file is missing
(not that the database is damaged) and opens with the passphrase or the recovery key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cryolog.db.backends import SqlcipherFileBackend
from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.backup import backup_folder, make_backup
from cryolog.services.encryption import encrypt_database
from cryolog.ui import recovery_questions
from cryolog.ui.app import DesktopApp
from cryolog.ui.passphrase_dialog import PassphraseDialog
from tests.ui.storage_setup import desktop, make_db, started

__all__ = ["desktop"]

PASSPHRASE = "a long practice passphrase"
NEW = "the passphrase chosen anew"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keys, "ITERATIONS", 1000)
    yield
    keys._ring.clear()


def _mode(path: Path) -> str:
    return oct(path.stat().st_mode & 0o777)


def test_the_passphrase_opens_it_and_the_check_file_is_written_again(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    encrypt_database(path, PASSPHRASE)
    keys._ring.clear()
    keys.key_file_path(path).unlink()
    seen: list[str] = []

    def answer(dialog: PassphraseDialog) -> int:
        seen.append(dialog.prompt.text())
        assert not dialog.new_field.isVisible()
        dialog.field.setText("the wrong passphrase")
        dialog.try_accept()
        seen.append(dialog.error.text())
        dialog.field.setText(PASSPHRASE)
        dialog.try_accept()
        return int(dialog.result())

    monkeypatch.setattr(PassphraseDialog, "exec", answer)
    started(qtbot, desktop, path)
    assert "key-check file" in seen[0] and "missing" in seen[0]
    assert "not known to be damaged" in seen[0]
    assert "passphrase is wrong" in seen[1] and "damaged" not in seen[1]
    assert desktop.opened is not None
    assert isinstance(desktop.opened.db.storage, SqlcipherFileBackend)
    assert _mode(keys.key_file_path(path)) == "0o600"
    qtbot.waitUntil(lambda: desktop.window is not None and desktop.window.model.rowCount() == 3)


def test_without_a_spare_the_recovery_key_and_a_new_passphrase_open_it(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    recovery = encrypt_database(path, PASSPHRASE).recovery_key
    keys._ring.clear()
    keys.key_file_path(path).unlink()
    keys.spare_key_file_path(path).unlink()
    seen: list[str] = []

    def answer(dialog: PassphraseDialog) -> int:
        dialog.show()
        seen.append(dialog.prompt.text())
        assert dialog.recovery.isChecked() and dialog.new_field.isVisible()
        dialog.field.setText(recovery)
        dialog.new_field.setText("short")
        dialog.try_accept()
        seen.append(dialog.error.text())
        dialog.field.setText(recovery)
        dialog.new_field.setText(NEW)
        dialog.try_accept()
        return int(dialog.result())

    monkeypatch.setattr(PassphraseDialog, "exec", answer)
    started(qtbot, desktop, path)
    assert "no spare copy" in seen[0] and "recovery key" in seen[0]
    assert "New passphrase" in seen[1]
    assert desktop.opened is not None
    assert _mode(keys.key_file_path(path)) == "0o600"
    keys._ring.clear()
    SqlcipherFileBackend(path).unlock(NEW)


def test_a_damaged_file_whose_key_check_file_is_lost_is_offered_its_backup(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    encrypt_database(path, PASSPHRASE)
    backend = SqlcipherFileBackend(path)
    make_backup(backend, backup_folder(path))  # an encrypted backup, with the same key
    keys._ring.clear()
    keys.key_file_path(path).unlink()
    data = bytearray(path.read_bytes())
    data[16:4000] = bytes(3984)  # the file is damaged too
    path.write_bytes(bytes(data))
    asked: list[str] = []

    def recover(problem: object, backup: object, parent: object) -> str:
        asked.append(str(problem))
        return "proceed"

    def answer(dialog: PassphraseDialog) -> int:
        dialog.field.setText(PASSPHRASE)
        dialog.try_accept()
        return int(dialog.result())

    monkeypatch.setattr(PassphraseDialog, "exec", answer)
    monkeypatch.setattr(recovery_questions, "ask_recover", recover)
    started(qtbot, desktop, path)
    assert asked and "damaged" in asked[0] and "passphrase is wrong" not in asked[0]
    assert desktop.opened is not None
    qtbot.waitUntil(lambda: desktop.window is not None and desktop.window.model.rowCount() == 3)
    assert keys.key_file_path(path).is_file()
