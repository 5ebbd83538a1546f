"""Encryption in the window: the passphrase before the window, File › Encrypt database…,
the recovery key, kept-aside typing encrypted with the database's key."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cryolog.db.backends import SqlcipherFileBackend, SqliteFileBackend
from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.backup import backup_folder, list_backups, make_backup
from cryolog.services.encryption import STEPS, encrypt_database
from cryolog.services.encryption_codec import KeyedCodec
from cryolog.ui.app import DesktopApp
from cryolog.ui.encrypt_dialog import NewPassphraseDialog, RecoveryKeyDialog
from cryolog.ui.encrypt_progress import DONE_MARK, LATER_MARK, NOW_MARK, StepsDialog
from cryolog.ui.passphrase_dialog import PassphraseDialog
from tests.storage_mounts import fill, tmpfs
from tests.ui.storage_setup import desktop, make_db, started

__all__ = ["desktop"]

PASSPHRASE = "a long practice passphrase"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keys, "ITERATIONS", 1000)
    yield
    keys._ring.clear()


def test_an_encrypted_file_asks_its_passphrase_before_the_window(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    encrypt_database(path, PASSPHRASE)
    keys._ring.clear()
    seen: list[str] = []

    def answer(dialog: PassphraseDialog) -> int:
        assert desktop.window is None  # nothing of the records is on screen yet
        dialog.field.setText("the wrong passphrase")
        dialog.try_accept()
        seen.append(dialog.error.text())
        assert dialog.field.text() == ""  # nothing typed is kept
        dialog.field.setText(PASSPHRASE)
        dialog.try_accept()
        return int(dialog.result())

    monkeypatch.setattr(PassphraseDialog, "exec", answer)
    started(qtbot, desktop, path)
    assert seen and "passphrase is wrong" in seen[0] and "damaged" not in seen[0]
    assert desktop.window is not None and desktop.opened is not None
    assert isinstance(desktop.opened.db.storage, SqlcipherFileBackend)
    assert desktop.passphrase_action is not None and desktop.passphrase_action.isVisible()
    label = desktop.window.db_label.text()
    assert PASSPHRASE not in label
    desktop.settings.sync()
    stored = Path(desktop.settings.fileName()).read_text()
    key = desktop.opened.db.storage.key
    assert key is not None and key.hex() not in stored.lower() and PASSPHRASE not in stored
    assert str(path) in stored  # the file is remembered, its key is not
    qtbot.waitUntil(lambda: desktop.window is not None and desktop.window.model.rowCount() == 3)


def test_cancelling_the_passphrase_opens_nothing(
    desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    encrypt_database(path, PASSPHRASE)
    keys._ring.clear()
    monkeypatch.setattr(PassphraseDialog, "exec", lambda dialog: 0)
    assert not desktop.start(str(path))
    assert desktop.window is None


def test_file_encrypt_database_converts_and_shows_the_recovery_key(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    started(qtbot, desktop, path)
    window = desktop.window
    assert window is not None and desktop.encrypt_action is not None
    assert desktop.encrypt_action.isVisible() and desktop.encrypt_action.isEnabled()

    def fill(dialog: NewPassphraseDialog) -> int:
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText("a different one")
        dialog.try_accept()
        assert "differ" in dialog.error.text() and not dialog.result()
        dialog.second.setText(PASSPHRASE)
        dialog.try_accept()
        return int(dialog.result())

    shown: list[str] = []

    def recovery(dialog: RecoveryKeyDialog) -> int:
        assert not dialog.ok.isEnabled()  # not before it is written down
        dialog.reject()
        assert dialog.isVisible() or not dialog.result()
        dialog.written.setChecked(True)
        assert dialog.ok.isEnabled()
        shown.append(dialog.key_label.text())
        dialog.accept()
        return 1

    monkeypatch.setattr(NewPassphraseDialog, "exec", fill)
    monkeypatch.setattr(RecoveryKeyDialog, "exec", recovery)
    assert desktop.encrypt(window)
    assert not path.read_bytes().startswith(b"SQLite format 3")
    digits = "".join(shown[0].split())
    assert keys.parse_recovery(digits) is not None
    assert desktop.opened is not None
    assert isinstance(desktop.opened.db.storage, SqlcipherFileBackend)
    assert desktop.window is not None and desktop.window is not window
    qtbot.addWidget(desktop.window)
    assert desktop.decrypt_action is not None and desktop.decrypt_action.isVisible()
    # kept-aside typing of the encrypted database is encrypted with its key
    kept = desktop.window.kept
    assert isinstance(kept.codec, KeyedCodec)
    kept.write({1: {"notes": "Kept secret words"}})
    raw = kept.path.read_bytes()
    assert b"Kept secret words" not in raw
    with pytest.raises(ValueError):
        json.loads(raw)
    assert kept.read() == {1: {"notes": "Kept secret words"}}
    kept.clear()


def test_encrypting_shows_each_step_as_it_happens(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    make_backup(SqliteFileBackend(path), backup_folder(path))
    started(qtbot, desktop, path)
    window = desktop.window
    assert window is not None

    def fill(dialog: NewPassphraseDialog) -> int:
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE)
        dialog.try_accept()
        return int(dialog.result())

    seen: list[tuple[str, dict[str, str], bool]] = []
    real_mark = StepsDialog.mark

    def watched(dialog: StepsDialog, key: str) -> None:
        real_mark(dialog, key)
        seen.append((key, dialog.state(), dialog.isVisible()))

    monkeypatch.setattr(NewPassphraseDialog, "exec", fill)
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda dialog: 1)
    monkeypatch.setattr(StepsDialog, "mark", watched)
    assert desktop.encrypt(window)
    assert [key for key, _state, _visible in seen] == list(STEPS)
    for index, (key, state, visible) in enumerate(seen):
        assert visible
        assert state[key] == NOW_MARK
        assert all(state[k] == DONE_MARK for k in STEPS[:index])
        assert all(state[k] == LATER_MARK for k in STEPS[index + 1 :])
    assert desktop.window is not None
    qtbot.addWidget(desktop.window)
    backups = list_backups([backup_folder(path)], path.name)
    assert backups and not backups[0].path.read_bytes().startswith(b"SQLite format 3")


def test_passphrases_are_checked_off_the_windows_thread(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    encrypt_database(path, PASSPHRASE)
    keys._ring.clear()
    derived_on: list[threading.Thread] = []
    real_derive = keys._derive

    def watched(passphrase: str, salt: bytes, iterations: int) -> bytes:
        derived_on.append(threading.current_thread())
        return real_derive(passphrase, salt, iterations)

    monkeypatch.setattr(keys, "_derive", watched)

    def answer(dialog: PassphraseDialog) -> int:
        dialog.field.setText(PASSPHRASE)
        dialog.try_accept()
        return int(dialog.result())

    monkeypatch.setattr(PassphraseDialog, "exec", answer)
    started(qtbot, desktop, path)
    window = desktop.window
    assert window is not None and derived_on
    tries: list[str] = []

    def change(dialog: NewPassphraseDialog) -> int:
        dialog.current.setText("not the current one" if not tries else PASSPHRASE)
        dialog.first.setText("the next passphrase")
        dialog.second.setText("the next passphrase")
        dialog.try_accept()
        tries.append(dialog.error.text())
        return int(dialog.result())

    monkeypatch.setattr(NewPassphraseDialog, "exec", change)
    assert desktop.change_passphrase(window)
    assert len(tries) == 2 and "passphrase is wrong" in tries[1]
    main = threading.main_thread()
    assert len(derived_on) >= 4 and all(t is not main for t in derived_on)
    keys._ring.clear()
    monkeypatch.setattr(keys, "_derive", real_derive)
    SqlcipherFileBackend(path).unlock("the next passphrase")


def test_the_encrypt_intro_says_what_the_command_line_says(qtbot: QtBot) -> None:
    from cryolog.services.encryption import LOST_NOTE, SSD_NOTE
    from cryolog.ui.encrypt_dialog import encrypt_intro

    intro = encrypt_intro()
    assert LOST_NOTE in intro and SSD_NOTE in intro


def test_a_backup_that_could_not_be_encrypted_is_named_after_encrypting(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    with tmpfs(path.parent / "backups", "2m") as folder:
        backup = make_backup(SqliteFileBackend(path), backup_folder(path))
        filler = fill(folder, leave=1024)
        started(qtbot, desktop, path)
        window = desktop.window
        assert window is not None

        def fill_in(dialog: NewPassphraseDialog) -> int:
            dialog.first.setText(PASSPHRASE)
            dialog.second.setText(PASSPHRASE)
            dialog.try_accept()
            return int(dialog.result())

        shown: list[str] = []
        monkeypatch.setattr(NewPassphraseDialog, "exec", fill_in)
        monkeypatch.setattr(
            RecoveryKeyDialog, "exec", lambda dialog: shown.append(dialog.key_label.text()) or 1
        )
        assert desktop.encrypt(window)
        assert shown  # the recovery key was shown: the database is encrypted
        assert desktop.message is not None
        text = desktop.message.text()
        assert "The database is encrypted." in text
        assert backup.path.name in text and "could not be encrypted" in text
        assert not backup.path.exists()
        assert desktop.window is not None
        qtbot.addWidget(desktop.window)
        desktop.window.close()
        filler.unlink()
