"""File › Encrypt database… / Change passphrase… / Decrypt database… in the running app.

Converting rewrites the file, so the window closes first (asking about unsaved work, like a
restore), the conversion runs on its own thread with a progress dialog, and the database
opens again; after encrypting, the recovery key is shown before anything else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

from cryolog.db.backends import SqlcipherFileBackend, SqliteFileBackend
from cryolog.db.errors import DatabaseProblem
from cryolog.domain.messages import Message
from cryolog.ui.backup_progress import run_with_progress
from cryolog.ui.passphrase_dialog import PassphraseDialog
from cryolog.ui.recovery_open import OpenedDatabase, open_interactively
from cryolog.ui.staying_open import staying_open

if TYPE_CHECKING:
    from cryolog.ui.encrypt_dialog import RecoveryKeyDialog
    from cryolog.ui.main_window import MainWindow

T = TypeVar("T")


def _with_failures(message: str, failed: Sequence[Message]) -> str:
    if not failed:
        return message
    lead = QCoreApplication.translate("EncryptFlow", "Not every backup could be converted:")
    return "\n\n".join((message, lead, *(f.render() for f in failed)))


def _change(path: Path, old: str, new: str, _progress: object) -> None:
    from cryolog.services.encryption import change_passphrase

    change_passphrase(path, old, new)


class EncryptionParts:
    """Mixed into ``DesktopApp``: the encryption actions of the File menu."""

    settings: QSettings
    opened: OpenedDatabase | None
    window: MainWindow | None
    message: QMessageBox | None = None
    encrypt_action: QAction | None = None
    passphrase_action: QAction | None = None
    decrypt_action: QAction | None = None
    recovery_dialog: RecoveryKeyDialog | None = None
    _show: Callable[[OpenedDatabase], None]
    close: Callable[[], None]

    def _encryption_parts(self, window: MainWindow, opened: OpenedDatabase) -> list[QAction]:
        storage = opened.db.storage
        encrypted = isinstance(storage, SqlcipherFileBackend)
        on_file = isinstance(storage, SqliteFileBackend) and not opened.db.read_only
        self.encrypt_action = QAction(
            QCoreApplication.translate("EncryptFlow", "&Encrypt database…"), window
        )
        self.passphrase_action = QAction(
            QCoreApplication.translate("EncryptFlow", "Change &passphrase…"), window
        )
        self.decrypt_action = QAction(
            QCoreApplication.translate("EncryptFlow", "&Decrypt database…"), window
        )
        self.encrypt_action.setVisible(not encrypted)
        self.encrypt_action.setEnabled(on_file)
        self.passphrase_action.setVisible(encrypted)
        self.decrypt_action.setVisible(encrypted)
        self.encrypt_action.triggered.connect(lambda: self.encrypt(window))
        self.passphrase_action.triggered.connect(lambda: self.change_passphrase(window))
        self.decrypt_action.triggered.connect(lambda: self.decrypt(window))
        return [self.encrypt_action, self.passphrase_action, self.decrypt_action]

    # the three actions ----------------------------------------------------------------

    def encrypt(self, window: MainWindow) -> bool:
        from cryolog.services.encryption import encrypt_database
        from cryolog.ui.encrypt_dialog import NewPassphraseDialog, RecoveryKeyDialog, encrypt_intro

        dialog = NewPassphraseDialog(
            QCoreApplication.translate("EncryptFlow", "Encrypt database"), encrypt_intro(), window
        )
        if dialog.exec() != NewPassphraseDialog.DialogCode.Accepted:
            return False
        passphrase, choice = dialog.passphrase(), dialog.backups
        dialog.clear()
        result = self._convert(
            window,
            QCoreApplication.translate("EncryptFlow", "Encrypting"),
            lambda path, step: encrypt_database(path, passphrase, choice, step),
            encrypting=True,
        )
        if result is None:
            return False
        self.recovery_dialog = RecoveryKeyDialog(result.recovery_key, None)
        self.recovery_dialog.exec()
        self.recovery_dialog = None
        return self._reopen_converted(
            result.database,
            _with_failures(
                QCoreApplication.translate("EncryptFlow", "The database is encrypted."),
                result.backups_failed,
            ),
        )

    def decrypt(self, window: MainWindow) -> bool:
        from cryolog.services.encryption import decrypt_database

        asked: list[str] = []

        def remember(text: str, _recovery: bool) -> None:
            storage = self.opened.db.storage if self.opened else None
            if isinstance(storage, SqlcipherFileBackend):
                storage.unlock(text)  # raises WrongPassphrase: said under the field
            asked.append(text)

        dialog = PassphraseDialog(
            QCoreApplication.translate("EncryptFlow", "Decrypt database"),
            QCoreApplication.translate(
                "EncryptFlow",
                "Decrypting writes the database as a plain file that anyone with the file"
                " can read; existing backups are decrypted too. Type the passphrase.",
            ),
            remember,
            window,
            offer_recovery=False,
        )
        if dialog.exec() != PassphraseDialog.DialogCode.Accepted or not asked:
            return False
        passphrase = asked[0]
        result = self._convert(
            window,
            QCoreApplication.translate("EncryptFlow", "Decrypting"),
            lambda path, step: decrypt_database(path, passphrase, step=step),
            encrypting=False,
        )
        if result is None:
            return False
        return self._reopen_converted(
            result.database,
            _with_failures(
                QCoreApplication.translate("EncryptFlow", "The database is decrypted."),
                result.backups_failed,
            ),
        )

    def change_passphrase(self, window: MainWindow) -> bool:
        from cryolog.ui.encrypt_dialog import NewPassphraseDialog

        opened = self.opened
        if opened is None or opened.db.path is None:
            return False
        path = opened.db.path
        dialog = NewPassphraseDialog(
            QCoreApplication.translate("EncryptFlow", "Change passphrase"),
            QCoreApplication.translate(
                "EncryptFlow", "The recovery key stays the same; backups stay readable."
            ),
            window,
            with_backups=False,
            ask_current=True,
        )
        while dialog.exec() == NewPassphraseDialog.DialogCode.Accepted:
            old, new = dialog.current.text(), dialog.passphrase()
            try:
                run_with_progress(  # two key derivations: off the window's thread
                    window,
                    QCoreApplication.translate("EncryptFlow", "Change passphrase"),
                    QCoreApplication.translate("EncryptFlow", "Changing the passphrase…"),
                    partial(_change, path, old, new),
                    show_after_ms=300,
                )
            except DatabaseProblem as exc:
                dialog.error.setText(str(exc))
                dialog.error.show()
                dialog.current.clear()
                continue
            dialog.clear()
            window.statusBar().showMessage(
                QCoreApplication.translate("EncryptFlow", "The passphrase was changed."), 10_000
            )
            return True
        dialog.clear()
        return False

    # converting with the window closed ------------------------------------------------

    def _convert(
        self,
        window: MainWindow,
        title: str,
        work: Callable[[Path, Callable[[str], None]], T],
        *,
        encrypting: bool,
    ) -> T | None:
        from cryolog.ui.encrypt_progress import run_with_steps, step_texts

        opened = self.opened
        if opened is None or opened.db.path is None:
            return None
        path = opened.db.path
        with staying_open():
            if not window.close():
                return None
            lock = opened.take_lock()
            self.close()
            try:
                return run_with_steps(title, step_texts(encrypting), lambda step: work(path, step))
            except DatabaseProblem as exc:
                self._reopen_converted(
                    path,
                    QCoreApplication.translate("EncryptFlow", "Nothing was changed: {0}").format(
                        exc
                    ),
                )
                return None
            finally:
                if lock is not None:
                    lock.release()

    def _reopen_converted(self, path: Path, message: str) -> bool:
        reopened = open_interactively(str(path), settings=self.settings)
        if reopened is None:
            QApplication.quit()
            return False
        self._show(reopened)
        if self.window is not None:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                QCoreApplication.translate("EncryptFlow", "Encryption"),
                message,
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setObjectName("encryptionDone")
            self.message = box
            box.open()
        return True
