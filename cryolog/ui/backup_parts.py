"""The backup parts of the desktop app: the status bar, automatic backups on the
background lane, File › Back up now / Backup settings…, no backups of a read-only file, the warning
for a risky place, and the backup on quit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from cryolog.db.backends import SqliteFileBackend
from cryolog.db.errors import DatabaseProblem
from cryolog.ui import recovery_questions
from cryolog.ui.backup_progress import run_with_progress
from cryolog.ui.backup_settings import BackupSettingsDialog, load_backup_settings
from cryolog.ui.backup_status import BackupKeeper, BackupStatusLabel
from cryolog.ui.read_only import ReadOnlyBanner
from cryolog.ui.recovery_open import OpenedDatabase

if TYPE_CHECKING:
    from cryolog.db.placement import PlacementWarning
    from cryolog.ui.main_window import MainWindow
    from cryolog.ui.restore_dialog import RestoreDialog


def file_menu(window: MainWindow) -> QMenu | None:
    """The window's File menu, whatever the language calls it."""
    menu = getattr(window, "file_menu", None)
    return menu if isinstance(menu, QMenu) else None


def _add_to_file_menu(window: MainWindow, actions: list[QAction]) -> None:
    """The backup actions go into File, before "Close patient" (or at its end)."""
    menu = file_menu(window)
    if menu is None:
        menu = window.menuBar().addMenu(QCoreApplication.translate("backup_parts", "&Backups"))
    before = getattr(window, "close_tab_action", None)
    if isinstance(before, QAction) and before in menu.actions():
        menu.insertActions(before, actions)
        menu.insertSeparator(before)
    else:
        menu.addSeparator()
        menu.addActions(actions)


class BackupParts:
    """Mixed into ``DesktopApp``: what it adds to each window for backups."""

    settings: QSettings
    opened: OpenedDatabase | None
    window: MainWindow | None
    keeper: BackupKeeper | None = None
    dialog: BackupSettingsDialog | RestoreDialog | None = None
    message: QMessageBox | None = None
    """The last non-blocking message shown (kept so tests and the window can read it)."""
    backup_now_action: QAction | None = None
    settings_action: QAction | None = None

    def _storage_parts(
        self, window: MainWindow, opened: OpenedDatabase, restore_action: QAction
    ) -> None:
        db = opened.db
        label = BackupStatusLabel()
        window.statusBar().addPermanentWidget(label)
        self.keeper = BackupKeeper(
            db.storage, window.background, label, load_backup_settings(self.settings), window
        )
        self.keeper.failed.connect(lambda exc: self._backup_failed(window, exc))
        self.backup_now_action = QAction(
            QCoreApplication.translate("BackupParts", "&Back up now"), window
        )
        self.settings_action = QAction(
            QCoreApplication.translate("BackupParts", "Backup &settings…"), window
        )
        self.backup_now_action.triggered.connect(self.back_up_now)
        self.settings_action.triggered.connect(lambda: self.show_backup_settings(window))
        actions = [self.backup_now_action, restore_action, self.settings_action]
        on_file = isinstance(db.storage, SqliteFileBackend)
        for action in actions:
            action.setEnabled(on_file)
        if db.read_only:  # the window's read-only banner says why (ui/read_only.py)
            self.backup_now_action.setEnabled(False)
            label.setText(
                QCoreApplication.translate("BackupParts", "Read-only: no backups are made")
            )
        _add_to_file_menu(window, actions)
        notes = db.migration.notes if db.migration else ()
        if notes:
            window.statusBar().showMessage(" ".join(notes), 60_000)
        if on_file and db.path is not None:
            self._check_placement(window, db.path)

    @property
    def banner(self) -> ReadOnlyBanner | None:
        """The window's read-only banner (hidden while the database can be written)."""
        return self.window.banner if self.window is not None else None

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
            self.window.statusBar().showMessage(
                QCoreApplication.translate("BackupParts", "Making a backup…"), 10_000
            )
            self.keeper.made.connect(self._report_made)
            self.keeper.back_up("manual")

    def _report_made(self, outcome: object) -> None:
        if self.keeper is not None:
            self.keeper.made.disconnect(self._report_made)
        backup = getattr(outcome, "backup", None)
        if self.window is not None and backup is not None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("BackupParts", "Backup made and checked: {0}").format(
                    backup.path
                ),
                15_000,
            )

    def _backup_failed(self, window: MainWindow, exc: object) -> None:
        from cryolog.ui.errors import show_error

        if isinstance(exc, BaseException) and window is self.window:
            self.message = show_error(
                window, QCoreApplication.translate("BackupParts", "No backup was made"), exc
            )

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
                QCoreApplication.translate("BackupParts", "Backing up"),
                QCoreApplication.translate(
                    "BackupParts",
                    "Making a checked backup of today's records before cryolog closes…",
                ),
                lambda progress: service.back_up("quit", progress=progress),
                show_after_ms=300,  # nothing changed: no backup, and no dialog flashing by
            )
        except DatabaseProblem as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("BackupParts", "No backup was made"),
                QCoreApplication.translate(
                    "BackupParts",
                    "{0}\n\nYour records are safe in the database; only the backup is missing.",
                ).format(exc),
            )
            box.setObjectName("quitBackupFailed")
            QTimer.singleShot(60_000, box.close)
            box.exec()
