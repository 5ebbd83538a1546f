"""File › Encrypt database…: the passphrase (twice), what happens to the backups, the
plain warnings; then the recovery key to copy by hand or print (never saved to a file)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cryolog.db.backends.sqlcipher_keys import MAX_PASSPHRASE, passphrase_problem
from cryolog.services.encryption import BackupChoice


class NewPassphraseDialog(QDialog):
    """A new passphrase typed twice; ``with_backups`` adds the backups' choice."""

    def __init__(
        self,
        title: str,
        intro: str,
        parent: QWidget | None = None,
        *,
        with_backups: bool = True,
        ask_current: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.current = QLineEdit()
        self.first = QLineEdit()
        self.second = QLineEdit()
        for field in (self.current, self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(MAX_PASSPHRASE)
        if ask_current:
            form.addRow(self.tr("Current passphrase"), self.current)
        form.addRow(self.tr("New passphrase"), self.first)
        form.addRow(self.tr("The same again"), self.second)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("passphraseError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.convert = QRadioButton(self.tr("Encrypt the existing backups too"))
        self.remove = QRadioButton(self.tr("Remove the existing backups"))
        self.convert.setChecked(True)
        if with_backups:
            layout.addWidget(self.convert)
            layout.addWidget(self.remove)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    @property
    def backups(self) -> BackupChoice:
        return "remove" if self.remove.isChecked() else "convert"

    def try_accept(self) -> None:
        problem = passphrase_problem(self.first.text())
        if problem is None and self.first.text() != self.second.text():
            problem = self.tr("The two passphrases differ.")
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.second.clear()
            return
        self.accept()

    def passphrase(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        for field in (self.current, self.first, self.second):
            field.clear()


def encrypt_intro() -> str:
    text = QCoreApplication.translate(
        "EncryptDialog",
        "Encrypting rewrites the database so that nobody can read it without the"
        " passphrase. The window closes meanwhile and opens again when it is done.",
    )
    lost = QCoreApplication.translate(  # services.encryption.LOST_NOTE
        "EncryptDialog",
        "Without the passphrase or the recovery key nobody can open this"
        " database, not even cryolog's makers: keep the recovery key on paper in a"
        " safe place.",
    )
    ssd = QCoreApplication.translate(  # services.encryption.SSD_NOTE
        "EncryptDialog",
        "A solid-state disk or a file system with snapshots may still keep blocks"
        " of the old unencrypted file; on such a disk only a new, encrypted"
        " database from the start is sure to hold nothing readable.",
    )
    return " ".join((text, lost, ssd))


class RecoveryKeyDialog(QDialog):
    """The recovery key, large and selectable, with Print…; OK only once the practitioner
    says it is written down."""

    def __init__(self, key_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recovery key"))
        self._key = key_text
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Copy this recovery key by hand (or print it) and keep it in a safe place."
                " It opens the database if the passphrase is lost; cryolog does not keep it"
                " anywhere else and cannot show it without the passphrase."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key_label = QLabel(_grouped(key_text))
        self.key_label.setObjectName("recoveryKey")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(15)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.key_label)
        self.written = QCheckBox(self.tr("I have written the recovery key down"))
        layout.addWidget(self.written)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.print_button = QPushButton(self.tr("Print…"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_key)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.written.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def reject(self) -> None:  # Escape does not skip it
        if self.written.isChecked():
            super().reject()

    def print_key(self) -> None:
        """Straight to a printer: printing to a PDF file is not offered."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
            return
        painter = QPainter(printer)
        try:
            painter.drawText(
                printer.pageLayout().paintRectPixels(printer.resolution()),
                Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter,
                self.tr("cryolog recovery key") + "\n\n" + _grouped(self._key),
            )
        finally:
            painter.end()


def _grouped(key_text: str) -> str:
    groups = key_text.split("-")
    return "\n".join("  ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))
