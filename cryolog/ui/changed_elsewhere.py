"""The message next to a form whose save was refused as "changed elsewhere".

It says who saved the record meanwhile and when, and for each field they changed their
value beside the one typed here. The form keeps everything typed; the practitioner either
reloads the record (their values replace the typing) or saves their own values over the
newer version (the edit starts again from it, and asks for its reason again).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain.errors import StaleRecord
from cryolog.domain.messages import Ref
from cryolog.domain.other_change import FieldChange, OtherChange

MAX_SHOWN = 80


def shown_value(value: Any) -> str:
    """A value as a short quoted text ("(empty)" for nothing)."""
    if value is None or value == "":
        return QCoreApplication.translate("ChangedElsewhere", "(empty)")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and len(value) == 10:
        with suppress(ValueError):  # a day as the forms show it
            value = date.fromisoformat(value).strftime("%d.%m.%Y")
    text = " ".join(str(value).split())
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    return f"“{text}”"


def when(at: datetime) -> str:
    local = at.astimezone()
    if local.date() == date.today():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def describe(other: OtherChange, labels: Mapping[str, str], ways: str | None = None) -> str:
    """The message: who and when, one line per field, then what can be done (``ways``)."""
    who = ", ".join(other.actors) if other.actors else other.actor
    lines = [
        QCoreApplication.translate(
            "ChangedElsewhere",
            "Not saved: {who} saved this record at {when} while you were editing it.",
        ).format(who=who, when=when(other.at))
    ]
    for change in other.fields:
        lines.append(_field_line(change, labels.get(change.field) or _named(change.field)))
    if not other.fields:
        lines.append(
            QCoreApplication.translate("ChangedElsewhere", "No field you see here was changed.")
        )
    if ways is None:
        ways = QCoreApplication.translate(
            "ChangedElsewhere",
            "What you typed is still in the form. Reload to take theirs, or save yours over it.",
        )
    if ways:
        lines.append(ways)
    return "\n".join(lines)


def _named(field: str) -> str:
    """A field no label of the form names, in the catalog's words."""
    label = Ref("field_label", field).render().replace("_", " ")
    return label[:1].upper() + label[1:]


def _field_line(change: FieldChange, label: str) -> str:
    theirs = shown_value(change.theirs)
    if change.typed and change.conflicting:
        return QCoreApplication.translate(
            "ChangedElsewhere", "• {field}: theirs {theirs}, yours {yours}"
        ).format(field=label, theirs=theirs, yours=shown_value(change.yours))
    return QCoreApplication.translate("ChangedElsewhere", "• {field}: theirs {theirs}").format(
        field=label, theirs=theirs
    )


class ChangedElsewhere(QFrame):
    """Hidden until a save is refused; ``reload`` and ``reapply`` are the two ways on."""

    reload = Signal()
    reapply = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changedElsewhere")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#changedElsewhere { background: #fff4e5; border: 1px solid #e0a040; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setObjectName("changedElsewhereText")
        self.reload_button = QPushButton(
            QCoreApplication.translate("ChangedElsewhere", "Reload their version")
        )
        self.reapply_button = QPushButton(
            QCoreApplication.translate("ChangedElsewhere", "Save mine over it…")
        )
        self.reload_button.clicked.connect(self.reload)
        self.reapply_button.clicked.connect(self.reapply)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.reapply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.other: OtherChange | None = None
        self.on_reload: Callable[[], None] | None = None
        self.on_reapply: Callable[[], None] | None = None
        self.hide()

    def show_other(
        self, other: OtherChange | None, labels: Mapping[str, str], ways: str | None = None
    ) -> None:
        self.other = other
        if other is None:
            lines = [
                QCoreApplication.translate(
                    "ChangedElsewhere",
                    "Not saved: this record was saved elsewhere while you were editing it.",
                )
            ]
            if ways:
                lines.append(ways)
            self.text.setText("\n".join(lines))
        else:
            self.text.setText(describe(other, labels, ways))
        self.show()

    def clear(self) -> None:
        self.other = None
        self.text.clear()
        self.hide()


def show_refusal(
    host: QWidget,
    exc: StaleRecord,
    labels: Mapping[str, str],
    reload: Callable[[], None] | None = None,
    reapply: Callable[[int], None] | None = None,
    index: int = 0,
) -> ChangedElsewhere:
    """Show what was saved over ``host``'s edit at the top of its layout (made on first
    use): ``reload`` takes theirs into the form, ``reapply(version)`` saves the typing over
    the version saved now; a way the form cannot take has no button."""
    note = host.findChild(ChangedElsewhere, "changedElsewhere")
    if note is None:
        note = ChangedElsewhere(host)
        layout = host.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(index, note)
        elif layout is not None:
            layout.addWidget(note)
        note.reload.connect(lambda: _go(note, note.on_reload))
        note.reapply.connect(lambda: _go(note, note.on_reapply))
    other = exc.other
    version = other.version if other is not None else None
    note.on_reload = reload
    note.on_reapply = (
        (lambda: reapply(version)) if reapply is not None and version is not None else None
    )
    note.reload_button.setVisible(note.on_reload is not None)
    note.reapply_button.setVisible(note.on_reapply is not None)
    note.show_other(other, labels, ways=_ways(note.on_reload, note.on_reapply))
    return note


def _go(note: ChangedElsewhere, then: Callable[[], None] | None) -> None:
    note.clear()
    if then is not None:
        then()


def _ways(reload: object, reapply: object) -> str:
    if reload is not None and reapply is not None:
        return QCoreApplication.translate(
            "ChangedElsewhere",
            "What you typed is still in the form. Reload to take theirs, or save yours over it.",
        )
    if reapply is not None:
        return QCoreApplication.translate(
            "ChangedElsewhere", "What you typed is still in the form. You can save yours over it."
        )
    if reload is not None:
        return QCoreApplication.translate(
            "ChangedElsewhere", "What you typed is still in the form. Reload to take theirs."
        )
    return QCoreApplication.translate(
        "ChangedElsewhere",
        "What you typed is still in the form. Close it and open the record again to see theirs.",
    )


def hide_refusal(host: QWidget) -> None:
    note = host.findChild(ChangedElsewhere, "changedElsewhere")
    if note is not None:
        note.clear()
