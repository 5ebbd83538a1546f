"""Never lose work: a form knows when it has unsaved changes and asks before closing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_discard(parent: QWidget | None, what: str = "this form") -> bool:
    """True when the practitioner chooses to throw away the unsaved changes in ``what``."""
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"You have changes in {what} that are not saved.\n\nClose it and lose them?",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard
