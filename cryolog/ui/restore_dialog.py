"""File › Restore from backup…: the backups with what each holds and what would be lost.

The list is read on the background lane before the dialog opens; choosing one asks once
more (what is lost, where the current file is kept) and then hands the backup to the app,
which closes the window, restores, and opens the restored database.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cryolog.services.backups import BackupEntry, LostSince
from cryolog.ui.recovery_questions import when_text

KIND_LABELS = {
    "automatic": "automatic",
    "manual": "made by hand",
    "pre-migration": "before an update",
    "pre-restore": "before a restore",
}
COLUMNS = ("Made", "Kind", "Size", "Patients", "Sessions", "Lost if restored")


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def lost_text(lost: LostSince | None) -> str:
    if lost is None:
        return "unknown"
    if lost.nothing:
        return "nothing"
    parts = [
        plural(lost.patients, "patient", "patients") if lost.patients else "",
        plural(lost.sessions, "session", "sessions") if lost.sessions else "",
        plural(lost.changes, "change", "changes") if lost.changes else "",
    ]
    return ", ".join(p for p in parts if p)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(size, 1) / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def confirmation_text(entry: BackupEntry) -> str:
    lost = lost_text(entry.lost)
    return (
        f"Restore the backup from {when_text(entry.backup.created_at)}?\n\n"
        f"Recorded since then and missing from it: {lost}.\n\n"
        "The current database is kept first as a checked copy in the “pre-restore”"
        " backups, so it can be brought back. The window closes and opens again."
    )


class RestoreDialog(QDialog):
    """``chosen`` carries the Backup once the practitioner confirmed it."""

    chosen = Signal(object)

    def __init__(self, entries: list[BackupEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.entries = entries
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Choose the backup to restore. Each was checked when it was made, and is checked"
                " again before it is restored."
            )
            if entries
            else self.tr("There is no backup of this database yet. Use File › Back up now.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(entries), len(COLUMNS))
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, entry in enumerate(entries):
            self._fill(row, entry)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.confirm)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.selected() is not None)
        )
        self.table.doubleClicked.connect(lambda _index: self.confirm())
        layout.addWidget(buttons)
        if entries:
            self.table.selectRow(0)

    def _fill(self, row: int, entry: BackupEntry) -> None:
        manifest = entry.backup.manifest
        kind = KIND_LABELS.get(manifest.kind, manifest.kind)
        if entry.second_folder:
            kind += " (second folder)"
        values = (
            when_text(entry.backup.created_at),
            kind,
            size_text(manifest.size),
            str(manifest.patients),
            str(manifest.sessions),
            lost_text(entry.lost),
        )
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column in (2, 3, 4):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(str(entry.backup.path))
            self.table.setItem(row, column, item)

    def selected(self) -> BackupEntry | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.entries[rows.pop()] if len(rows) == 1 else None

    def confirm(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if confirm_restore(self, entry):
            self.accept()
            self.chosen.emit(entry.backup)


def confirm_restore(parent: QWidget | None, entry: BackupEntry) -> bool:
    """Asked once more before the window closes for the restore (tests answer it)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("restore_dialog", "Restore from backup"),
        confirmation_text(entry),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
