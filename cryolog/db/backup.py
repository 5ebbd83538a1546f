"""Verified backups of a database through its backend, and the folders they live in.

A backup is made under a temporary name from one consistent snapshot (SQLite's backup API
inside one read transaction: never ``shutil.copy`` of a live WAL database), flushed to
disk, checked (``integrity_check``, rows per table and the audit head equal to the source's
snapshot), then given its manifest and renamed into place, private to the user. An
interrupted backup leaves only a temporary, which the next start removes.

Folders, beside the database: ``backups/`` (automatic and manual copies, rotated),
``backups/pre-migration/`` and ``backups/pre-restore/`` (kept apart, never rotated).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryolog.db.backends.base import Progress, StorageBackend
from cryolog.db.backends.sqlite_errors import free_bytes
from cryolog.db.errors import DatabaseProblem, DiskFull
from cryolog.db.files import (
    claimed_temporary,
    fsync_dir,
    fsync_file,
    make_private,
    os_problem,
    remove_stale_temporaries,
    side_files,
)
from cryolog.db.location import ensure_private_dir
from cryolog.db.manifest import (
    MANIFEST_SUFFIX,
    Manifest,
    manifest_path,
    read_manifest,
    write_manifest,
)
from cryolog.db.rotation import RotationPolicy, to_keep
from cryolog.db.snapshot import Facts, read_facts

BACKUP_FOLDER = "backups"
SUBFOLDERS = {"pre-migration": "pre-migration", "pre-restore": "pre-restore"}
ROTATED_KINDS = ("automatic", "manual")
SPACE_MARGIN = 1024 * 1024


class BackupFailed(DatabaseProblem):
    """The copy could not be made or did not verify; no file was left under a backup name."""


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: Manifest

    @property
    def created_at(self) -> datetime:
        return self.manifest.created_at


def backup_folder(database: Path, kind: str = "automatic") -> Path:
    base = database.parent / BACKUP_FOLDER
    sub = SUBFOLDERS.get(kind)
    return base / sub if sub else base


def all_folders(database: Path) -> list[Path]:
    return [backup_folder(database, kind) for kind in ("automatic", *SUBFOLDERS)]


def backup_name(database: Path, kind: str, when: datetime) -> str:
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    label = "" if kind in ROTATED_KINDS else f"-{kind}"
    return f"{database.stem}{label}-{stamp}{database.suffix or '.db'}"


def file_size(path: Path) -> int:
    """The database's size on disk with its write-ahead log."""
    total = 0
    for candidate in (path, *side_files(path)[:1]):
        with suppress(OSError):
            total += candidate.stat().st_size
    return total


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_space(folder: Path, needed: int, what: str) -> None:
    free = free_bytes(folder)
    if free is not None and free < needed:
        raise DiskFull(
            f"Not enough free space for {what} in {folder}: about {_mb(needed)} needed,"
            f" {_mb(free)} free. Nothing was written.",
            str(folder),
        )


def _mb(size: int) -> str:
    return f"{max(size, 0) / (1024 * 1024):.1f} MB"


