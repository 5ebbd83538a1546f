"""Start the desktop app: open the database (or explain why not and offer another file)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseProblem, DatabaseReadOnly
from cryolog.db.location import ENV_VAR, ensure_private_dir, is_url, resolve_target
from cryolog.db.lock import InstanceLock
from cryolog.services import Services
from cryolog.ui.tasks import TaskRunner

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


def start_integrity_check(
    runner: TaskRunner, db: Database, on_failure: Callable[[BaseException], None]
) -> None:
    """Scan the whole file on the worker once the window is up; report a failure."""
    runner.submit(
        "integrity",
        db.check_integrity,
        on_done=lambda _result: None,
        on_error=lambda exc, _details: on_failure(exc),
    )


def run(db_arg: str | None) -> int:
    from cryolog.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("cryolog")
    app.setOrganizationName(ORGANISATION)
    settings = QSettings(ORGANISATION, "cryolog")
    remembered = settings.value("database/last")
    explicit = db_arg or os.environ.get(ENV_VAR, "").strip()
    target = resolve_target(db_arg) if explicit or not remembered else str(remembered)
    opened = open_interactively(target)
    if opened is None:
        return 1
    state: dict[str, Any] = {"opened": opened}

    def make_window(o: OpenedDatabase) -> MainWindow:
        settings.setValue("database/last", o.db.label)
        window = MainWindow(Services.open(o.db), settings)
        window.switch_database.connect(lambda path: switch(window, path))
        window.show()
        start_integrity_check(window.runner, o.db, lambda exc: integrity_failed(window, exc))
        return window

    def integrity_failed(window: MainWindow, exc: BaseException) -> None:
        problem = exc if isinstance(exc, DatabaseProblem) else DatabaseProblem(str(exc))
        box = problem_box(problem, window)
        box.exec()
        if box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole:
            switch(window, "")
        else:
            window.close()

    def switch(window: MainWindow, path: str) -> None:
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
        state["opened"].close()
        state["opened"] = new
        state["window"] = make_window(new)

    state["window"] = make_window(opened)
    code = app.exec()
    state["opened"].close()
    return int(code)
