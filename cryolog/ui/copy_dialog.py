"""File › Copy to a server… (from a file) and File › Save a file snapshot… (from a server).

The same path as ``cryolog copy`` (``services.copy.copy_between``): every row, ids, actors
and the audit chain, checked against the source, recorded in the copy's audit trail. The
copy runs on the window's background lane; the dialog shows which table it is at and how
many rows it copied, then the outcome, and the window stays usable meanwhile. The open
database is only read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cryolog.db.database import Database
from cryolog.ui.tasks import TaskRunner


class _Progress(QObject):
    moved = Signal(str, int)  # table, rows copied so far (from the lane's thread)


class CopyDialog(QDialog):
    """Asks where to, then copies the open database there on ``lane``."""

    def __init__(self, db: Database, lane: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.lane = lane
        self.to_server = db.storage.path is not None
        self.setWindowTitle(
            self.tr("Copy to a server") if self.to_server else self.tr("Save a file snapshot")
        )
        intro = QLabel(
            self.tr(
                "Every record, the history and the audit trail are copied into an empty"
                " database on the server. This file is only read."
            )
            if self.to_server
            else self.tr(
                "Every record, the history and the audit trail are copied into a new file."
                " The server is only read; workstations may go on working."
            )
        )
        intro.setWordWrap(True)
        self.target = QLineEdit()
        self.target.setObjectName("copyTarget")
        self.target.setPlaceholderText(
            "postgresql://role@server/cryolog" if self.to_server else self.tr("New file…")
        )
        where = QHBoxLayout()
        where.addWidget(self.target, 1)
        if not self.to_server:
            browse = QPushButton(self.tr("Choose…"))
            browse.clicked.connect(self._browse)
            where.addWidget(browse)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.hide()
        self.status = QLabel()
        self.status.setObjectName("copyStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start = self.buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.clicked.connect(self.copy)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(where)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.progress = _Progress(self)
        self.progress.moved.connect(self._moved)
        self.running = False
        self.outcome: str | None = None
        self.sent = ""

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a file snapshot"), "", self.tr("cryolog database (*.db)")
        )
        if chosen:
            self.target.setText(chosen)

    def copy(self) -> None:
        target = self.target.text().strip()
        if not target:
            self.status.setText(
                self.tr("Give the server's address.")
                if self.to_server
                else self.tr("Choose a new file.")
            )
            return
        if self.to_server and "://" not in target:
            self.status.setText(self.tr("A server's address starts with postgresql://"))
            return
        if not self.to_server and "://" in target:
            self.status.setText(self.tr("A snapshot is a new file on this computer."))
            return
        if not self.to_server:
            target = str(Path(target).expanduser())
        self.sent = target
        source = self.db.storage
        moved = self.progress.moved

        def work() -> Any:
            from cryolog.services.copy import copy_between

            return copy_between(source, target, lambda table, rows: moved.emit(table, rows))

        self.running = True
        self.start.setEnabled(False)
        self.target.setEnabled(False)
        self.bar.show()
        self.status.setText(self.tr("Copying…"))
        self.lane.submit("copy", work, self._done, self._failed, owner=self)

    def _moved(self, table: str, rows: int) -> None:
        if self.running:
            self.status.setText(self.tr("Copying {0}: {1} rows…").format(table, rows))

    def _finish(self, text: str) -> None:
        self.running = False
        self.bar.hide()
        self.outcome = text
        self.status.setText(text)

    def _done(self, report: Any) -> None:
        rows = sum(report.counts.values())
        self._finish(
            self.tr(
                "Copied {0} rows; every table and the audit trail match. The copy is recorded"
                " in its own audit trail."
            ).format(rows)
        )

    def _failed(self, exc: BaseException, details: str) -> None:
        self._finish(self.tr("Nothing was copied: {0}").format(explained(exc, self.db, self.sent)))
        self.start.setEnabled(True)
        self.target.setEnabled(True)


def explained(exc: BaseException, db: Database, target: str) -> str:
    """A copy's failure in plain words: a server's error translated by the server's end."""
    from cryolog.db.backends import PostgresBackend, backend_for
    from cryolog.db.errors import DatabaseProblem
    from cryolog.ui.errors import plain_message

    if not isinstance(exc, DatabaseProblem):
        try:
            ends = [db.storage, backend_for(target)]
        except DatabaseProblem as problem:
            return str(problem)
        server = next((e for e in ends if isinstance(e, PostgresBackend)), None)
        if server is not None:
            return str(server.translate(exc))
    return plain_message(exc)


def install_copy_actions(window: QMainWindow, db: Database, lane: TaskRunner) -> QAction:
    """The File menu's copy action for ``db`` (a file: to a server; a server: a snapshot)."""
    text = (
        QCoreApplication.translate("CopyDialog", "Copy to a &server…")
        if db.storage.path is not None
        else QCoreApplication.translate("CopyDialog", "Save a file &snapshot…")
    )
    action = QAction(text, window)
    action.setObjectName("copyDatabaseAction")

    def open_dialog() -> None:
        dialog = CopyDialog(db, lane, window)
        dialog.setObjectName("copyDialog")
        dialog.open()

    action.triggered.connect(open_dialog)
    menu = getattr(window, "file_menu", None)
    before = getattr(window, "prefs_action", None)
    if menu is not None:
        menu.insertAction(before, action) if before is not None else menu.addAction(action)
    return action
