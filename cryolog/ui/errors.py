"""Errors in the practitioner's words, with the technical details one click away."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cryolog.db.errors import DatabaseProblem
from cryolog.domain.errors import InvalidInput, RecordNotFound, SafetyStop, StaleRecord
from cryolog.ui.crash import log_shown_error
from cryolog.ui.language import QT_TRANSLATE_NOOP

NOTHING_SAVED = QT_TRANSLATE_NOOP(
    "errors", "Nothing was saved; what you typed is still in the form."
)


def plain_message(exc: BaseException) -> str:
    """One or a few sentences a practitioner can act on."""
    if isinstance(exc, InvalidInput):
        lines = "\n".join(f"• {e}" for e in exc.errors)
        return QCoreApplication.translate("errors", "Some values need attention:\n{0}").format(
            lines
        )
    if isinstance(exc, SafetyStop):
        rules = ", ".join(f.rule.replace("_", " ") for f in exc.unresolved)
        return QCoreApplication.translate(
            "errors", "A written reason is needed to go past: {0}."
        ).format(rules)
    if isinstance(exc, StaleRecord) and exc.other is not None:
        from cryolog.ui.changed_elsewhere import describe

        return describe(exc.other, {}, ways="")
    if isinstance(exc, DatabaseProblem | StaleRecord | RecordNotFound):
        return str(exc)
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "errors", "The computer refused a file operation: {0}."
        ).format(exc.strerror or exc)
    return QCoreApplication.translate("errors", "Something unexpected went wrong.")


def details_of(exc: BaseException, details: str = "") -> str:
    return details or "".join(traceback.format_exception(exc))


def error_box(
    parent: QWidget | None, title: str, exc: BaseException, details: str = "", saving: bool = False
) -> QMessageBox:
    text = plain_message(exc)
    log_shown_error(title, exc, details)
    if saving:
        text += "\n\n" + QCoreApplication.translate("errors", NOTHING_SAVED)
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
