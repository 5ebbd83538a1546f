"""A database opened read-only: a banner says why, and every save action is off."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

BANNER = (
    "background:#fff4d6; color:#6d4c00; border:1px solid #f0d48a;"
    " border-radius:4px; padding:6px 10px; font-weight:600;"
)


class ReadOnlyBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setWordWrap(True)
        self.setStyleSheet(BANNER)
        self.hide()

    def show_reason(self, reason: str) -> None:
        self.setText(
            self.tr("Read-only — browse and print only. {0}").format(reason) if reason else ""
        )
        self.setVisible(bool(reason))


def disable_for(button: QAbstractButton, reason: str) -> None:
    """Off, with ``reason`` in the tooltip, while the database is read-only."""
    if reason:
        button.setEnabled(False)
        button.setToolTip(reason)