def make_backup(
    backend: StorageBackend,
    folder: Path,
    kind: str = "automatic",
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Backup:
    """Copy ``backend``'s database into ``folder``, verify it, and name it; BackupFailed
    (with nothing left under a backup name) when anything goes wrong."""
    source = backend.path
    if source is None:
        raise BackupFailed(f"Backups of {backend.label} are made on the server.", backend.label)
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise BackupFailed(
            f"Cannot use the backup folder {folder}: {exc.strerror or exc}.", str(folder)
        ) from exc
    ensure_space(folder, file_size(source) + SPACE_MARGIN, "a backup")
    when = now or datetime.now(UTC)
    final = folder / backup_name(source, kind, when)
    try:
        with claimed_temporary(final, "partial") as claimed:
            temp = claimed.path
            facts = backend.copy_to(temp, progress)
            fsync_file(temp)
            verify_copy(backend, temp, facts)
            manifest = Manifest(
                kind, when, source.name, temp.stat().st_size, sha256_file(temp), facts
            )
            _publish(temp, final, manifest)
    except BackupFailed:
        raise
    except DatabaseProblem as exc:
        raise BackupFailed(f"No backup was made: {exc}", str(source)) from exc
    except OSError as exc:
        raise os_problem(exc, "Making a backup", final) from exc
    return Backup(final, manifest)


def _publish(temp: Path, final: Path, manifest: Manifest) -> None:
    """Manifest first, then the backup: a backup name never appears without its manifest."""
    write_manifest(manifest, manifest_path(final), temp.with_name(temp.name + MANIFEST_SUFFIX))
    make_private(temp)
    temp.replace(final)
    fsync_dir(final.parent)


def verify_copy(backend: StorageBackend, path: Path, expected: Facts | None) -> Facts:
    """Open the copy on its own connection: integrity, then (when known) the source's facts."""
    try:
        with closing(backend.connect_copy(path)) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if [tuple(r) for r in result] != [("ok",)]:
                raise BackupFailed(
                    f"The copy {path.name} failed its integrity check ({result[0][0]}).", str(path)
                )
            facts = read_facts(conn)
    except BackupFailed:
        raise
    except DatabaseProblem as exc:
        raise BackupFailed(f"The copy {path.name} cannot be read: {exc}", str(path)) from exc
    except Exception as exc:  # sqlite3.Error from a damaged copy
        raise BackupFailed(f"The copy {path.name} cannot be read: {exc}", str(path)) from exc
    if expected is not None and facts != expected:
        raise BackupFailed(
            f"The copy {path.name} does not hold what the database held"
            f" ({_difference(expected, facts)}).",
            str(path),
        )
    return facts


def _difference(expected: Facts, found: Facts) -> str:
    if expected.revision != found.revision:
        return f"schema {found.revision}, expected {expected.revision}"
    for table in sorted(set(expected.counts) | set(found.counts)):
        want, got = expected.counts.get(table), found.counts.get(table)
        if want != got:
            return f"{table}: {got} rows, expected {want}"
    return "the audit trail's head differs"


def check_backup(backend: StorageBackend, backup: Backup) -> Facts:
    """Is the stored backup still what its manifest says? (size, SHA-256, integrity, facts)"""
    path, manifest = backup.path, backup.manifest
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BackupFailed(f"The backup {path} cannot be read: {exc.strerror}.", str(path)) from exc
    if size != manifest.size or sha256_file(path) != manifest.sha256:
        raise BackupFailed(
            f"The backup {path.name} was changed or damaged since it was made.", str(path)
        )
    return verify_copy(backend, path, manifest.facts)


def list_backups(folders: Iterable[Path], database_name: str) -> list[Backup]:
    """Every backup of the database named ``database_name`` in ``folders``, newest first."""
    found: list[Backup] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for candidate in folder.iterdir():
            if candidate.name.startswith(".") or candidate.name.endswith(MANIFEST_SUFFIX):
                continue
            manifest = read_manifest(candidate)
            if manifest is not None and manifest.database == database_name and candidate.is_file():
                found.append(Backup(candidate, manifest))
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def remove_backup(backup: Backup) -> None:
    """The backup first, then its manifest (the manifest never outlives nothing for long)."""
    backup.path.unlink(missing_ok=True)
    manifest_path(backup.path).unlink(missing_ok=True)


def rotate(folder: Path, database_name: str, policy: RotationPolicy) -> list[Backup]:
    """Remove the automatic backups ``policy`` does not keep; returns the removed ones."""
    backups = [b for b in list_backups([folder], database_name) if b.manifest.kind in ROTATED_KINDS]
    keep = to_keep((b.created_at for b in backups), policy)
    removed = [b for b in backups if b.created_at not in keep]
    for backup in removed:
        remove_backup(backup)
    return removed


def clean_up(folder: Path) -> list[Path]:
    """At start: temporaries of interrupted backups, and manifests left without a backup."""
    removed = remove_stale_temporaries(folder)
    if folder.is_dir():
        for manifest in folder.glob(f"*{MANIFEST_SUFFIX}"):
            backup = manifest.with_name(manifest.name.removesuffix(MANIFEST_SUFFIX))
            if not backup.exists() and not manifest.name.startswith("."):
                manifest.unlink(missing_ok=True)
                removed.append(manifest)
    return removed


def copy_backup(backend: StorageBackend, backup: Backup, folder: Path) -> Backup:
    """A second copy of a finished backup in ``folder`` (e.g. an external drive), checked
    against the manifest before it is named. The backup is not live, so a file copy is
    a faithful one."""
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise BackupFailed(
            f"The folder {folder} cannot be used: {exc.strerror or exc}.", str(folder)
        ) from exc
    ensure_space(folder, backup.manifest.size + SPACE_MARGIN, "a second copy")
    final = folder / backup.path.name
    try:
        with claimed_temporary(final, "copying") as claimed:
            temp = claimed.path
            shutil.copyfile(backup.path, temp)
            fsync_file(temp)
            copied = Backup(temp, backup.manifest)
            check_backup(backend, copied)
            _publish(temp, final, backup.manifest)
    except BackupFailed:
        raise
    except DatabaseProblem as exc:
        raise BackupFailed(f"No second copy was made in {folder}: {exc}", str(folder)) from exc
    except OSError as exc:
        raise BackupFailed(
            f"No second copy was made in {folder}: {exc.strerror or exc}.", str(folder)
        ) from exc
    return Backup(final, backup.manifest)
