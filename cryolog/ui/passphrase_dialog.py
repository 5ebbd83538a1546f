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
from cryolog.db.errors import DatabaseProblem

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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _recovery_toggled(self, on: bool) -> None:
        self.field.clear()
        self.error.hide()
        self.field.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText("XXXX-XXXX-…" if on else "")

    def try_accept(self) -> None:
        text = self.field.text()
        try:
            self._check(text, self.recovery.isChecked())
        except DatabaseProblem as exc:
            self.field.clear()
            self.error.setText(str(exc))
            self.error.show()
            self.field.setFocus()
            return
        self.field.clear()
        self.accept()


def unlock_check(backend: SqlcipherFileBackend) -> Check:
    def check(text: str, recovery: bool) -> None:
        if recovery:
            backend.unlock_with_recovery_key(text)
        else:
            backend.unlock(text)

    return check


def ask_to_unlock(backend: SqlcipherFileBackend, parent: QWidget | None = None) -> bool:
    """Ask for the passphrase of ``backend``'s file until it opens; False when cancelled."""
    dialog = PassphraseDialog(
        QCoreApplication.translate("PassphraseDialog", "Encrypted database"),
        QCoreApplication.translate(
            "PassphraseDialog", "{name} is encrypted. Type its passphrase to open it."
        ).format(name=backend.file.name),
        unlock_check(backend),
        parent,
    )
    return dialog.exec() == QDialog.DialogCode.Accepted
