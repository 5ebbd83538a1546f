"""The crash handler: an unexpected error is logged (scrubbed) and explained in a dialog,
whether it escapes a slot, a worker thread, or comes from Qt itself."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, qWarning
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cryolog import logs
from cryolog.ui.crash import SUMMARY, CrashDialog, CrashHandler, install_crash_handler

FAMILY, GIVEN = "Иванова", "Мария"


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "log"))
    logs.shutdown_logging()
    logs.setup_logging()
    yield tmp_path / "log" / logs.LOG_NAME
    logs.shutdown_logging()


@pytest.fixture
def handler(log_file: Path) -> Iterator[CrashHandler]:
    installed = install_crash_handler()
    yield installed
    if installed.dialog is not None:
        installed.dialog.close()
    installed.uninstall()


def _save_failing() -> None:
    path = f"/home/anna/Documents/{FAMILY} {GIVEN}.pdf"
    raise OSError(13, "Permission denied", path)


def _shown(qtbot: QtBot, handler: CrashHandler, count: int = 1) -> CrashDialog:
    qtbot.waitUntil(lambda: handler.shown == count and handler.dialog is not None)
    dialog = handler.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_an_error_in_a_slot_shows_the_dialog_and_writes_the_log(
    qtbot: QtBot, handler: CrashHandler, log_file: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    QTimer.singleShot(0, _save_failing)
    dialog = _shown(qtbot, handler)
    assert dialog.summary.text().startswith(SUMMARY)
    assert str(log_file) in dialog.summary.text()
    details = dialog.details.toPlainText()
    assert "PermissionError: [Errno 13] Permission denied: '…'" in details
    assert "Traceback (most recent call last)" in details and "_save_failing" in details
    assert FAMILY not in details and GIVEN not in details

    dialog.copy_button.click()
    assert QApplication.clipboard().text() == details
    assert dialog.copy_button.text() == "Copied"

    logs.flush()
    logged = log_file.read_text()
    assert "CRITICAL cryolog.crash" in logged and "_save_failing" in logged
    assert FAMILY not in logged and GIVEN not in logged

    terminal = capfd.readouterr().err  # a desktop session keeps this in its journal
    assert "PermissionError" in terminal and FAMILY not in terminal

    dialog.continue_button.click()
    assert not dialog.isVisible()


def test_an_error_in_a_worker_thread_is_shown_on_the_window_thread(
    qtbot: QtBot, handler: CrashHandler, log_file: Path
) -> None:
    def work() -> None:
        int(FAMILY)

    worker = threading.Thread(target=work, name="cryolog-db_0")
    worker.start()
    worker.join()
    dialog = _shown(qtbot, handler)
    assert "in thread cryolog-db_0" in dialog.details.toPlainText()
    assert "ValueError: invalid literal for int() with base 10: '…'" in dialog.details.toPlainText()
    logs.flush()
    assert FAMILY not in log_file.read_text()


def test_errors_while_the_dialog_is_open_join_it(qtbot: QtBot, handler: CrashHandler) -> None:
    QTimer.singleShot(0, _save_failing)
    dialog = _shown(qtbot, handler)
    QTimer.singleShot(0, lambda: {}["second problem"])
    qtbot.waitUntil(lambda: "KeyError" in dialog.details.toPlainText())
    assert handler.shown == 1


def test_qt_warnings_go_to_the_log(handler: CrashHandler, log_file: Path) -> None:
    qWarning(f"could not open /srv/{FAMILY}.pdf")
    logs.flush()
    logged = log_file.read_text()
    assert "WARNING  qt." in logged and "could not open <path>" in logged
    assert FAMILY not in logged


def test_quit_closes_the_windows_the_usual_way(qtbot: QtBot, handler: CrashHandler) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    QTimer.singleShot(0, _save_failing)
    dialog = _shown(qtbot, handler)
    dialog.quit_button.click()
    assert not window.isVisible() and not dialog.isVisible()


def test_uninstall_puts_the_previous_hooks_back(log_file: Path) -> None:
    before = (sys.excepthook, threading.excepthook)
    installed = install_crash_handler()
    assert sys.excepthook == installed.excepthook
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
