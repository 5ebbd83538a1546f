"""Restoring from the window: File › Restore from backup…, and the recovery offered when
the scan after start finds the file damaged. The window closes (asking about unsaved
work), the backup is restored with a progress dialog, and the restored file opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

from cryolog.db.backends import SqliteFileBackend, file_backend
from cryolog.db.errors import DatabaseCorrupt, DatabaseProblem
from cryolog.ui import recovery_questions
from cryolog.ui.backup_parts import BackupParts
from cryolog.ui.backup_progress import run_with_progress
from cryolog.ui.backup_settings import load_backup_settings
from cryolog.ui.recovery_open import OpenedDatabase, open_for_window, open_interactively
from cryolog.ui.recovery_questions import problem_box
from cryolog.ui.staying_open import staying_open

if TYPE_CHECKING:
    from cryolog.db.lock import InstanceLock
    from cryolog.ui.main_window import MainWindow


class RestoreFlow(BackupParts):
    """Mixed into ``DesktopApp``: restoring a backup in place of the open database."""

    # provided by DesktopApp
    _show: Callable[[OpenedDatabase], None]
    close: Callable[[], None]
    switch: Callable[[MainWindow, str], None]
    restore_action: QAction | None = None

    def _restore_parts(self, window: MainWindow) -> QAction:
        self.restore_action = QAction(
            QCoreApplication.translate("RestoreFlow", "&Restore from backup…"), window
        )
        self.restore_action.triggered.connect(lambda: self.show_restore_dialog(window))
        return self.restore_action

    def show_restore_dialog(self, window: MainWindow) -> None:
        """Read the backups on the background lane, then show them."""
        from cryolog.services.backups import BackupService
        from cryolog.services.restore import readable_facts

        opened = self.opened
        if opened is None or not isinstance(opened.db.storage, SqliteFileBackend):
            return
        backend = opened.db.storage
        service = BackupService(backend, load_backup_settings(self.settings))
        window.background.submit(
            "backup-list",
            lambda: service.entries(readable_facts(backend)),
            lambda entries: self._open_restore_dialog(window, entries),
            lambda exc, details: self._backup_failed(window, exc),
        )

    def _open_restore_dialog(self, window: MainWindow, entries: list[object]) -> None:
        from cryolog.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(entries, window)  # type: ignore[arg-type]
        dialog.chosen.connect(lambda backup: self.restore(window, backup.path))
        self.dialog = dialog
        dialog.open()

    def restore(self, window: MainWindow, backup: Path) -> bool:
        """Close the window (asking about unsaved work), put ``backup`` in place of the
        database, and open the restored one; False when the practitioner kept the window."""
        opened = self.opened
        if opened is None or opened.db.path is None:
            return False
        path = opened.db.path
        with staying_open():
            if not window.close():
                return False
            lock = opened.take_lock()
            self.close()
            message, lock = self._restore_file(path, backup, lock)
            return self._reopen(path, lock, message)

    def _restore_file(
        self, path: Path, backup: Path, lock: InstanceLock | None
    ) -> tuple[str, InstanceLock | None]:
        from cryolog.services.restore import restore_backup

        backend = file_backend(path)
        try:
            outcome = run_with_progress(
                None,
                QCoreApplication.translate("RestoreFlow", "Restoring"),
                QCoreApplication.translate("RestoreFlow", "Restoring {0}…").format(backup.name),
                lambda progress: restore_backup(backend, backup, holding=lock, progress=progress),
            )
        except DatabaseProblem as exc:
            return QCoreApplication.translate(
                "RestoreFlow", "The backup was not restored: {0} The database is as it was."
            ).format(exc), lock
        kept = ""
        if outcome.kept:
            kept = (
                QCoreApplication.translate("RestoreFlow", " The damaged file is kept as {0}.")
                if outcome.damaged
                else QCoreApplication.translate("RestoreFlow", " The replaced file is kept as {0}.")
            ).format(outcome.kept)
        message = QCoreApplication.translate("RestoreFlow", "Restored from {0}.{1}").format(
            backup.name, kept
        )
        for warning in outcome.warnings:
            message += f" {warning}"
        return message, outcome.lock

    def _reopen(self, path: Path, lock: InstanceLock | None, message: str) -> bool:
        try:
            reopened = open_for_window(str(path), lock=lock)
        except DatabaseProblem:
            fallback = open_interactively(str(path), settings=self.settings)
            if fallback is None:
                QApplication.quit()
                return True
            reopened = fallback
        self._show(reopened)
        if self.window is not None:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                QCoreApplication.translate("RestoreFlow", "Restore"),
                message,
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setObjectName("restoreDone")
            self.message = box
            box.open()
        return True

    def _integrity_failed(self, window: MainWindow, exc: BaseException) -> None:
        if window.closing.is_set() or not window.isVisible():
            return  # the window is gone: nobody to ask, and nothing left to protect
        problem = exc if isinstance(exc, DatabaseProblem) else DatabaseProblem(str(exc))
        corrupt = isinstance(problem, DatabaseCorrupt) and self.opened is not None
        if corrupt and self._recover_running(window, problem):
            return
        box = problem_box(problem, window)
        self.message = box

        def answered(_result: int) -> None:
            if box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole:
                self.switch(window, "")
            else:
                window.close()

        box.finished.connect(answered)
        box.open()  # window-modal, without a nested event loop the window's thread waits in

    def _recover_running(self, window: MainWindow, problem: DatabaseProblem) -> bool:
        """The scan after start found damage: offer the newest good backup. True when the
        question was asked (and answered), False when there is no backup to offer."""
        from cryolog.services.restore import newest_good_backup

        opened = self.opened
        if opened is None or not isinstance(opened.db.storage, SqliteFileBackend):
            return False
        backend = file_backend(opened.db.storage.file)
        settings = load_backup_settings(self.settings)
        found = run_with_progress(
            window,
            QCoreApplication.translate("RestoreFlow", "Looking for a backup"),
            QCoreApplication.translate(
                "RestoreFlow", "Checking the backups of the damaged database…"
            ),
            lambda _progress: newest_good_backup(backend, settings),
        )
        if found is None:
            return False
        backup, _facts = found
        answer = recovery_questions.ask_recover(problem, backup, window)
        if answer == "proceed":
            self.restore(window, backup.path)
        elif answer == "choose":
            self.switch(window, "")
        else:
            window.close()
        return True
