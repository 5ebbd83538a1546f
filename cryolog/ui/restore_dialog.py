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

from cryolog.domain import locale as loc
from cryolog.domain.messages import Message
from cryolog.services.backups import BackupEntry, LostSince
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.recovery_questions import when_text

KIND_LABELS = {
    "automatic": QT_TRANSLATE_NOOP("restore", "automatic"),
    "manual": QT_TRANSLATE_NOOP("restore", "made by hand"),
    "pre-migration": QT_TRANSLATE_NOOP("restore", "before an update"),
    "pre-restore": QT_TRANSLATE_NOOP("restore", "before a restore"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("restore", "Made"),
    QT_TRANSLATE_NOOP("restore", "Kind"),
    QT_TRANSLATE_NOOP("restore", "Size"),
    QT_TRANSLATE_NOOP("restore", "Patients"),
    QT_TRANSLATE_NOOP("restore", "Sessions"),
    QT_TRANSLATE_NOOP("restore", "Lost if restored"),
)


def _tr(text: str, count: int = -1) -> str:
    return QCoreApplication.translate("restore", text, None, count)


def _count(unit: str, n: int) -> str:
    """ "3 patients" ("3 пациента"): a count with its CLDR plural, from the catalog."""
    return Message(f"unit.{unit}", n=n).render(loc.window_locale()) if n else ""


def lost_text(lost: LostSince | None) -> str:
    if lost is None:
        return QCoreApplication.translate("restore", "unknown")
    if lost.nothing:
        return QCoreApplication.translate("restore", "nothing")
    parts = [
        _count("patients", lost.patients),
        _count("sessions", lost.sessions),
        _count("changes", lost.changes),
    ]
    return ", ".join(p for p in parts if p)


def size_text(size: int) -> str:
    return loc.shown_size(size)


def confirmation_text(entry: BackupEntry) -> str:
    lost = lost_text(entry.lost)
    return QCoreApplication.translate(
        "restore",
        "Restore the backup from {0}?\n\n"
        "Recorded since then and missing from it: {1}.\n\n"
        "The current database is kept first as a checked copy in the “pre-restore”"
        " backups, so it can be brought back. The window closes and opens again.",
    ).format(when_text(entry.backup.created_at), lost)


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
        self.table.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
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
        kind = _tr(KIND_LABELS[manifest.kind]) if manifest.kind in KIND_LABELS else manifest.kind
        if entry.second_folder:
            kind = QCoreApplication.translate("restore", "{0} (second folder)").format(kind)
        values = (
            when_text(entry.backup.created_at),
            kind,
            size_text(manifest.size),
            loc.shown(manifest.patients),
            loc.shown(manifest.sessions),
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
