"""The last line of defence: an unexpected error is logged and explained, never swallowed.

A built application has no terminal, so an exception escaping a slot, a worker thread or
Qt itself would otherwise vanish. ``install_crash_handler`` routes all three into the log
(scrubbed, like every record) and shows, on the window's thread, a dialog in plain words
with the details one click away ("Copy details" copies the same scrubbed text). One dialog
at a time: errors that follow while it is open are added to its details.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cryolog import logs
from cryolog.db.errors import DatabaseProblem
from cryolog.domain.errors import InvalidInput, RecordNotFound, SafetyStop, StaleRecord
from cryolog.ui.language import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from cryolog.scrub import Scrubber

log = logging.getLogger("cryolog.crash")

SUMMARY = QT_TRANSLATE_NOOP(
    "CrashDialog",
    "cryolog ran into a problem it did not expect.\n\n"
    "Everything you saved before is safe in the database. What you were doing just now"
    " may not have been saved: check it before you go on.",
)
_QT_LEVELS = {
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_EXPECTED = (InvalidInput, SafetyStop, StaleRecord, RecordNotFound, DatabaseProblem)
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashDialog(QDialog):
    """What happened in plain words; the scrubbed details below, to copy for support."""

    def __init__(self, details: str, where_logged: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("cryolog: unexpected problem"))
        self.summary = QLabel(
            self.tr("{0}\n\nThe details were written to the log: {1}").format(
                self.tr(SUMMARY), where_logged
            )
        )
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setObjectName("crashDetails")
        self.buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setAutoDefault(False)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = self.buttons.addButton(
            self.tr("Quit cryolog"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.continue_button = self.buttons.addButton(
            self.tr("Continue working"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_details)
        self.continue_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self.quit_application)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)

    def add_details(self, more: str) -> None:
        self.details.appendPlainText("\n" + more)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("Copied"))

    def quit_application(self) -> None:
        """Close every window the usual way (forms with changes still ask), then quit."""
        self.accept()
        QApplication.closeAllWindows()


class _Reporter(QObject):
    """Lives on the window's thread; reports from any thread are queued to it."""

    report = Signal(str)


@dataclass
class CrashHandler:
    """The installed hooks; ``uninstall`` puts back what was there before."""

    given_scrubber: Scrubber | None
    """The scrubber given at installation; else the log's, made when first needed."""
    reporter: _Reporter
    previous_excepthook: Callable[..., Any]
    previous_threading_hook: Callable[..., Any]
    previous_qt_handler: Any
    dialog: CrashDialog | None = None
    shown: int = 0

    @property
    def scrubber(self) -> Scrubber:
        if self.given_scrubber is None:
            self.given_scrubber = logs.default_scrubber()
        return self.given_scrubber

    def details(self, exc_info: ExcInfo, where: str) -> str:
        text = "".join(traceback.format_exception(*exc_info))
        return self.scrubber.text(f"{logs.environment_summary()}\n{where}\n\n{text}")

    def handle(self, exc_info: ExcInfo, where: str) -> None:
        """Log the error (from any thread) and have the dialog shown on the window's thread."""
        log.critical("unexpected error %s", where, exc_info=exc_info)
        logs.flush()
        details = self.details(exc_info, where)
        if sys.stderr is not None:  # a terminal, or the desktop's journal: scrubbed there too
            print(details, file=sys.stderr)
        self.reporter.report.emit(details)

    def show(self, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_details(details)
            return
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(details, logs.where_logged(), parent)
        self.shown += 1
        self.dialog.open()

    def excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.handle((kind, exc, tb), "in the window's thread")

    def threading_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a worker"
        self.handle((args.exc_type, args.exc_value, args.exc_traceback), f"in thread {name}")

    def qt_message(self, kind: QtMsgType, context: Any, message: str) -> None:
        level = _QT_LEVELS.get(kind)
        if level is not None:
            category = getattr(context, "category", None) or "qt"
            logging.getLogger(f"qt.{category}").log(level, "%s", message)
            if level >= logging.CRITICAL:
                logs.flush()  # Qt ends the program after a fatal message
        if self.previous_qt_handler is not None:
            self.previous_qt_handler(kind, context, message)
        elif level is not None and sys.stderr is not None:
            print(self.scrubber.text(message), file=sys.stderr)

    def uninstall(self) -> None:
        sys.excepthook = self.previous_excepthook
        threading.excepthook = self.previous_threading_hook
        qInstallMessageHandler(self.previous_qt_handler)
        self.reporter.deleteLater()


def log_shown_error(title: str, exc: BaseException, details: str = "") -> None:
    """Record an error the window explained to the practitioner: refused input by its
    field names only; an unexpected failure with its traceback (both scrubbed)."""
    from cryolog.scrub import describe_exception

    if isinstance(exc, _EXPECTED):
        log.info("%s: %s", title, describe_exception(exc))
        return
    log.error("%s: %s\n%s", title, describe_exception(exc), details or _format(exc))


def _format(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def install_crash_handler(scrubber: Scrubber | None = None) -> CrashHandler:
    """Route uncaught exceptions (window thread, worker threads) and Qt's warnings into
    the log and the crash dialog. Call once a QApplication exists."""
    reporter = _Reporter()
    handler = CrashHandler(
        scrubber,
        reporter,
        sys.excepthook,
        threading.excepthook,
        None,
    )
    reporter.report.connect(handler.show)
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.threading_hook
    handler.previous_qt_handler = qInstallMessageHandler(handler.qt_message)
    return handler
