"""What the idle lock shows: an opaque cover over every window of cryolog, and on the main
window the lock screen with its passphrase (or PIN) field, the check in progress, a wrong
answer said plainly, and any session or ice-cube alarm that rang meanwhile (without a
patient's name)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from cryolog.db.backends import sqlcipher_keys as keys

COVER_COLOUR = "#1f2a36"


def alarm_text(what: str) -> str:
    if what.startswith("ice"):
        return QCoreApplication.translate("IdleLock", "The ice-cube test time is up.")
    return QCoreApplication.translate("IdleLock", "Exposure time is up: the session needs you.")


class Cover(QWidget):
    """An opaque cover over one window."""

    def __init__(self, over: QWidget) -> None:
        super().__init__(over)
        self.setObjectName("idleCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            f"#idleCover {{ background: {COVER_COLOUR}; }} QLabel {{ color: white; }}"
        )
        self.setGeometry(over.rect())
        over.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class LockScreen(Cover):
    """What unlocks: a window of its own laid exactly over the main window (which has a
    plain cover too), application-modal, so it takes the typing even while a modal
    dialog is open underneath. ``attempt(text)`` starts a check off the window's thread;
    the lock calls ``checking()`` meanwhile and ``refused(message)`` on a wrong answer."""

    def __init__(self, over: QWidget, prompt: str, attempt: Callable[[str], None]) -> None:
        super().__init__(over)
        self._over = over
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowTitle(self.tr("cryolog (locked)"))
        self.setGeometry(over.geometry())
        self._attempt = attempt
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("cryolog is locked"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        layout.addWidget(title, alignment=Qt.AlignmentFlag.AlignCenter)
        self.alarm = QLabel("")
        self.alarm.setObjectName("lockAlarm")
        self.alarm.setStyleSheet(
            "background: #c62828; color: white; font-size: 18px; padding: 10px;"
        )
        self.alarm.hide()
        layout.addWidget(self.alarm, alignment=Qt.AlignmentFlag.AlignCenter)
        self.prompt = QLabel(prompt)
        layout.addWidget(self.prompt, alignment=Qt.AlignmentFlag.AlignCenter)
        self.field = QLineEdit()
        self.field.setObjectName("unlockField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(keys.MAX_PASSPHRASE)
        self.field.setMinimumWidth(320)
        self.field.returnPressed.connect(self.try_unlock)
        layout.addWidget(self.field, alignment=Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel("")
        self.status.setObjectName("unlockStatus")
        layout.addWidget(self.status, alignment=Qt.AlignmentFlag.AlignCenter)
        self.error = QLabel("")
        self.error.setObjectName("unlockError")
        self.error.setStyleSheet("color: #ffab91;")
        for line in (self.status, self.error):  # room for a sentence that comes later
            line.setWordWrap(True)
            line.setMinimumWidth(460)
            line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.error, alignment=Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self.tr("Unlock"))
        self.button.clicked.connect(self.try_unlock)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignCenter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and watched is self._over:
            self.setGeometry(self._over.geometry())
        return False

    @property
    def busy(self) -> bool:
        return not self.field.isEnabled()

    def try_unlock(self) -> None:
        if self.busy:
            return
        text = self.field.text()
        self.field.clear()
        self._attempt(text)

    def checking(self) -> None:
        self.error.setText("")
        self.status.setText(self.tr("Checking…"))
        self.field.setEnabled(False)
        self.button.setEnabled(False)

    def refused(self, message: str) -> None:
        self.status.setText("")
        self.error.setText(message)
        self.field.setEnabled(True)
        self.button.setEnabled(True)
        self.field.setFocus()

    def show_alarm(self, what: str) -> None:
        self.alarm.setText(alarm_text(what))
        self.alarm.show()
