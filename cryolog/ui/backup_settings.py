"""Backup settings of this computer: the second folder and how many old backups stay.

They live in the user's settings (not in the database): the second folder is a place on
this computer (an external drive, a network share), and the rotation decides what this
computer keeps.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cryolog.db.rotation import RotationPolicy
from cryolog.services.backups import BackupSettings

ORGANISATION = "cryolog"
KEYS = {
    "daily": "backups/keep_daily",
    "weekly": "backups/keep_weekly",
    "monthly": "backups/keep_monthly",
}
SECOND_FOLDER_KEY = "backups/second_folder"
MAX_KEPT = 365


def app_settings() -> QSettings:
    return QSettings(ORGANISATION, "cryolog")


def _count(settings: QSettings, key: str, default: int) -> int:
    value = settings.value(key, default)
    try:
        number = int(str(value))
    except ValueError:
        return default
    return number if 0 <= number <= MAX_KEPT else default


def load_backup_settings(settings: QSettings | None = None) -> BackupSettings:
    settings = settings or app_settings()
    defaults = RotationPolicy()
    policy = RotationPolicy(
        _count(settings, KEYS["daily"], defaults.daily),
        _count(settings, KEYS["weekly"], defaults.weekly),
        _count(settings, KEYS["monthly"], defaults.monthly),
    )
    second = str(settings.value(SECOND_FOLDER_KEY, "") or "").strip()
    return BackupSettings(policy=policy, second_folder=Path(second) if second else None)


def save_backup_settings(values: BackupSettings, settings: QSettings | None = None) -> None:
    settings = settings or app_settings()
    for name, key in KEYS.items():
        settings.setValue(key, getattr(values.policy, name))
    second = values.second_folder
    settings.setValue(SECOND_FOLDER_KEY, "" if second is None else str(second))
    settings.sync()


class BackupSettingsDialog(QDialog):
    """File › Backup settings…: ``saved`` carries the new settings once stored."""

    saved = Signal(object)

    def __init__(
        self, settings: QSettings, primary_folder: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupSettings")
        self.setWindowTitle(self.tr("Backup settings"))
        self.settings = settings
        self.primary_folder = primary_folder
        current = load_backup_settings(settings)
        layout = QVBoxLayout(self)
        where = QLabel(
            "Backups are made at start, at least daily while cryolog is open, after a burst"
            " of changes and when you quit — each one checked before it is kept."
            + (f"\nThey are kept in {primary_folder}." if primary_folder else "")
        )
        where.setWordWrap(True)
        layout.addWidget(where)
        form = QFormLayout()
        self.second = QLineEdit(str(current.second_folder or ""))
        self.second.setPlaceholderText(self.tr("none (for example an external drive)"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.second, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Second backup folder"), row)
        self.daily = self._spin(current.policy.daily)
        self.weekly = self._spin(current.policy.weekly)
        self.monthly = self._spin(current.policy.monthly)
        form.addRow(self.tr("Keep daily backups"), self.daily)
        form.addRow(self.tr("Keep weekly backups"), self.weekly)
        form.addRow(self.tr("Keep monthly backups"), self.monthly)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("backupSettingsError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _spin(self, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, MAX_KEPT)
        spin.setValue(value)
        return spin

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Second backup folder"), self.second.text()
        )
        if folder:
            self.second.setText(folder)

    def problem(self) -> str | None:
        text = self.second.text().strip()
        if not text:
            return None
        folder = Path(text).expanduser()
        if not folder.is_absolute():
            return self.tr("Give the second folder's full path (or use Browse…).")
        if not folder.is_dir():
            return self.tr(
                "{0} cannot be reached now: connect the drive, or choose a folder."
            ).format(folder)
        if self.primary_folder is not None and folder.resolve() == self.primary_folder.resolve():
            return self.tr("The second folder must be another place than the backups folder.")
        return None

    def save(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.error.setText(problem)
            return
        text = self.second.text().strip()
        values = BackupSettings(
            policy=RotationPolicy(self.daily.value(), self.weekly.value(), self.monthly.value()),
            second_folder=Path(text).expanduser() if text else None,
        )
        save_backup_settings(values, self.settings)
        self.saved.emit(values)
        self.accept()
