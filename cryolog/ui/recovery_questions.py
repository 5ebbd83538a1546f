"""The questions and warnings of opening a database: a problem, an empty file, a damaged
file with a good backup, a file in a cloud-sync folder.

Each question is a module-level function returning the practitioner's answer, so tests
answer it instead of a person (as with ``dirty.confirm_discard``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cryolog.db.backup import Backup
from cryolog.db.errors import DatabaseProblem
from cryolog.db.placement import PlacementWarning

Answer = Literal["proceed", "choose", "quit"]


def when_text(moment: datetime) -> str:
    """A backup's time as the practitioner reads it (local time)."""
    local = moment.astimezone()
    today = datetime.now().astimezone().date()
    if local.date() == today:
        return QCoreApplication.translate("recovery_questions", "today at {time}").format(
            time=f"{local:%H:%M}"
        )
    return QCoreApplication.translate("recovery_questions", "{date} at {time}").format(
        date=f"{local:%d.%m.%Y}", time=f"{local:%H:%M}"
    )


def problem_box(problem: DatabaseProblem, parent: QWidget | None = None) -> QMessageBox:
    """The message for a database that cannot be used, with 'Choose another file' and 'Quit'."""
    box = QMessageBox(parent)
    box.setObjectName("databaseProblem")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(
        QCoreApplication.translate("recovery_questions", "The database cannot be opened")
    )
    box.setText(str(problem))
    box.setInformativeText(
        QCoreApplication.translate(
            "recovery_questions", "You can choose another database file, or quit."
        )
    )
    box.addButton(
        QCoreApplication.translate("recovery_questions", "Choose another file…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QMessageBox.StandardButton.Close)
    return box


def _ask(box: QMessageBox, proceed: str) -> Answer:
    go = box.addButton(proceed, QMessageBox.ButtonRole.AcceptRole)
    choose = box.addButton(
        QCoreApplication.translate("recovery_questions", "Choose another file…"),
        QMessageBox.ButtonRole.ActionRole,
    )
    box.addButton(
        QCoreApplication.translate("recovery_questions", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(choose)
    box.exec()
    clicked = box.clickedButton()
    if clicked is go:
        return "proceed"
    return "choose" if clicked is choose else "quit"


def empty_file_box(problem: DatabaseProblem, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("emptyDatabaseFile")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(
        QCoreApplication.translate("recovery_questions", "The database file is empty")
    )
    box.setText(str(problem))
    box.setInformativeText(
        QCoreApplication.translate(
            "recovery_questions",
            "If you expected your records here, do not set it up: choose another file, or look"
            " for the original (and its backups folder) first.",
        )
    )
    return box


def ask_empty_file(problem: DatabaseProblem, parent: QWidget | None = None) -> Answer:
    """'proceed' sets up a new database in the empty file."""
    return _ask(
        empty_file_box(problem, parent),
        QCoreApplication.translate("recovery_questions", "Set up a new database in it"),
    )


def recovery_box(
    problem: DatabaseProblem, backup: Backup, parent: QWidget | None = None
) -> QMessageBox:
    manifest = backup.manifest
    box = QMessageBox(parent)
    box.setObjectName("recoverFromBackup")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("recovery_questions", "The database is damaged"))
    box.setText(
        QCoreApplication.translate(
            "recovery_questions",
            "{0}\n\nThe newest good backup is from {1}: {2} patients, {3} "
            "sessions. Anything recorded after that will be missing from "
            "the restored database.",
        ).format(problem, when_text(backup.created_at), manifest.patients, manifest.sessions)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "recovery_questions",
            "The damaged file is not deleted: it is kept beside the database with “.damaged-”"
            " and the date added to its name.",
        )
    )
    box.setDetailedText(f"Backup: {backup.path}")
    return box


def ask_recover(problem: DatabaseProblem, backup: Backup, parent: QWidget | None = None) -> Answer:
    """'proceed' restores ``backup`` in place of the damaged file."""
    return _ask(
        recovery_box(problem, backup, parent),
        QCoreApplication.translate("recovery_questions", "Restore this backup"),
    )


def placement_box(
    warning: PlacementWarning, path: Path, parent: QWidget | None = None
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("placementWarning")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(
        QCoreApplication.translate("recovery_questions", "This database is in a risky place")
    )
    box.setText(warning.message(path))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_placement_warning(
    warning: PlacementWarning, path: Path, parent: QWidget | None = None
) -> QMessageBox:
    """Shown without blocking, once the window is up."""
    box = placement_box(warning, path, parent)
    box.setWindowModality(box.windowModality().WindowModal)
    box.open()
    return box
