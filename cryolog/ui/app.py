"""Start the desktop app: open the database (or explain why not and offer another file).

Around the main window this adds the storage parts: the backup status in the status bar,
automatic backups on the background lane, File › Back up now / Restore from backup… /
Backup settings…, a read-only opening (the window's banner says why), the warning for a
risky place, the recovery of a damaged file, and the backup on quit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from cryolog import logs
from cryolog.db.database import Database
from cryolog.db.location import ENV_VAR, resolve_target
from cryolog.db.sqlite_file import IntegrityCheckCancelled
from cryolog.services import Services, load_data_layer
from cryolog.ui.backup_parts import _add_to_file_menu as add_to_file_menu
from cryolog.ui.encrypt_flow import EncryptionParts
from cryolog.ui.idle_lock import install_idle_lock
from cryolog.ui.recovery_open import (
    OpenedDatabase,
    choose_database,
    open_for_window,
    open_interactively,
)
from cryolog.ui.recovery_questions import problem_box
from cryolog.ui.restore_flow import RestoreFlow
from cryolog.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from cryolog.ui.main_window import MainWindow

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
    on_verified: Callable[[Any], object] | None = None,
    on_warm: Callable[[], None] | None = None,
) -> None:
    """Once the window is up, on ``runner`` (not the search worker): load the data layer
    ahead of need, then scan the whole file and report a failure (``on_sound`` follows a
    scan that passed), then verify the audit trail (``on_verified`` gets the report).
    ``cancelled`` stops the scan and the check early (the window is closing); a cancelled
    one reports nothing. ``on_warm`` runs once the data layer is loaded."""

    def failed(exc: BaseException, _details: str) -> None:
        if not isinstance(exc, IntegrityCheckCancelled):
            on_failure(exc)

    def passed(_result: object) -> None:
        if on_sound is not None:
            on_sound()

    # A failed warm-up is not reported here: the same import fails, and is explained,
    # where the data layer is first used.
    warmed = on_warm or (lambda: None)
    runner.submit("warm-up", lambda: load_data_layer(db), lambda _r: warmed(), lambda _e, _d: None)
    runner.submit("integrity", lambda: db.check_integrity(cancelled), passed, failed)
    if on_verified is not None and db.path is not None:
        path = db.path

        def verify() -> Any:
            from cryolog.services.verify import verify_file

            return verify_file(path, cancelled)

        done = on_verified

        def verified(report: Any) -> None:
            done(report)

        runner.submit("verify", verify, verified, lambda _e, _d: None)
    elif on_verified is not None and db.storage.kind == "postgresql":
        server = db.storage  # incremental: from the head this workstation verified last

        def verify_server() -> Any:
            from cryolog.services.verify_server import verify_at_start

            return verify_at_start(server, cancelled)  # type: ignore[arg-type]

        shown = on_verified

        def verified_server(report: Any) -> None:
            shown(report)

        runner.submit("verify", verify_server, verified_server, lambda _e, _d: None)


def _show_verification(window: MainWindow, report: Any) -> None:
    from cryolog.ui.verify_banner import show_verification  # after the first page

    show_verification(window, report)


class DesktopApp(RestoreFlow, EncryptionParts):
    """The running app: one main window over one open database; another file replaces both."""

    settle_collector = False
    """Set by ``run`` (a process of its own): the collector is settled after start-up."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self.opened: OpenedDatabase | None = None
        self.window: MainWindow | None = None

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
        self._storage_parts(window, opened, self._restore_parts(window))
        add_to_file_menu(window, self._encryption_parts(window, opened))
        lock = install_idle_lock(window, opened.db, self.settings)
        window.show()
        started: list[bool] = []

        def start_background(*_args: object) -> None:  # once the first page is on screen
            if not started:
                started.append(True)
                logs.start_writing()
                lock.watch()
                start_background_work(
                    window.background,
                    opened.db,
                    lambda exc: self._integrity_failed(window, exc),
                    window.closing.is_set,
                    lambda: self._file_is_sound(window, opened),
                    on_verified=lambda report: _show_verification(window, report),
                    on_warm=self._settle_collector if self.settle_collector else None,
                )

        window.model.loaded.connect(start_background)
        window.model.failed.connect(start_background)
        self.window = window

    @staticmethod
    def _settle_collector() -> None:
        from cryolog.ui import collector

        collector.settle()  # start-up's objects stay for good: out of the collector's walk

    # storage parts of the window --------------------------------------------------------

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
    from cryolog.ui.desktop import prepare_application  # log, crash handler, icon, language

    prepare_application(app)
    settings = QSettings(ORGANISATION, "cryolog")
    remembered = settings.value("database/last")
    explicit = db_arg or os.environ.get(ENV_VAR, "").strip()
    target = resolve_target(db_arg) if explicit or not remembered else str(remembered)
    desktop = DesktopApp(settings)
    desktop.settle_collector = True
    if not desktop.start(target):
        return 1
    code = app.exec()
    desktop.back_up_on_quit()
    desktop.close()
    return int(code)
