"""The idle lock over a real window: it locks after the idle time, keeps typing untouched,
swallows input, shows a ringing timer without a name, and opens with the PIN/passphrase."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.services.encryption import encrypt_database
from cryolog.ui import privacy_settings, session_clock
from cryolog.ui.app import DesktopApp
from cryolog.ui.idle_lock import COVER_COLOUR, IdleLock
from tests.ui.conftest import QuietAlarm
from tests.ui.storage_setup import desktop, make_db, started

__all__ = ["desktop"]

PASSPHRASE = "a long practice passphrase"


class ListenedAlarm(QuietAlarm):
    def ring(self, widget: QWidget | None, what: str) -> None:
        super().ring(widget, what)
        for listener in list(self.listeners):
            listener(what)


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keys, "ITERATIONS", 1000)
    yield
    keys._ring.clear()


def _lock_of(desktop: DesktopApp) -> IdleLock:
    lock = getattr(desktop.window, "idle_lock", None)
    assert isinstance(lock, IdleLock)
    return lock


def test_settings_default_to_five_minutes_and_keep_only_a_hash(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert privacy_settings.idle_minutes(settings) == 5
    settings.setValue(privacy_settings.IDLE_KEY, "lots")
    assert privacy_settings.idle_minutes(settings) == 5
    privacy_settings.set_pin(settings, "4711")
    settings.sync()
    stored = (tmp_path / "s.ini").read_text()
    assert "4711" not in stored and "pbkdf2" in stored
    assert privacy_settings.pin_matches(settings, "4711")
    assert not privacy_settings.pin_matches(settings, "4712")
    assert privacy_settings.pin_problem("12") is not None


def test_the_lock_covers_the_window_and_keeps_typing(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    privacy_settings.set_pin(desktop.settings, "4711")
    started(qtbot, desktop, make_db(tmp_path / "practice.db"))
    window = desktop.window
    assert window is not None
    lock = _lock_of(desktop)
    assert lock.minutes == 5 and lock.timer.isActive()
    dialog = window.new_patient()
    dialog.setWindowTitle("New patient: Unsaved Name")
    window_title = window.windowTitle()
    qtbot.keyClicks(dialog.form.family, "Unsaved Name")
    lock.timer.setInterval(200)
    lock.timer.start()
    qtbot.mouseMove(window)  # activity restarts the timer: not locked yet
    assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    screen = lock.screen
    assert screen is not None and screen.isVisible()
    assert screen.isWindow() and screen.geometry() == window.geometry()
    assert QApplication.activeModalWidget() is screen  # it takes the typing, nothing else
    picture = window.grab().toImage()  # nothing of the list shows through
    corner = picture.pixelColor(30, 150).name()
    assert corner == COVER_COLOUR
    assert lock.covers and all(c.isVisible() for c in lock.covers)  # the open dialog too
    assert "Unsaved" not in dialog.windowTitle()  # a title shows above any cover
    assert dialog.windowTitle() == window.windowTitle() == "cryolog (locked)"
    qtbot.keyClicks(dialog.form.family, "XYZ")  # swallowed while locked
    assert dialog.form.family.text() == "Unsaved Name"
    assert "PIN" in screen.prompt.text()
    screen.field.setText("0000")
    with qtbot.waitSignal(lock.checked, timeout=10_000) as answer:
        screen.try_unlock()
        assert not screen.field.isEnabled() and "Checking" in screen.status.text()
    assert answer.args == [False]
    assert lock.locked and "PIN is wrong" in screen.error.text()
    assert screen.field.isEnabled() and screen.status.text() == ""
    screen.field.setText("4711")
    with qtbot.waitSignal(lock.checked, timeout=10_000):
        screen.try_unlock()
    assert not lock.locked and lock.covers == []
    assert dialog.windowTitle() == "New patient: Unsaved Name"
    assert window.windowTitle() == window_title
    assert dialog.isVisible() and dialog.form.family.text() == "Unsaved Name"
    dialog.form.family.clear()
    dialog.reject()


def test_a_timer_that_rings_shows_over_the_lock_without_a_name(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    alarm = ListenedAlarm()
    session_clock.use(session_clock.app_clock(), alarm)
    started(qtbot, desktop, make_db(tmp_path / "practice.db"))
    lock = _lock_of(desktop)
    lock.lock()
    screen = lock.screen
    assert screen is not None and not screen.alarm.isVisible()
    alarm.ring(desktop.window, "exposure")
    assert screen.alarm.isVisible() and "Exposure time is up" in screen.alarm.text()
    assert "Name0" not in screen.alarm.text()
    alarm.ring(desktop.window, "ice:test")
    assert "ice-cube" in screen.alarm.text()
    screen.field.setText("")
    screen.try_unlock()  # no PIN set: Unlock goes on
    assert not lock.locked and alarm.listeners == []


def test_an_encrypted_database_unlocks_with_its_passphrase(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    path = make_db(tmp_path / "practice.db")
    encrypt_database(path, PASSPHRASE)
    started(qtbot, desktop, path)
    lock = _lock_of(desktop)
    lock.lock()
    screen = lock.screen
    assert screen is not None and "passphrase" in screen.prompt.text()
    screen.field.setText("not the passphrase")
    with qtbot.waitSignal(lock.checked, timeout=10_000):
        screen.try_unlock()
    assert lock.locked and "passphrase is wrong" in screen.error.text()
    screen.try_unlock()  # an empty answer is refused at once, no check needed
    assert lock.locked and "Type the passphrase first" in screen.error.text()
    qtbot.keyClicks(screen.field, PASSPHRASE)
    with qtbot.waitSignal(lock.checked, timeout=10_000):
        qtbot.keyClick(screen.field, Qt.Key.Key_Return)  # typing on the lock itself works
    assert not lock.locked


def test_the_passphrase_is_checked_off_the_windows_thread(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    encrypt_database(path, PASSPHRASE)
    started(qtbot, desktop, path)
    window = desktop.window
    assert window is not None
    dialog = window.new_patient()
    qtbot.keyClicks(dialog.form.family, "Still Typing")
    lock = _lock_of(desktop)
    threads: list[threading.Thread] = []
    real_unwrap = keys.unwrap

    def watched_unwrap(key_file: keys.KeyFile, passphrase: str) -> bytes:
        threads.append(threading.current_thread())
        return real_unwrap(key_file, passphrase)

    monkeypatch.setattr(keys, "unwrap", watched_unwrap)
    lock.lock()
    screen = lock.screen
    assert screen is not None
    screen.field.setText("wrong passphrase here")
    with qtbot.waitSignal(lock.checked, timeout=10_000):
        screen.try_unlock()
        assert screen.busy and not screen.button.isEnabled()
        screen.field.setText(PASSPHRASE)
        screen.try_unlock()  # a second attempt while checking is ignored
    assert lock.locked and len(threads) == 1
    screen.field.setText(PASSPHRASE)
    with qtbot.waitSignal(lock.checked, timeout=10_000):
        screen.try_unlock()
    assert not lock.locked
    main = threading.main_thread()
    assert len(threads) == 2 and all(t is not main for t in threads)
    assert all(t.name.startswith("cryolog-lock") for t in threads)
    assert dialog.isVisible() and dialog.form.family.text() == "Still Typing"
    dialog.form.family.clear()
    dialog.reject()


def test_the_lock_can_be_turned_off(qtbot: QtBot, desktop: DesktopApp, tmp_path: Path) -> None:
    desktop.settings.setValue(privacy_settings.IDLE_KEY, 0)
    started(qtbot, desktop, make_db(tmp_path / "practice.db"))
    lock = _lock_of(desktop)
    assert lock.minutes == 0 and not lock.timer.isActive()


def test_preferences_have_a_privacy_tab_that_refuses_a_short_pin(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    started(qtbot, desktop, make_db(tmp_path / "practice.db"))
    window = desktop.window
    assert window is not None
    dialog = window.preferences()
    tab = dialog.tabs.widget(dialog.tabs.count() - 1)
    assert isinstance(tab, privacy_settings.PrivacyTab)
    tab.pin.setText("12")
    tab.idle.setValue(9)
    dialog.save()
    assert dialog.isVisible() and "PIN" in tab.pin_error.text()
    assert privacy_settings.idle_minutes(desktop.settings) == 5  # nothing stored
    tab.pin.setText("2468")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert privacy_settings.idle_minutes(desktop.settings) == 9
    assert privacy_settings.pin_matches(desktop.settings, "2468")


def test_a_lost_key_check_file_does_not_make_the_right_passphrase_wrong(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    path = make_db(tmp_path / "practice.db")
    recovery = encrypt_database(path, PASSPHRASE).recovery_key
    started(qtbot, desktop, path)
    lock = _lock_of(desktop)
    keys.key_file_path(path).unlink()  # lost while the window is open: the spare answers
    lock.lock()
    screen = lock.screen
    assert screen is not None
    screen.field.setText(PASSPHRASE)
    with qtbot.waitSignal(lock.checked, timeout=10_000):
        screen.try_unlock()
    assert not lock.locked
    keys.spare_key_file_path(path).unlink()  # and the spare too: the recovery key answers
    lock.lock()
    screen = lock.screen
    assert screen is not None
    screen.field.setText(PASSPHRASE)
    with qtbot.waitSignal(lock.checked, timeout=10_000):
        screen.try_unlock()
    assert lock.locked and "recovery key" in screen.error.text()
    screen.field.setText(recovery)
    with qtbot.waitSignal(lock.checked, timeout=10_000):
        screen.try_unlock()
    assert not lock.locked


def test_the_lock_takes_the_typing_over_a_modal_dialog(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    privacy_settings.set_pin(desktop.settings, "4711")
    started(qtbot, desktop, make_db(tmp_path / "practice.db"))
    window = desktop.window
    assert window is not None
    box = QMessageBox(QMessageBox.Icon.Question, "Question", "Go on?", parent=window)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.show()
    assert QApplication.activeModalWidget() is box
    lock = _lock_of(desktop)
    lock.lock()
    screen = lock.screen
    assert screen is not None
    assert QApplication.activeModalWidget() is screen  # not blocked by the dialog
    assert any(c.parentWidget() is box for c in lock.covers)
    screen.field.setText("4711")
    with qtbot.waitSignal(lock.checked, timeout=10_000):
        screen.try_unlock()
    assert not lock.locked and box.isVisible()
    assert QApplication.activeModalWidget() is box
    box.close()
