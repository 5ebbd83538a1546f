"""Long storage work (a backup on quit, a restore, finding a good backup) off the window's
thread, with a progress dialog the practitioner can watch; the result comes back here."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
Work = Callable[[Callable[[int, int], None]], T]


class _Relay(QObject):
    progressed = Signal(int, int)
    finished = Signal(object, object)  # result, exception


def progress_dialog(parent: QWidget | None, title: str, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setObjectName("storageProgress")
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)  # a half-made copy is never useful: it runs to its end
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    return dialog


def run_with_progress(
    parent: QWidget | None, title: str, label: str, work: Work[T], show_after_ms: int = 0
) -> T:
    """Run ``work(progress)`` on its own thread while a progress dialog shows how far it
    is (from ``show_after_ms`` on); the window's event loop keeps running. Returns its
    result or raises its error."""
    relay = _Relay()
    dialog = progress_dialog(parent, title, label)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def show(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def finish(result: object, error: object) -> None:
        outcome["result"], outcome["error"] = result, error
        loop.quit()

    relay.progressed.connect(show)
    relay.finished.connect(finish)

    def run() -> None:
        try:
            result = work(lambda done, total: relay.progressed.emit(done, total))
        except BaseException as exc:  # handed back to the window's thread
            relay.finished.emit(None, exc)
        else:
            relay.finished.emit(result, None)

    if show_after_ms > 0:
        QTimer.singleShot(show_after_ms, lambda: None if "error" in outcome else dialog.show())
    else:
        dialog.show()
    threading.Thread(target=run, name="cryolog-storage", daemon=True).start()
    if "error" not in outcome:
        loop.exec()
    dialog.close()
    dialog.deleteLater()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    result: T = outcome["result"]
    return result
