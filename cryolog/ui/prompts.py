"""Questions the window asks before it goes on: likely duplicates, unsaved changes.

Each is one function, so tests answer them instead of a person (see tests/ui/conftest.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from cryolog.services.dto import CourseDTO
    from cryolog.services.duplicates import PatientMatch


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, what: str) -> Unsaved:
    """Save, discard or cancel for unsaved changes in ``what``."""
    box = QMessageBox(parent)
    box.setObjectName("unsavedBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("prompts", "Unsaved changes"))
    box.setText(
        QCoreApplication.translate("prompts", "You have changes in {0} that are not saved.").format(
            what
        )
    )
    box.setInformativeText(QCoreApplication.translate("prompts", "Save them before closing?"))
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    answer = box.exec()
    if answer == buttons.Save:
        return Unsaved.SAVE
    return Unsaved.DISCARD if answer == buttons.Discard else Unsaved.CANCEL


@dataclass(frozen=True)
class DuplicateChoice:
    """``action`` is "open", "restore" or "register" (anyway); ``patient_id`` the match."""

    action: str
    patient_id: int | None = None


def _describe(match: PatientMatch) -> str:
    p = match.patient
    why = []
    if match.same_name_and_birth:
        why.append("same name and birth date")
    if match.same_phone:
        why.append("same phone")
    archived = " — archived" if match.archived else ""
    born = p.birth_date.strftime("%d.%m.%Y")
    return f"{p.display_name}, born {born}{archived} ({', '.join(why)})"


def duplicate_patient(
    parent: QWidget | None, matches: Sequence[PatientMatch]
) -> DuplicateChoice | None:
    """The patient may be on file already: open (or restore) them, or register anyway.
    None: go back to the form."""
    first = matches[0]
    box = QMessageBox(parent)
    box.setObjectName("duplicatePatient")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("prompts", "Already registered?"))
    listed = "\n".join(f"• {_describe(m)}" for m in matches[:5])
    box.setText(
        QCoreApplication.translate("prompts", "This patient may be on file already:\n{0}").format(
            listed
        )
    )
    verb = "Restore and open" if first.archived else "Open"
    open_button = box.addButton(
        f"{verb} {first.patient.display_name}", QMessageBox.ButtonRole.AcceptRole
    )
    anyway = box.addButton(
        QCoreApplication.translate("prompts", "Register anyway"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(
        QCoreApplication.translate("prompts", "Back to the form"), QMessageBox.ButtonRole.RejectRole
    )
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_button:
        return DuplicateChoice("restore" if first.archived else "open", first.patient.id)
    if clicked is anyway:
        return DuplicateChoice("register")
    return None


def open_another_course(parent: QWidget | None, courses: Sequence[CourseDTO]) -> bool:
    """The patient has an open course of this protocol: open another one all the same?"""
    started = ", ".join(c.started_on.strftime("%d.%m.%Y") for c in courses)
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("prompts", "A course like this is open"),
        QCoreApplication.translate(
            "prompts",
            "This patient already has an open course of this protocol "
            "(started {0}).\n\nOpen another one all the same?",
        ).format(started),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


@dataclass(frozen=True)
class DemoChoice:
    separate: bool
    path: Path


def demo_target(parent: QWidget | None, demo_path: Path) -> DemoChoice | None:
    """Load demo data: into a separate demo file (the default) or into this database."""
    box = QMessageBox(parent)
    box.setObjectName("demoQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("prompts", "Load demo data"))
    box.setText(
        QCoreApplication.translate(
            "prompts",
            "Demonstration data is 200 made-up patients with their records, to look around.",
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "prompts",
            "It goes into a separate file, {0}, opened instead of this "
            "one; your database stays empty. Choose File › Open database "
            "to come back to it.",
        ).format(demo_path)
    )
    separate = box.addButton(
        QCoreApplication.translate("prompts", "Create the demo file"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    here = box.addButton(
        QCoreApplication.translate("prompts", "Load into this database"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(separate)
    box.exec()
    clicked = box.clickedButton()
    if clicked is separate:
        return DemoChoice(True, demo_path)
    if clicked is here:
        return DemoChoice(False, demo_path)
    return None


def restore_kept(parent: QWidget | None, patients: int) -> bool:
    """cryolog did not close cleanly last time: put the unsaved typing back?"""
    records = "1 patient record" if patients == 1 else f"{patients} patient records"
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("prompts", "Restore unsaved typing?"),
        QCoreApplication.translate(
            "prompts",
            "cryolog did not close cleanly last time. Unsaved typing in "
            "{0} was kept aside.\n\nPut it back into the forms? (Nothing "
            "is saved until you press Save.)",
        ).format(records),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
