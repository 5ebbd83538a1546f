"""The idle lock: after some minutes without a key or a mouse event the window is covered
and the passphrase (an encrypted database) or the practice PIN (a plain file) is asked.

An application-wide event filter restarts a one-shot timer on every key and mouse event.
Locking covers every open window of cryolog without touching it (forms keep their typing,
dialogs stay open underneath); while locked, input to anything but the lock is swallowed.
A session or ice-cube timer that rings while locked shows over the lock (without a name:
"Exposure time is up") and its sound is the alarm's own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cryolog.db.backends import SqlcipherFileBackend
from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.database import Database
from cryolog.ui import privacy_settings
from cryolog.ui.session_clock import app_alarm

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
COVER_COLOUR = "#1f2a36"
BLOCKED = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
}


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
    """The main window's cover: what unlocks it, and any alarm that rang meanwhile."""

    def __init__(self, over: QWidget, prompt: str, unlock: Callable[[str], bool]) -> None:
        super().__init__(over)
        self._unlock = unlock
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
        self.error = QLabel("")
        self.error.setObjectName("unlockError")
        self.error.setStyleSheet("color: #ffab91;")
        layout.addWidget(self.error, alignment=Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self.tr("Unlock"))
        self.button.clicked.connect(self.try_unlock)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignCenter)

    def try_unlock(self) -> None:
        text = self.field.text()
        self.field.clear()
        if not self._unlock(text):
            self.error.setText(self.tr("That is not it. Try again."))
            self.field.setFocus()

    def show_alarm(self, what: str) -> None:
        self.alarm.setText(alarm_text(what))
        self.alarm.show()


class IdleLock(QObject):
    """Watches input for ``window``; locks it after ``minutes`` (0: never)."""

    locked_changed = Signal(bool)

    def __init__(
        self,
        window: QWidget,
        db: Database,
        settings: QSettings,
        minutes: int | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.settings = settings
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.screen: LockScreen | None = None
        self.covers: list[Cover] = []
        self.set_minutes(privacy_settings.idle_minutes(settings) if minutes is None else minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.destroyed.connect(self._detach)

    def _detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes <= 0:
            self.timer.stop()
        else:
            self.timer.setInterval(minutes * 60_000)
            if not self.locked:
                self.timer.start()

    @property
    def locked(self) -> bool:
        return self.screen is not None

    # watching ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if self.screen is not None:
            return kind in BLOCKED and not self._on_lock(watched)
        if kind in ACTIVITY and self.minutes > 0:
            self.timer.start()
        return False

    def _on_lock(self, watched: QObject) -> bool:
        screen = self.screen
        node: QObject | None = watched
        while node is not None:
            if node is screen:
                return True
            node = node.parent()
        return False

    # locking ----------------------------------------------------------------------------

    def _prompt(self) -> str:
        if isinstance(self.db.storage, SqlcipherFileBackend):
            return self.tr("Type the database's passphrase to go on.")
        if privacy_settings.has_pin(self.settings):
            return self.tr("Type the practice PIN to go on.")
        return self.tr("Press Unlock to go on (set a practice PIN in Preferences).")

    def lock(self) -> None:
        if self.locked or not self.window.isVisible():
            return
        self.timer.stop()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and widget.isWindow():
                cover = Cover(widget)
                cover.show()
                cover.raise_()
                self.covers.append(cover)
        self.screen = LockScreen(self.window, self._prompt(), self.unlock)
        self.screen.show()
        self.screen.raise_()
        self.screen.field.setFocus()
        app_alarm().listeners.append(self._alarm_rang)
        self.locked_changed.emit(True)

    def _alarm_rang(self, what: str) -> None:
        if self.screen is not None:
            self.screen.show_alarm(what)
            self.screen.raise_()

    def check(self, text: str) -> bool:
        storage = self.db.storage
        if isinstance(storage, SqlcipherFileBackend):
            if storage.path is None or storage.key is None or not text:
                return False
            try:
                return keys.unwrap(keys.read_key_file(storage.file), text) == storage.key
            except (keys.WrongKey, keys.KeyFileProblem):
                return False
        if privacy_settings.has_pin(self.settings):
            return privacy_settings.pin_matches(self.settings, text)
        return True

    def unlock(self, text: str) -> bool:
        if not self.check(text):
            return False
        listeners = app_alarm().listeners
        if self._alarm_rang in listeners:
            listeners.remove(self._alarm_rang)
        for cover in self.covers:
            cover.deleteLater()
        self.covers = []
        if self.screen is not None:
            self.screen.hide()
            self.screen.deleteLater()
            self.screen = None
        if self.minutes > 0:
            self.timer.start()
        self.locked_changed.emit(False)
        return True


def install_idle_lock(window: QWidget, db: Database, settings: QSettings) -> IdleLock:
    lock = IdleLock(window, db, settings)
    window.idle_lock = lock  # type: ignore[attr-defined]
    return lock
