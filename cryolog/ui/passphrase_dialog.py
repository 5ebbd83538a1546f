"""The passphrase of an encrypted database, asked before the window (and by the idle lock).

The practitioner types the passphrase (or, having lost it, the recovery key); a wrong one
is said under the field and the dialog stays open. Nothing typed here is stored or logged:
the field is cleared as soon as it has been checked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cryolog.db.backends import SqlcipherFileBackend
from cryolog.db.errors import DatabaseCorrupt, DatabaseProblem
from cryolog.ui.backup_progress import run_with_progress

Check = Callable[[str, bool], None]
"""``check(text, is_recovery_key)``: raises DatabaseProblem when ``text`` does not open."""


class PassphraseDialog(QDialog):
    def __init__(
        self,
        title: str,
        prompt: str,
        check: Check,
        parent: QWidget | None = None,
        *,
        offer_recovery: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._check = check
        layout = QVBoxLayout(self)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(1024)
        self.field.setObjectName("passphrase")
        layout.addWidget(self.field)
        self.error = QLabel("")
        self.error.setObjectName("passphraseError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.recovery = QCheckBox(self.tr("I lost the passphrase: use the recovery key"))
        self.recovery.setVisible(offer_recovery)
        self.recovery.toggled.connect(self._recovery_toggled)
        layout.addWidget(self.recovery)
        self.new_label = QLabel(
            self.tr("New passphrase (the key-check file is written again with it):")
        )
        self.new_label.setWordWrap(True)
        self.new_field = QLineEdit()
        self.new_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_field.setMaxLength(1024)
        self.new_field.setObjectName("newPassphrase")
        layout.addWidget(self.new_label)
        layout.addWidget(self.new_field)
        self.asks_new = False
        self.new_label.hide()
        self.new_field.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def ask_new_passphrase(self) -> None:
        """With the recovery key, also ask the passphrase a new key-check file is wrapped
        under (a lost key-check file without a spare copy)."""
        self.asks_new = True
        self._recovery_toggled(self.recovery.isChecked())

    def new_passphrase(self) -> str | None:
        if not (self.asks_new and self.recovery.isChecked()):
            return None
        return self.new_field.text()

    def _recovery_toggled(self, on: bool) -> None:
        self.field.clear()
        self.error.hide()
        self.field.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText("XXXX-XXXX-…" if on else "")
        self.new_label.setVisible(self.asks_new and on)
        self.new_field.setVisible(self.asks_new and on)

    def try_accept(self) -> None:
        text = self.field.text()
        recovery = self.recovery.isChecked()
        self.error.hide()
        try:
            # the key derivation (~0.65 s) runs off the window's thread, a progress shown
            run_with_progress(
                self,
                self.windowTitle(),
                self.tr("Checking…"),
                lambda _progress: self._check(text, recovery),
                show_after_ms=300,
            )
        except DatabaseCorrupt:
            # the key is right but the file is damaged: the opening goes on to say so
            # and to offer the last good backup
            self._clear()
            self.accept()
            return
        except DatabaseProblem as exc:
            self.field.clear()
            self.error.setText(str(exc))
            self.error.show()
            self.field.setFocus()
            return
        self._clear()
        self.accept()

    def _clear(self) -> None:
        self.field.clear()
        self.new_field.clear()


def unlock_check(
    backend: SqlcipherFileBackend, new_passphrase: Callable[[], str | None] = lambda: None
) -> Check:
    def check(text: str, recovery: bool) -> None:
        if recovery:
            backend.unlock_with_recovery_key(text, new_passphrase())
        else:
            backend.unlock(text)

    return check


def _prompt(backend: SqlcipherFileBackend, spare: bool) -> str:
    name = backend.file.name
    if not backend.key_file_missing:
        return QCoreApplication.translate(
            "PassphraseDialog", "{name} is encrypted. Type its passphrase to open it."
        ).format(name=name)
    if spare:
        return QCoreApplication.translate(
            "PassphraseDialog",
            "{name} is encrypted, and its key-check file ({name}.key) is missing: it was"
            " moved or deleted. The database itself is not known to be damaged. Type its"
            " passphrase (checked against the spare copy in the backups folder) or use the"
            " recovery key: the key-check file is then written again.",
        ).format(name=name)
    return QCoreApplication.translate(
        "PassphraseDialog",
        "{name} is encrypted, and its key-check file ({name}.key) is missing: it was moved"
        " or deleted, and no spare copy was found in the backups folder. Without it the"
        " passphrase cannot be checked: open the database with its recovery key and choose"
        " a new passphrase; the key-check file is then written again.",
    ).format(name=name)


def passphrase_dialog(
    backend: SqlcipherFileBackend, parent: QWidget | None = None
) -> PassphraseDialog:
    """The dialog that opens ``backend``'s file (a lost key-check file said so)."""
    spare = backend.has_spare_key_file
    holder: list[PassphraseDialog] = []
    dialog = PassphraseDialog(
        QCoreApplication.translate("PassphraseDialog", "Encrypted database"),
        _prompt(backend, spare),
        unlock_check(backend, lambda: holder[0].new_passphrase() if holder else None),
        parent,
    )
    holder.append(dialog)
    if backend.key_file_missing and not spare:
        dialog.ask_new_passphrase()
        dialog.recovery.setChecked(True)
    return dialog


def ask_to_unlock(backend: SqlcipherFileBackend, parent: QWidget | None = None) -> bool:
    """Ask for the passphrase of ``backend``'s file until it opens; False when cancelled."""
    return passphrase_dialog(backend, parent).exec() == QDialog.DialogCode.Accepted
