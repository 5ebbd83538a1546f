"""Start the desktop app: open the database (or explain why not and offer another file)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseProblem, DatabaseReadOnly
from cryolog.db.location import ENV_VAR, ensure_private_dir, is_url, resolve_target
from cryolog.db.lock import InstanceLock
from cryolog.db.sqlite_file import IntegrityCheckCancelled
from cryolog.services import Services, load_data_layer
from cryolog.ui.tasks import TaskRunner
from cryolog.ui.verify_banner import show_verification

if TYPE_CHECKING:
    from cryolog.ui.main_window import MainWindow

ORGANISATION = "cryolog"


class OpenedDatabase:
    """A database with this window's instance lock on it; ``close()`` releases both."""

    def __init__(self, db: Database, lock: InstanceLock | None) -> None:
        self.db, self.lock = db, lock

    def close(self) -> None:
        self.db.dispose()
        if self.lock is not None:
            self.lock.release()


def open_for_window(target: str) -> OpenedDatabase:
    """Lock, then open (creating or migrating); raises DatabaseProblem with a clear sentence."""
    lock = None
    if not is_url(target) or target.startswith("sqlite"):
        path = Path(target.removeprefix("sqlite:///")).expanduser().absolute()
        try:
            ensure_private_dir(path.parent)
        except OSError as exc:
            raise DatabaseReadOnly(
                f"Cannot create the folder {path.parent}: {exc.strerror}. Choose another location.",
                str(path),
            ) from exc
        lock = InstanceLock(path).acquire()
    try:
        db = open_database(target, verify=False)  # the full scan runs once the window is up
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return OpenedDatabase(db, lock)


def problem_box(problem: DatabaseProblem, parent: QWidget | None = None) -> QMessageBox:
    """The message for a database that cannot be used, with 'Choose another file' and 'Quit'."""
    box = QMessageBox(parent)
    box.setObjectName("databaseProblem")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("The database cannot be opened")
    box.setText(str(problem))
    box.setInformativeText("You can choose another database file, or quit.")
    box.addButton("Choose another file…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    return box


def choose_database(parent: QWidget | None = None) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        "Open or create a cryolog database",
        "",
        "cryolog database (*.db);;All files (*)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return path


def open_interactively(target: str) -> OpenedDatabase | None:
    """Try ``target``; on a problem explain it and let the practitioner pick another file."""
    while True:
        try:
            return open_for_window(target)
        except DatabaseProblem as problem:
            box = problem_box(problem)
            box.exec()
            if box.buttonRole(box.clickedButton()) != QMessageBox.ButtonRole.AcceptRole:
                return None
            target = choose_database()
            if not target:
                return None


def start_background_work(
    runner: TaskRunner,
    db: Database,
    on_failure: Callable[[BaseException], None],
    cancelled: Callable[[], bool] = lambda: False,
    on_verified: Callable[[Any], object] | None = None,
) -> None:
    """Once the window is up, on ``runner`` (not the search worker): load the data layer
    ahead of need, then scan the whole file and report a failure, then verify the audit
    trail (``on_verified`` gets the report). ``cancelled`` stops the scan and the check
    early (the window is closing); a cancelled one reports nothing."""

    def failed(exc: BaseException, _details: str) -> None:
        if not isinstance(exc, IntegrityCheckCancelled):
            on_failure(exc)

    # A failed warm-up is not reported here: the same import fails, and is explained,
    # where the data layer is first used.
    runner.submit("warm-up", lambda: load_data_layer(db), lambda _r: None, lambda _e, _d: None)
    runner.submit("integrity", lambda: db.check_integrity(cancelled), lambda _r: None, failed)
    if on_verified is not None and db.path is not None:
        path = db.path

        def verify() -> Any:
            from cryolog.services.verify import verify_file

            return verify_file(path, cancelled)

        done = on_verified

        def verified(report: Any) -> None:
            done(report)

        runner.submit("verify", verify, verified, lambda _e, _d: None)


class DesktopApp:
    """The running app: one main window over one open database; another file replaces both."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self.opened: OpenedDatabase | None = None
        self.window: MainWindow | None = None

    def start(self, target: str) -> bool:
        """Open ``target`` (or another file the practitioner picks) and show the window."""
        opened = open_interactively(target)
        if opened is None:
            return False
        self._show(opened)
        return True

    def _show(self, opened: OpenedDatabase) -> None:
        from cryolog.ui.main_window import MainWindow

        self.opened = opened
        self.settings.setValue("database/last", opened.db.label)
        window = MainWindow(Services.open(opened.db), self.settings)
        window.switch_database.connect(lambda path: self.switch(window, path))
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
                    lambda report: show_verification(window, report),
                )

        window.model.loaded.connect(start_background)
        window.model.failed.connect(start_background)
        self.window = window

    def _integrity_failed(self, window: MainWindow, exc: BaseException) -> None:
        problem = exc if isinstance(exc, DatabaseProblem) else DatabaseProblem(str(exc))
        box = problem_box(problem, window)
        box.exec()
        if box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole:
            self.switch(window, "")
        else:
            window.close()

    def switch(self, window: MainWindow, path: str) -> None:
        path = path or window.choose_file()
        if not path:
            return
        try:
            new = open_for_window(path)
        except DatabaseProblem as problem:
            problem_box(problem, window).exec()
            return
        if not window.close():
            new.close()
            return
        self.close()
        self._show(new)

    def close(self) -> None:
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
    desktop.close()
    return int(code)
