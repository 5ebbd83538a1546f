"""What the appointment widgets share: how a refusal or a warning is told, and asking for
the reason a warning needs (replaceable in tests, like ``dirty.confirm_discard``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from cryolog.domain.booking.checks import BookingFinding
from cryolog.domain.booking.errors import BookingRefused, PlaceTaken, ReasonNeeded
from cryolog.domain.errors import FieldError, InvalidInput, StaleRecord
from cryolog.domain.messages import Ref
from cryolog.ui.errors import plain_message
from cryolog.ui.reason_dialog import ReasonDialog

RED = "#b3261e"
_ITEM = re.compile(r"^(?:\w+\[\d+\]\.)+")  # the list items around a field
AMBER = "#8a5a00"


def findings_html(findings: Sequence[BookingFinding]) -> str:
    lines = []
    for f in findings:
        color = RED if f.refuses else AMBER
        word = (
            QCoreApplication.translate("common", "Refused")
            if f.refuses
            else QCoreApplication.translate("common", "Warning")
        )
        lines.append(f"<span style='color:{color}'><b>{word}:</b> {_escape(f.message)}</span>")
    return "<br/>".join(lines)


def field_words(error: FieldError) -> str:
    """'name: must hold at least one letter', the field named in the window's language
    (the field itself: 'resources[0].name' is named 'name')."""
    name = _ITEM.sub("", error.path).split(".")[0].split("[")[0]
    if not name:
        return error.message
    return f"{Ref('field_label', name).render()}: {error.message}"


def problem_text(exc: BaseException) -> str | None:
    """The plain words for an expected refusal, or None for an unexpected failure."""
    if isinstance(exc, BookingRefused | ReasonNeeded):
        return findings_html(exc.findings)
    if isinstance(exc, InvalidInput):
        return "<br/>".join(
            f"<span style='color:{RED}'>{_escape(field_words(e))}</span>" for e in exc.errors
        )
    if isinstance(exc, StaleRecord):  # who saved it meanwhile, and what they changed
        return f"<span style='color:{RED}'>{_escape(plain_message(exc))}</span>".replace(
            "\n", "<br/>"
        )
    if isinstance(exc, PlaceTaken):
        return f"<span style='color:{RED}'>{_escape(exc.text.render())}</span>"
    return None


def ask_reason(parent: QWidget | None, findings: Sequence[BookingFinding]) -> str | None:
    """The practitioner's reason for booking despite ``findings``; None when they decline."""
    text = "; ".join(f.message for f in findings)
    dialog = ReasonDialog(
        QCoreApplication.translate("common", "Book despite a warning"),
        QCoreApplication.translate(
            "common", "{0}.\n\nBook anyway? Say why (kept with the appointment)."
        ).format(text),
        QCoreApplication.translate("common", "Book anyway"),
        parent,
    )
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_cancel_reason(parent: QWidget | None, what: str) -> str | None:
    dialog = ReasonDialog(
        QCoreApplication.translate("common", "Cancel appointment"),
        QCoreApplication.translate("common", "Cancel {0}? Say why.").format(what),
        QCoreApplication.translate("common", "Cancel it"),
        parent,
    )
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
