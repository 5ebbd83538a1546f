"""Automatic, verified backups of the open database, and what the practitioner sees of them.

When one is due: at start, regularly while the app is in use (a day after the last one, or
after a burst of changes), on quit, and on request — but only when something changed since
the last one. Each is checked before it is named (``cryolog.db.backup``), old ones are
thinned out by the rotation policy, and an optional second folder (an external drive, a
network share) gets a copy, with a warning when it cannot be reached.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryolog.db.anchor_lane import settle as settle_anchor
from cryolog.db.backends.base import Progress, StorageBackend
from cryolog.db.backup import (
    Backup,
    BackupFailed,
    all_folders,
    backup_folder,
    clean_up,
    copy_backup,
    list_backups,
    make_backup,
    rotate,
)
from cryolog.db.errors import DatabaseProblem, DiskFull
from cryolog.db.files import remove_stale_temporaries
from cryolog.db.rotation import RotationPolicy
from cryolog.db.snapshot import Facts, read_facts

REASONS = ("start", "regular", "quit", "manual")


@dataclass(frozen=True)
class BackupSettings:
    policy: RotationPolicy = field(default_factory=RotationPolicy)
    second_folder: Path | None = None
    every: timedelta = timedelta(days=1)
    """A regular backup is due this long after the last one (when something changed)."""
    burst: int = 20
    """... or after this many changes (audit entries) since the last one."""
    warn_after: timedelta = timedelta(days=7)


@dataclass(frozen=True)
class LostSince:
    """What the current file holds that a backup does not."""

    patients: int
    sessions: int
    changes: int

    @property
    def nothing(self) -> bool:
        return not (self.patients or self.sessions or self.changes)


@dataclass(frozen=True)
class BackupEntry:
    backup: Backup
    second_folder: bool
    lost: LostSince | None

    @property
    def kind(self) -> str:
        return self.backup.manifest.kind


@dataclass(frozen=True)
class BackupOutcome:
    backup: Backup | None
    """None when nothing had changed since the last backup."""
    warnings: tuple[str, ...] = ()
    removed: int = 0


@dataclass(frozen=True)
class BackupStatus:
    last: datetime | None
    overdue: bool
    """No good backup at all, or none for longer than ``warn_after``."""


def lost_since(current: Facts, backup: Facts) -> LostSince:
    return LostSince(
        max(0, current.patients - backup.patients),
        max(0, current.sessions - backup.sessions),
        max(0, current.changes - backup.changes),
    )


class BackupService:
    """Backups of the database on ``backend`` with ``settings``."""

    def __init__(self, backend: StorageBackend, settings: BackupSettings | None = None) -> None:
        self.backend = backend
        self.settings = settings or BackupSettings()

    @property
    def database(self) -> Path:
        if self.backend.path is None:
            raise BackupFailed(
                f"Backups of {self.backend.label} are made on the server.", self.backend.label
            )
        return self.backend.path

    @property
    def folder(self) -> Path:
        return backup_folder(self.database)

    def facts(self) -> Facts:
        """The database's facts now (one read transaction)."""
        with closing(self.backend.connect()) as conn:
            conn.execute("BEGIN")
            try:
                return read_facts(conn)
            finally:
                conn.execute("ROLLBACK")

    def backups(self) -> list[Backup]:
        """Every backup beside the database (all kinds), newest first."""
        return list_backups(all_folders(self.database), self.database.name)

    def second_copies(self) -> list[Backup]:
        second = self.settings.second_folder
        if second is None:
            return []
        try:
            return list_backups([second], self.database.name)
        except OSError:
            return []

    def latest(self) -> Backup | None:
        found = self.backups()
        return found[0] if found else None

    def entries(self, current: Facts | None = None) -> list[BackupEntry]:
        """The backups to choose from, with what would be lost against ``current``."""
        rows = [(b, False) for b in self.backups()] + [(b, True) for b in self.second_copies()]
        rows.sort(key=lambda row: row[0].created_at, reverse=True)
        return [
            BackupEntry(
                b, second, None if current is None else lost_since(current, b.manifest.facts)
            )
            for b, second in rows
        ]

    def status(self, now: datetime | None = None) -> BackupStatus:
        latest = self.latest()
        moment = now or datetime.now(UTC)
        if latest is None:
            return BackupStatus(None, True)
        return BackupStatus(
            latest.created_at, moment - latest.created_at > self.settings.warn_after
        )

    def due(self, reason: str, facts: Facts, now: datetime | None = None) -> bool:
        """Is a backup wanted now? Never when nothing changed since the last one."""
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        latest = self.latest()
        if latest is not None and latest.manifest.facts.fingerprint() == facts.fingerprint():
            return False
        if reason != "regular" or latest is None:
            return True
        moment = now or datetime.now(UTC)
        changes = facts.changes - latest.manifest.facts.changes
        return moment - latest.created_at >= self.settings.every or changes >= self.settings.burst

    def back_up(
        self,
        reason: str = "manual",
        *,
        force: bool = False,
        progress: Progress | None = None,
        now: datetime | None = None,
    ) -> BackupOutcome:
        """Make a backup when one is due (``force``: even when nothing changed)."""
        settle_anchor(self.backend.path)  # the window's pending anchor is written first
        if not force and not self.due(reason, self.facts(), now):
            return BackupOutcome(None)
        kind = "manual" if reason == "manual" else "automatic"
        removed = 0
        try:
            backup = make_backup(self.backend, self.folder, kind, progress=progress, now=now)
        except DiskFull:
            removed = len(rotate(self.folder, self.database.name, self.settings.policy))
            if not removed:
                raise
            backup = make_backup(self.backend, self.folder, kind, progress=progress, now=now)
        removed += len(rotate(self.folder, self.database.name, self.settings.policy))
        return BackupOutcome(backup, tuple(self._second_copy(backup)), removed)

    def _second_copy(self, backup: Backup) -> list[str]:
        second = self.settings.second_folder
        if second is None:
            return []
        if not second.is_dir():
            return [
                f"The second backup folder {second} cannot be reached (is the drive connected?);"
                f" this backup is only in {backup.path.parent}."
            ]
        try:
            copy_backup(self.backend, backup, second)
            rotate(second, self.database.name, self.settings.policy)
        except (DatabaseProblem, OSError) as exc:
            return [
                f"No copy was made in the second backup folder {second} ({exc});"
                f" this backup is only in {backup.path.parent}."
            ]
        return []

    def clean_up(self) -> list[Path]:
        """Temporaries of interrupted backups (and of an interrupted creation or restore
        beside the database), and manifests left without their backup."""
        removed: list[Path] = remove_stale_temporaries(self.database.parent, self.database.name)
        folders: Sequence[Path] = all_folders(self.database)
        for folder in folders:
            removed += clean_up(folder)
        if self.settings.second_folder is not None and self.settings.second_folder.is_dir():
            removed += clean_up(self.settings.second_folder)
        return removed
