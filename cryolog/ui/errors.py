"""Errors in the practitioner's words, with the technical details one click away."""

from __future__ import annotations

import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from cryolog.db.errors import DatabaseProblem
from cryolog.domain.errors import InvalidInput, RecordNotFound, SafetyStop, StaleRecord
from cryolog.ui.crash import log_shown_error

NOTHING_SAVED = "Nothing was saved; what you typed is still in the form."


def plain_message(exc: BaseException) -> str:
    """One or a few sentences a practitioner can act on."""
    if isinstance(exc, InvalidInput):
        lines = "\n".join(f"• {e}" for e in exc.errors)
        return f"Some values need attention:\n{lines}"
    if isinstance(exc, SafetyStop):
        rules = ", ".join(f.rule.replace("_", " ") for f in exc.unresolved)
        return f"A written reason is needed to go past: {rules}."
    if isinstance(exc, DatabaseProblem | StaleRecord | RecordNotFound):
        return str(exc)
    if isinstance(exc, OSError):
        return f"The computer refused a file operation: {exc.strerror or exc}."
    return "Something unexpected went wrong."


def details_of(exc: BaseException, details: str = "") -> str:
    return details or "".join(traceback.format_exception(exc))


def error_box(
    parent: QWidget | None, title: str, exc: BaseException, details: str = "", saving: bool = False
) -> QMessageBox:
    text = plain_message(exc)
    log_shown_error(title, exc, details)
    if saving:
        text += "\n\n" + NOTHING_SAVED
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setDetailedText(details_of(exc, details))
    return box


def show_error(
    parent: QWidget | None, title: str, exc: BaseException, details: str = "", saving: bool = False
) -> QMessageBox:
    """Show the message without blocking; the box is returned for tests to read and close."""
    box = error_box(parent, title, exc, details, saving)
    box.setWindowModality(box.windowModality().WindowModal)
    box.open()
    return box
