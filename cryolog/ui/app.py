"""Start the desktop app: open the database (or explain why not and offer another file).

Around the main window this adds the storage parts: the backup status in the status bar,
automatic backups on the background lane, File › Back up now / Restore from backup… /
Backup settings…, the read-only banner, the warning for a risky place, the recovery of a
damaged file, and the backup on quit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QToolBar

from cryolog.db.backends import SqliteFileBackend
from cryolog.db.database import Database
from cryolog.db.errors import DatabaseCorrupt, DatabaseProblem
from cryolog.db.location import ENV_VAR, resolve_target
from cryolog.db.sqlite_file import IntegrityCheckCancelled
from cryolog.services import Services, load_data_layer
from cryolog.ui import recovery_questions
from cryolog.ui.backup_progress import run_with_progress
from cryolog.ui.backup_settings import BackupSettingsDialog, load_backup_settings
from cryolog.ui.backup_status import BackupKeeper, BackupStatusLabel
from cryolog.ui.recovery_banner import install_read_only_banner
from cryolog.ui.recovery_open import (
    OpenedDatabase,
    choose_database,
    open_for_window,
    open_interactively,
)
from cryolog.ui.recovery_questions import problem_box
from cryolog.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from cryolog.db.lock import InstanceLock
    from cryolog.db.placement import PlacementWarning
    from cryolog.ui.main_window import MainWindow
    from cryolog.ui.restore_dialog import RestoreDialog

__all__ = [
    "DesktopApp",
    "OpenedDatabase",
    "choose_database",
    "open_for_window",
    "open_interactively",
    "problem_box",
    "run",
    "start_background_work",
]

ORGANISATION = "cryolog"


def start_background_work(
    runner: TaskRunner,
    db: Database,
    on_failure: Callable[[BaseException], None],
    cancelled: Callable[[], bool] = lambda: False,
    on_sound: Callable[[], None] | None = None,
) -> None:
    """Once the window is up, on ``runner`` (not the search worker): load the data layer
    ahead of need, then scan the whole file and report a failure; ``on_sound`` follows a
    scan that passed. ``cancelled`` stops the scan early (the window is closing); a
    cancelled scan reports nothing."""

    def failed(exc: BaseException, _details: str) -> None:
        if not isinstance(exc, IntegrityCheckCancelled):
            on_failure(exc)

    def passed(_result: object) -> None:
        if on_sound is not None:
            on_sound()

    # A failed warm-up is not reported here: the same import fails, and is explained,
    # where the data layer is first used.
    runner.submit("warm-up", lambda: load_data_layer(db), lambda _r: None, lambda _e, _d: None)
    runner.submit("integrity", lambda: db.check_integrity(cancelled), passed, failed)


def file_menu(window: MainWindow) -> QMenu | None:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == "File":
            return menu
    return None


def _add_to_file_menu(window: MainWindow, actions: list[QAction]) -> None:
    """The backup actions go into File, before "Close patient" (or at its end)."""
    menu = file_menu(window)
    if menu is None:
        menu = window.menuBar().addMenu("&Backups")
    before = getattr(window, "close_tab_action", None)
    if isinstance(before, QAction) and before in menu.actions():
        menu.insertActions(before, actions)
        menu.insertSeparator(before)
    else:
        menu.addSeparator()
        menu.addActions(actions)


class DesktopApp:
    """The running app: one main window over one open database; another file replaces both."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self.opened: OpenedDatabase | None = None
        self.window: MainWindow | None = None
        self.keeper: BackupKeeper | None = None
        self.dialog: BackupSettingsDialog | RestoreDialog | None = None
        self.message: QMessageBox | None = None
        """The last non-blocking message shown (kept so tests and the window can read it)."""
        self.banner: QToolBar | None = None
        self.backup_now_action: QAction | None = None
        self.restore_action: QAction | None = None
        self.settings_action: QAction | None = None

    def start(self, target: str) -> bool:
        """Open ``target`` (or another file the practitioner picks) and show the window."""
        opened = open_interactively(target, settings=self.settings)
        if opened is None:
            return False
        self._show(opened)
        return True

    def _show(self, opened: OpenedDatabase) -> None:
        from cryolog.ui.main_window import MainWindow

        self.opened = opened
        self.settings.setValue("database/last", opened.db.stored_target)
        window = MainWindow(Services.open(opened.db), self.settings)
        window.switch_database.connect(lambda path: self.switch(window, path))
        self._storage_parts(window, opened)
        window.show()
        started: list[bool] = []

        def start_background(*_args: object) -> None:  # once the first page is on screen
            if not started:
                started.append(True)
                start_background_work(
                    window.background,
                    opened.db,
                    lambda exc: self._integrity_failed(window, exc),
                    window.closing.is_set,
                    lambda: self._file_is_sound(window, opened),
                )

        window.model.loaded.connect(start_background)
        window.model.failed.connect(start_background)
        self.window = window

    # storage parts of the window --------------------------------------------------------

    def _storage_parts(self, window: MainWindow, opened: OpenedDatabase) -> None:
        db = opened.db
        label = BackupStatusLabel()
        window.statusBar().addPermanentWidget(label)
        self.keeper = BackupKeeper(
            db.storage, window.background, label, load_backup_settings(self.settings), window
        )
        self.keeper.failed.connect(lambda exc: self._backup_failed(window, exc))
        self.backup_now_action = QAction("&Back up now", window)
        self.restore_action = QAction("&Restore from backup…", window)
        self.settings_action = QAction("Backup &settings…", window)
        self.backup_now_action.triggered.connect(self.back_up_now)
        self.restore_action.triggered.connect(lambda: self.show_restore_dialog(window))
        self.settings_action.triggered.connect(lambda: self.show_backup_settings(window))
        actions = [self.backup_now_action, self.restore_action, self.settings_action]
        on_file = isinstance(db.storage, SqliteFileBackend)
        for action in actions:
            action.setEnabled(on_file)
        if db.read_only:
            self.banner = install_read_only_banner(window, db.read_only_reason)
            self.backup_now_action.setEnabled(False)
            label.setText("Read-only: no backups are made")
        _add_to_file_menu(window, actions)
        notes = db.migration.notes if db.migration else ()
        if notes:
            window.statusBar().showMessage(" ".join(notes), 60_000)
        if on_file and db.path is not None:
            self._check_placement(window, db.path)

    def _check_placement(self, window: MainWindow, path: Path) -> None:
        from cryolog.db.placement import placement_warning

        def warn(found: PlacementWarning | None) -> None:
            if found is not None:
                self.message = recovery_questions.show_placement_warning(found, path, window)

        window.background.submit(
            "placement", lambda: placement_warning(path), warn, lambda _e, _d: None
        )

    def _file_is_sound(self, window: MainWindow, opened: OpenedDatabase) -> None:
        if self.keeper is None or window is not self.window:
            return
        if opened.db.read_only:
            self.keeper.refresh()
        else:
            self.keeper.start()

    def back_up_now(self) -> None:
        if self.keeper is not None and self.window is not None:
            self.window.statusBar().showMessage("Making a backup…", 10_000)
            self.keeper.made.connect(self._report_made)
            self.keeper.back_up("manual")

    def _report_made(self, outcome: object) -> None:
        if self.keeper is not None:
            self.keeper.made.disconnect(self._report_made)
        backup = getattr(outcome, "backup", None)
        if self.window is not None and backup is not None:
            self.window.statusBar().showMessage(f"Backup made and checked: {backup.path}", 15_000)

    def _backup_failed(self, window: MainWindow, exc: object) -> None:
        from cryolog.ui.errors import show_error

        if isinstance(exc, BaseException) and window is self.window:
            self.message = show_error(window, "No backup was made", exc)

    def show_backup_settings(self, window: MainWindow) -> BackupSettingsDialog:
        folder = None
        if self.opened is not None and self.opened.db.path is not None:
            from cryolog.db.backup import backup_folder

            folder = backup_folder(self.opened.db.path)
        dialog = BackupSettingsDialog(self.settings, folder, window)
        if self.keeper is not None:
            dialog.saved.connect(self.keeper.use_settings)
        self.dialog = dialog
        dialog.open()
        return dialog

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

    # restore and recovery ---------------------------------------------------------------

    def restore(self, window: MainWindow, backup: Path) -> bool:
        """Close the window (asking about unsaved work), put ``backup`` in place of the
        database, and open the restored one; False when the practitioner kept the window."""
        opened = self.opened
        if opened is None or opened.db.path is None:
            return False
        path = opened.db.path
        app = QApplication.instance()
        keep_running = isinstance(app, QApplication) and app.quitOnLastWindowClosed()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)
        try:
            if not window.close():
                return False
            lock = opened.take_lock()
            self.close()
            message, lock = self._restore_file(path, backup, lock)
            return self._reopen(path, lock, message)
        finally:
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(keep_running)

    def _restore_file(
        self, path: Path, backup: Path, lock: InstanceLock | None
    ) -> tuple[str, InstanceLock | None]:
        from cryolog.services.restore import restore_backup

        backend = SqliteFileBackend(path)
        try:
            outcome = run_with_progress(
                None,
                "Restoring",
                f"Restoring {backup.name}…",
                lambda progress: restore_backup(backend, backup, holding=lock, progress=progress),
            )
        except DatabaseProblem as exc:
            return f"The backup was not restored: {exc} The database is as it was.", lock
        what = "The damaged file" if outcome.damaged else "The replaced file"
        kept = f" {what} is kept as {outcome.kept}." if outcome.kept else ""
        message = f"Restored from {backup.name}.{kept}"
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
                "Restore",
                message,
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setObjectName("restoreDone")
            self.message = box
            box.open()
        return True

    def _integrity_failed(self, window: MainWindow, exc: BaseException) -> None:
        problem = exc if isinstance(exc, DatabaseProblem) else DatabaseProblem(str(exc))
        corrupt = isinstance(problem, DatabaseCorrupt) and self.opened is not None
        if corrupt and self._recover_running(window, problem):
            return
        box = problem_box(problem, window)
        box.exec()
        if box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole:
            self.switch(window, "")
        else:
            window.close()

    def _recover_running(self, window: MainWindow, problem: DatabaseProblem) -> bool:
        """The scan after start found damage: offer the newest good backup. True when the
        question was asked (and answered), False when there is no backup to offer."""
        from cryolog.services.restore import newest_good_backup

        opened = self.opened
        if opened is None or not isinstance(opened.db.storage, SqliteFileBackend):
            return False
        backend = SqliteFileBackend(opened.db.storage.file)
        settings = load_backup_settings(self.settings)
        found = run_with_progress(
            window,
            "Looking for a backup",
            "Checking the backups of the damaged database…",
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

    # switching and closing --------------------------------------------------------------

    def switch(self, window: MainWindow, path: str) -> None:
        path = path or window.choose_file()
        if not path:
            return
        new = open_interactively(
            path, window, lambda _parent: window.choose_file(), settings=self.settings
        )
        if new is None:
            return
        if not window.close():
            new.close()
            return
        self.close()
        self._show(new)

    def back_up_on_quit(self) -> None:
        """The last backup, after the window closed, with a progress dialog."""
        from cryolog.services.backups import BackupService

        opened = self.opened
        if opened is None or opened.db.read_only:
            return
        if not isinstance(opened.db.storage, SqliteFileBackend):
            return
        service = BackupService(opened.db.storage, load_backup_settings(self.settings))
        try:
            run_with_progress(
                None,
                "Backing up",
                "Making a checked backup of today's records before cryolog closes…",
                lambda progress: service.back_up("quit", progress=progress),
                show_after_ms=300,  # nothing changed: no backup, and no dialog flashing by
            )
        except DatabaseProblem as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "No backup was made",
                f"{exc}\n\nYour records are safe in the database; only the backup is missing.",
            )
            box.setObjectName("quitBackupFailed")
            QTimer.singleShot(60_000, box.close)
            box.exec()

    def close(self) -> None:
        if self.keeper is not None:
            self.keeper.stop()
            self.keeper = None
        if self.opened is not None:
            self.opened.close()
            self.opened = None


def run(db_arg: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("cryolog")
    app.setOrganizationName(ORGANISATION)
    settings = QSettings(ORGANISATION, "cryolog")
    remembered = settings.value("database/last")
    explicit = db_arg or os.environ.get(ENV_VAR, "").strip()
    target = resolve_target(db_arg) if explicit or not remembered else str(remembered)
    desktop = DesktopApp(settings)
    if not desktop.start(target):
        return 1
    code = app.exec()
    desktop.back_up_on_quit()
    desktop.close()
    return int(code)
