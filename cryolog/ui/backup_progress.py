"""Long storage work (a backup on quit, a restore, finding a good backup) off the window's
thread, with a progress dialog the practitioner can watch; the result comes back here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from cryolog.ui.thread_wait import wait_for_thread

T = TypeVar("T")
Work = Callable[[Callable[[int, int], None]], T]


class _Progress(QObject):
    progressed = Signal(int, int)


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
    relay = _Progress()
    dialog = progress_dialog(parent, title, label)
    over = False

    def show(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    relay.progressed.connect(show)
    if show_after_ms > 0:
        QTimer.singleShot(show_after_ms, lambda: None if over else dialog.show())
    else:
        dialog.show()
    try:
        return wait_for_thread(
            lambda: work(lambda done, total: relay.progressed.emit(done, total)), "cryolog-storage"
        )
    finally:
        over = True
        dialog.close()
        dialog.deleteLater()
