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
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from cryolog.db.backends import SqlcipherFileBackend
from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.database import Database
from cryolog.ui import privacy_settings
from cryolog.ui.idle_lock_screen import COVER_COLOUR, Cover, LockScreen, alarm_text
from cryolog.ui.session_clock import app_alarm
from cryolog.ui.tasks import TaskRunner

__all__ = ["COVER_COLOUR", "Cover", "IdleLock", "LockScreen", "alarm_text", "install_idle_lock"]

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
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


def passphrase_opens(database: Path, key: bytes, text: str) -> bool:
    """Whether ``text`` — the passphrase, or the recovery key — gives ``key``: unwrapped
    from the key-check file of ``database`` or, that one gone, its spare (the ~0.65 s key
    derivation: run it off the window's thread)."""
    if keys.parse_recovery(text) == key:
        return True
    try:
        key_file = keys.read_key_file(database)
    except keys.KeyFileProblem:
        spare = keys.read_spare_key_file(database)
        if spare is None:
            return False
        key_file = spare
    try:
        return keys.unwrap(key_file, text) == key
    except keys.WrongKey:
        return False


class IdleLock(QObject):
    """Watches input for ``window``; locks it after ``minutes`` (0: never).

    The answer typed on the lock is checked on a lane of its own (a single worker from
    ui/tasks.py), so the window's thread never waits on the key derivation and an unlock
    never waits behind a backup on the window's background lane."""

    locked_changed = Signal(bool)
    checked = Signal(bool)
    """The answer to one unlock attempt was checked: right (True) or wrong (False)."""

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
        self.lane = TaskRunner(self, "lock")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.screen: LockScreen | None = None
        self.covers: list[Cover] = []
        self.titles: list[tuple[QWidget, str]] = []
        self.set_minutes(privacy_settings.idle_minutes(settings) if minutes is None else minutes)
        self.watching = False
        window.destroyed.connect(self._detach)

    def watch(self) -> None:
        """Start watching the keyboard and the mouse (idempotent). The window calls it once
        its first page is on screen: an application-wide filter sees every event of every
        object, which would slow the window's first build and show for nothing (the lock
        cannot come before its minutes have run out); locking watches in any case."""
        app = QApplication.instance()
        if app is not None and not self.watching:
            app.installEventFilter(self)
            self.watching = True

    def _detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.lane.shutdown()

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

    def _encrypted(self) -> SqlcipherFileBackend | None:
        storage = self.db.storage
        return storage if isinstance(storage, SqlcipherFileBackend) else None

    def _prompt(self) -> str:
        if self._encrypted() is not None:
            return self.tr("Type the database's passphrase to go on.")
        if privacy_settings.has_pin(self.settings):
            return self.tr("Type the practice PIN to go on.")
        return self.tr("Press Unlock to go on (set a practice PIN in Preferences).")

    def lock(self) -> None:
        if self.locked or not self.window.isVisible():
            return
        self.watch()  # what reaches the window while locked is held back by the filter
        self.timer.stop()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and widget.isWindow():
                cover = Cover(widget)
                cover.show()
                cover.raise_()
                self.covers.append(cover)
        self._hide_titles([self.window, *(c.parentWidget() for c in self.covers)])
        cover = Cover(self.window)
        cover.show()
        cover.raise_()
        self.covers.append(cover)
        self.screen = LockScreen(self.window, self._prompt(), self.attempt)
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        self.screen.field.setFocus()
        app_alarm().listeners.append(self._alarm_rang)
        self.locked_changed.emit(True)

    def _alarm_rang(self, what: str) -> None:
        if self.screen is not None:
            self.screen.show_alarm(what)
            self.screen.raise_()

    # unlocking --------------------------------------------------------------------------

    def check_work(self, text: str) -> Callable[[], bool] | None:
        """The check of ``text`` as work for the lock's lane (everything it needs read here,
        on the window's thread); None when no check is needed (no PIN set)."""
        storage = self._encrypted()
        if storage is not None:
            key = storage.key
            database = storage.file
            if key is None:
                return lambda: False
            return lambda: passphrase_opens(database, key, text)
        if privacy_settings.has_pin(self.settings):
            stored = privacy_settings.stored_pin(self.settings)
            return lambda: privacy_settings.stored_pin_matches(stored, text)
        return None

    def _wrong(self) -> str:
        storage = self._encrypted()
        if storage is not None and not storage.has_spare_key_file and storage.key_file_missing:
            return self.tr(
                "The key-check file beside the database is missing, so the passphrase cannot"
                " be checked: type the recovery key to go on."
            )
        if storage is not None:
            return self.tr("That passphrase is wrong. The window stays locked; try again.")
        return self.tr("That PIN is wrong. The window stays locked; try again.")

    def _empty(self) -> str:
        if self._encrypted() is not None:
            return self.tr("Type the passphrase first.")
        return self.tr("Type the PIN first.")

    def attempt(self, text: str) -> None:
        """Check ``text`` off the window's thread; unlock when it is right."""
        screen = self.screen
        if screen is None:
            return
        work = self.check_work(text)
        if work is None:
            self.unlock()
            return
        if not text:
            screen.refused(self._empty())
            return
        screen.checking()
        self.lane.submit("unlock", work, self._answered, self._failed, owner=screen)

    def _answered(self, right: object) -> None:
        if right is True:
            self.unlock()
        elif self.screen is not None:
            self.screen.refused(self._wrong())
        self.checked.emit(right is True)

    def _failed(self, exc: BaseException, details: str) -> None:
        if self.screen is not None:
            self.screen.refused(self.tr("The answer could not be checked ({0}).").format(exc))
        self.checked.emit(False)

    def _hide_titles(self, windows: list[QWidget | None]) -> None:
        """A window's title (a dialog's may name the patient) shows above any cover: while
        locked every title is the same plain one."""
        locked = self.tr("cryolog (locked)")
        for window in windows:
            if window is not None:
                self.titles.append((window, window.windowTitle()))
                window.setWindowTitle(locked)

    def _restore_titles(self) -> None:
        for window, title in self.titles:
            if shiboken6.isValid(window):
                window.setWindowTitle(title)
        self.titles = []

    def unlock(self) -> None:
        self._restore_titles()
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


def install_idle_lock(window: QWidget, db: Database, settings: QSettings) -> IdleLock:
    lock = IdleLock(window, db, settings)
    window.idle_lock = lock  # type: ignore[attr-defined]
    return lock
