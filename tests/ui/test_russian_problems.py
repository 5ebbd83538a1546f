"""Database problems the window shows, in the Russian window, through the real paths: a
backup that could not be encrypted (a full disk), a copy refused; the command line says
the same problems in English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cryolog.cli import main
from cryolog.db.backends import SqliteFileBackend
from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.backup import backup_folder, make_backup
from cryolog.db.database import open_database
from cryolog.db.errors import DatabaseProblem
from cryolog.domain import locale as loc
from cryolog.services.copy import copy_between
from cryolog.ui.app import DesktopApp
from cryolog.ui.copy_dialog import explained
from cryolog.ui.encrypt_dialog import NewPassphraseDialog, RecoveryKeyDialog
from tests.storage_mounts import fill, tmpfs
from tests.ui.storage_setup import desktop, make_db, started

__all__ = ["desktop"]

PASSPHRASE = "a long practice passphrase"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keys, "ITERATIONS", 1000)
    yield
    keys._ring.clear()


def test_a_backup_that_could_not_be_encrypted_is_named_in_russian(
    qtbot: QtBot,
    desktop: DesktopApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    russian: None,
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

        monkeypatch.setattr(NewPassphraseDialog, "exec", fill_in)
        monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda dialog: 1)
        assert desktop.encrypt(window)
        assert desktop.message is not None
        text = desktop.message.text()
        assert f"Резервную копию {backup.path.name} не удалось зашифровать" in text
        assert "она удалена, чтобы не осталось незашифрованной копии" in text
        assert "could not be encrypted" not in text and "it was removed" not in text
        assert not backup.path.exists()
        qtbot.addWidget(window)
        window.close()
        filler.unlink()


def test_a_refused_copy_is_explained_in_russian_and_in_english_on_the_command_line(
    tmp_path: Path, russian: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source = make_db(tmp_path / "practice.db", patients=1)
    existing = tmp_path / "copy.db"
    existing.write_bytes(b"")
    db = open_database(source)
    try:
        with pytest.raises(DatabaseProblem) as refused:
            copy_between(db.storage, str(existing))
        said = explained(refused.value, db, str(existing))
        assert said == f"{existing} уже существует; копируйте в новый файл (ничего не изменено)."
        with pytest.raises(DatabaseProblem) as same:
            copy_between(db.storage, str(source))
        assert explained(same.value, db, str(source)) != str(same.value.said.render(loc.MACHINE))
    finally:
        db.dispose()
    loc.use_language(None)  # the command line: English whatever the window speaks
    assert main(["copy", "--from", str(source), "--to", str(existing)]) != 0
    err = capsys.readouterr().err
    assert "exists already; copy into a new file" in err and "существует" not in err


def test_a_file_that_is_no_backup_is_refused_in_russian(tmp_path: Path, russian: None) -> None:
    from cryolog.services.restore import checked_source
    from cryolog.ui.errors import plain_message

    path = make_db(tmp_path / "practice.db", patients=1)
    backend = SqliteFileBackend(path)
    with pytest.raises(DatabaseProblem) as itself:
        checked_source(backend, path)
    assert plain_message(itself.value) == f"{path} — сама база данных, а не её резервная копия."
    with pytest.raises(DatabaseProblem) as folder:
        checked_source(backend, tmp_path)
    assert plain_message(folder.value) == f"{tmp_path} — не файл резервной копии."
    assert folder.value.said.render(loc.MACHINE) == f"{tmp_path} is not a backup file."
