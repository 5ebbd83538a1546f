"""The progress of an encryption or decryption: its steps (reading, writing the converted
copy, checking it, putting it in place, the backups), each ticked off as the worker reports
it. The conversion runs on its own thread; the window's event loop keeps running."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from cryolog.services.encryption import STEPS
from cryolog.ui.thread_wait import wait_for_thread

T = TypeVar("T")
StepWork = Callable[[Callable[[str], None]], T]

DONE_MARK, NOW_MARK, LATER_MARK = "✓", "▶", "·"


def step_texts(encrypting: bool) -> dict[str, str]:
    if encrypting:
        return {
            "read": QCoreApplication.translate("EncryptProgress", "Reading the database"),
            "export": QCoreApplication.translate("EncryptProgress", "Writing the encrypted copy"),
            "verify": QCoreApplication.translate(
                "EncryptProgress", "Checking the encrypted copy against the database"
            ),
            "swap": QCoreApplication.translate(
                "EncryptProgress", "Putting the encrypted file in place, wiping the plain one"
            ),
            "backups": QCoreApplication.translate(
                "EncryptProgress", "Encrypting or removing the backups"
            ),
        }
    return {
        "read": QCoreApplication.translate("EncryptProgress", "Reading the database"),
        "export": QCoreApplication.translate("EncryptProgress", "Writing the plain copy"),
        "verify": QCoreApplication.translate(
            "EncryptProgress", "Checking the plain copy against the database"
        ),
        "swap": QCoreApplication.translate("EncryptProgress", "Putting the plain file in place"),
        "backups": QCoreApplication.translate(
            "EncryptProgress", "Decrypting or removing the backups"
        ),
    }


class _Stepped(QObject):
    stepped = Signal(str)


class StepsDialog(QDialog):
    """One line per step: done ones ticked, the current one in bold, later ones grey."""

    def __init__(self, title: str, texts: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversionSteps")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(460)
        self.texts = texts
        self.lines: dict[str, QLabel] = {}
        self.current: str | None = None
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("This takes a moment; please do not switch the computer off."))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        for key in STEPS:
            line = QLabel()
            line.setObjectName(f"step_{key}")
            self.lines[key] = line
            layout.addWidget(line)
            self._show(key, LATER_MARK)

    def _show(self, key: str, mark: str) -> None:
        line = self.lines[key]
        line.setText(f"{mark}  {self.texts[key]}")
        style = {
            DONE_MARK: "color: #2e7d32;",
            NOW_MARK: "font-weight: bold;",
            LATER_MARK: "color: #777;",
        }[mark]
        line.setStyleSheet(style)

    def mark(self, key: str) -> None:
        """``key`` starts: every earlier step is done."""
        if key not in self.lines:
            return
        index = STEPS.index(key)
        for earlier in STEPS[:index]:
            self._show(earlier, DONE_MARK)
        self._show(key, NOW_MARK)
        self.current = key

    def state(self) -> dict[str, str]:
        """Each step's mark as shown."""
        return {key: line.text().split(" ", 1)[0] for key, line in self.lines.items()}

    def reject(self) -> None:  # a half-made conversion is never useful: it runs to its end
        return


def run_with_steps(title: str, texts: dict[str, str], work: StepWork[T]) -> T:
    """Run ``work(step)`` on its own thread while the steps dialog shows each step as the
    worker reports it. Returns its result or raises its error."""
    relay = _Stepped()
    dialog = StepsDialog(title, texts)
    relay.stepped.connect(dialog.mark)
    dialog.show()
    try:
        return wait_for_thread(lambda: work(relay.stepped.emit), "cryolog-conversion")
    finally:
        dialog.hide()
        dialog.deleteLater()
