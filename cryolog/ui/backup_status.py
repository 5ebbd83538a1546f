"""Automatic backups while the window is open, and their state in the status bar.

``BackupKeeper`` runs each backup on the window's background lane: once the file has
passed its integrity scan at start, then every few minutes it asks whether one is due (a
day since the last, or a burst of changes — never when nothing changed), and on request.
The status bar shows the last good backup, in red after a week without one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from cryolog.db.backends.base import StorageBackend
from cryolog.services.backups import BackupOutcome, BackupService, BackupSettings, BackupStatus
from cryolog.ui.recovery_questions import when_text

CHECK_EVERY_MS = 10 * 60 * 1000
WARNING_STYLE = "color: #b00020; font-weight: bold;"


class Lane(Protocol):
    def submit(
        self,
        channel: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None] | None = None,
        owner: QObject | None = None,
    ) -> int: ...


class BackupStatusLabel(QLabel):
    """The last good backup (or the warning) in the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Backups: …"))
        self.setObjectName("backupStatus")
        self.status: BackupStatus | None = None

    def status_text(self, status: BackupStatus, now: datetime | None = None) -> str:
        if status.last is None:
            return self.tr("No backup yet")
        if status.overdue:
            days = ((now or datetime.now(UTC)) - status.last) // timedelta(days=1)
            return self.tr("No backup for %n day(s) — File › Back up now", "", days)
        return self.tr("Last backup: {when}").format(when=when_text(status.last))

    def show_status(self, status: BackupStatus, warnings: tuple[str, ...] = ()) -> None:
        self.status = status
        text = self.status_text(status)
        if warnings:
            text += self.tr(" — second folder unreachable")
        self.setText(text)
        self.setToolTip("\n".join(warnings))
        self.setStyleSheet(WARNING_STYLE if status.overdue or warnings else "")


class BackupKeeper(QObject):
    """Backups of one open database on ``lane``; ``made`` carries each outcome."""

    made = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        backend: StorageBackend,
        lane: Lane,
        label: BackupStatusLabel,
        settings: BackupSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend, self.lane, self.label = backend, lane, label
        self.service = BackupService(backend, settings)
        self.warnings: tuple[str, ...] = ()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(lambda: self.back_up("regular"))

    def use_settings(self, settings: BackupSettings) -> None:
        self.service = BackupService(self.backend, settings)

    def start(self) -> None:
        """At start: clean up after interrupted backups, back up if anything changed since
        the last one, then keep watching."""
        service = self.service

        def work() -> BackupOutcome:
            service.clean_up()
            return service.back_up("start")

        self.lane.submit("backup-start", work, self._done, self._failed, owner=self.label)
        self.timer.start()

    def back_up(self, reason: str) -> None:
        service = self.service
        force = reason == "manual"
        self.lane.submit(
            f"backup-{reason}",
            lambda: service.back_up(reason, force=force),
            self._done,
            self._failed,
            owner=self.label,
        )

    def refresh(self) -> None:
        service = self.service
        self.lane.submit(
            "backup-status",
            service.status,
            lambda status: self.label.show_status(status, self.warnings),
            lambda _exc, _details: None,
            owner=self.label,
        )

    def stop(self) -> None:
        self.timer.stop()

    def _done(self, outcome: BackupOutcome) -> None:
        if outcome.backup is not None:
            self.warnings = outcome.warnings
        self.refresh()
        self.made.emit(outcome)

    def _failed(self, exc: BaseException, _details: str) -> None:
        self.refresh()
        self.failed.emit(exc)
