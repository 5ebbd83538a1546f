"""Never lose typing: forms know their unsaved changes, and closing asks first.

Anything that holds typing the practitioner may not have saved — a form in a record tab, a
dialog, the session form — answers ``DirtyTracked``; the record view, the main window and
switching database ask the forms they hold before closing them: save, discard or cancel.
Save really saves, and closing goes on only once every save succeeded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cryolog.ui import prompts
from cryolog.ui.prompts import Unsaved


@runtime_checkable
class DirtyTracked(Protocol):
    """``save(done)`` calls ``done(True)`` once saved, ``done(False)`` when it was not."""

    unsaved_label: str

    def has_unsaved_changes(self) -> bool: ...

    def save(self, done: Callable[[bool], None] | None = None) -> None: ...


def confirm_discard(parent: QWidget | None, what: str = "this form") -> bool:
    """True when the practitioner chooses to throw away the unsaved changes in ``what``."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("dirty", "Unsaved changes"),
        QCoreApplication.translate(
            "dirty", "You have changes in {0} that are not saved.\n\nClose it and lose them?"
        ).format(what),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def settle(
    parent: QWidget | None,
    forms: Sequence[DirtyTracked],
    proceed: Callable[[], None],
    what: str = "",
) -> bool:
    """Before closing: with unsaved changes, ask. Discard → ``proceed()`` now; Save → save
    every unsaved form and ``proceed()`` when all succeeded; Cancel → nothing. True when
    ``proceed`` ran at once (nothing unsaved, or discarded)."""
    unsaved = [f for f in forms if f.has_unsaved_changes()]
    if not unsaved:
        proceed()
        return True
    labels = ", ".join(dict.fromkeys(f.unsaved_label for f in unsaved))
    answer = prompts.ask_unsaved(parent, what or labels)
    if answer is Unsaved.CANCEL:
        return False
    if answer is Unsaved.DISCARD:
        proceed()
        return True
    outcomes: list[bool] = []

    def one_done(ok: bool) -> None:
        outcomes.append(ok)
        if len(outcomes) == len(unsaved) and all(outcomes):
            proceed()

    for form in unsaved:
        form.save(one_done)
    return False
