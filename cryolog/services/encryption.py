"""Encrypt a database file, decrypt it, change its passphrase — safely.

A conversion writes every page into a new file beside the database (SQLCipher's
``sqlcipher_export``), checks the copy (integrity, rows per table and the audit trail's
head equal to the original's), then swaps it in with a rename. The old file is first
linked aside, overwritten with zeros once the new one is in place, and removed: no readable
copy is left under any name (a solid-state disk may still keep old blocks: the window and
the command say so). Backups follow by choice: re-encrypted (or decrypted) the same way and
their manifests rewritten, or removed.

The caller holds the database exclusively (``cli.common.exclusive_database`` or the
window's own lock with every connection closed).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.backends.sqlcipher_connect import connect_keyed, export_database
from cryolog.db.backends.sqlcipher_file import (
    KeyFileDamaged,
    KeyFileMissing,
    SqlcipherFileBackend,
    WrongPassphrase,
)
from cryolog.db.backends.sqlite_connect import Access, connect_file, file_uri
from cryolog.db.backends.sqlite_errors import translate_sqlite_error
from cryolog.db.backup import Backup, all_folders, list_backups, sha256_file
from cryolog.db.errors import DatabaseProblem, db_said
from cryolog.db.files import claimed_temporary, fsync_dir, fsync_file, make_private, side_files
from cryolog.db.manifest import MANIFEST_SUFFIX, manifest_path, write_manifest
from cryolog.db.revisions import HEAD_REVISION
from cryolog.db.snapshot import Facts, read_facts
from cryolog.domain.messages import Message

BackupChoice = Literal["convert", "remove"]
Step = Callable[[str], None]
"""Told each step of a conversion as it starts: one of ``STEPS``."""
STEPS = ("read", "export", "verify", "swap", "backups")
"""Reading the database, writing the converted copy, checking it, putting it in place,
converting (or removing) the backups."""

SSD_NOTE = (
    "A solid-state disk or a file system with snapshots may still keep blocks of the old"
    " unencrypted file; on such a disk only a new, encrypted database from the start is"
    " sure to hold nothing readable."
)
LOST_NOTE = (
    "Without the passphrase or the recovery key nobody can open this database, not even"
    " cryolog's makers: keep the recovery key on paper in a safe place."
)


class ConversionFailed(DatabaseProblem):
    """The conversion did not verify or could not be written; the database is unchanged."""


@dataclass(frozen=True)
class Converted:
    database: Path
    facts: Facts
    backups_converted: int
    backups_removed: int
    recovery_key: str = ""
    """For a newly encrypted file: the key to copy by hand (never written anywhere)."""
    backups_failed: tuple[Message, ...] = ()
    """A sentence for each backup that could not be converted (and what became of it)."""


def _quiet(_text: str) -> None:
    return None


def _facts_of(path: Path) -> Facts:
    import sqlite3

    try:
        with closing(connect_file(path, access=Access.READ_ONLY)) as conn:
            conn.execute("BEGIN")
            facts = read_facts(conn)
            conn.execute("COMMIT")
            return facts
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) from exc


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file so the export reads it whole."""
    import sqlite3

    try:
        with closing(connect_file(path, timeout_s=1)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) from exc


def _export(source: Path, source_key: bytes | None, target: Path, key: bytes | None) -> None:
    import sqlite3

    try:
        with closing(
            connect_keyed(
                file_uri(source, Access.READ_WRITE),  # an attached file is never freer
                source_key,
                timeout=5,
                check_same_thread=True,
            )
        ) as conn:
            export_database(conn, f"{target.absolute().as_uri()}?mode=rwc", key)
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, source) from exc


def _verified(target: Path, key: bytes | None, expected: Facts, journal: str) -> None:
    """Open the converted copy as it will be opened, check it, set its journal mode."""
    import sqlite3

    if key is not None:
        keys.remember(target, key)
    else:
        keys.forget(target)
    try:
        with closing(connect_file(target)) as conn:
            result = [tuple(r) for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if result != [("ok",)]:
                raise ConversionFailed(
                    db_said("converted_integrity", name=target.name), str(target)
                )
            facts = read_facts(conn)
            conn.execute(f"PRAGMA journal_mode = {journal}").fetchall()
    except sqlite3.DatabaseError as exc:
        raise ConversionFailed(
            db_said("converted_unreadable", error=str(exc)), str(target)
        ) from exc
    if facts != expected:
        raise ConversionFailed(db_said("converted_differs"), str(target))
    if expected.revision == HEAD_REVISION:  # an older backup has no chain to verify yet
        _chain_verifies(target)
    fsync_file(target)


def _chain_verifies(target: Path) -> None:
    """The audit trail of the copy verifies (its tail is the original's: same head)."""
    from cryolog.services.verify import verify_file

    report = verify_file(target)
    if report.breaks:
        raise ConversionFailed(
            db_said("converted_chain", line=report.breaks[0].line()), str(target)
        )


def _wipe(path: Path) -> None:
    """Overwrite ``path`` with zeros, flush it, and remove it."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            block = b"\0" * (1024 * 1024)
            left = size
            while left > 0:
                handle.write(block[: min(left, len(block))])
                left -= min(left, len(block))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


def _swap(temp: Path, target: Path) -> None:
    """Put ``temp`` in place of ``target``; the old file is zeroed and removed after."""
    aside = target.with_name(f".{target.name}.old-{os.getpid()}")
    aside.unlink(missing_ok=True)
    os.link(target, aside)
    try:
        for side in side_files(target):
            side.unlink(missing_ok=True)
        make_private(temp)
        temp.replace(target)
        fsync_dir(target.parent)
    except BaseException:
        aside.unlink(missing_ok=True)
        raise
    _wipe(aside)


def convert_file(
    path: Path,
    source_key: bytes | None,
    key: bytes | None,
    *,
    journal: str = "WAL",
    expected: Facts | None = None,
    step: Step = _quiet,
    before_swap: Callable[[], None] | None = None,
) -> Facts:
    """Rewrite ``path`` (its pages under ``source_key``) with ``key`` (None: plain);
    ``before_swap`` runs once the copy verified, just before it is put in place."""
    facts = expected or _facts_of(path)
    with claimed_temporary(path, "copying") as claimed:
        claimed.path.unlink()  # SQLCipher's export creates the file itself
        try:
            step("export")
            _export(path, source_key, claimed.path, key)
            step("verify")
            _verified(claimed.path, key, facts, journal)
            step("swap")
            if before_swap is not None:
                before_swap()
            _swap(claimed.path, path)
        finally:
            keys.forget(claimed.path)
    return facts


def _convert_backups(
    database: Path,
    source_key: bytes | None,
    key: bytes | None,
    choice: BackupChoice,
    step: Step,
) -> tuple[int, int, tuple[Message, ...]]:
    """Convert (or remove) every backup; one that cannot be converted (a full disk) is,
    when encrypting, wiped — no unencrypted copy is left — and, when decrypting, left
    encrypted; either way it is named in the third part of the answer."""
    converted = removed = 0
    failed: list[Message] = []
    step("backups")
    for folder in all_folders(database):
        for backup in list_backups([folder], database.name):
            if choice == "remove":
                _wipe(backup.path)
                manifest_path(backup.path).unlink(missing_ok=True)
                removed += 1
                continue
            if source_key is not None:
                keys.remember(backup.path, source_key)
            try:
                _convert_backup(backup, source_key, key)
            except (DatabaseProblem, OSError) as exc:
                failed.append(_unconverted(backup, key is not None, exc))
                continue
            converted += 1
    return converted, removed, tuple(failed)


def _unconverted(backup: Backup, encrypting: bool, exc: DatabaseProblem | OSError) -> Message:
    """What became of a backup that could not be converted, said in any language."""
    reason: Message | str = (
        exc.said if isinstance(exc, DatabaseProblem) else (exc.strerror or str(exc))
    )
    name = backup.path.name
    if not encrypting:
        return db_said("backup_not_decrypted", name=name, reason=reason)
    _wipe(backup.path)
    manifest_path(backup.path).unlink(missing_ok=True)
    if backup.path.exists():
        return db_said("backup_not_encrypted_kept", name=name, reason=reason)
    return db_said("backup_not_encrypted_removed", name=name, reason=reason)


def _convert_backup(backup: Backup, source_key: bytes | None, key: bytes | None) -> None:
    path = backup.path
    convert_file(path, source_key, key, journal="DELETE", expected=backup.manifest.facts)
    if key is not None:
        keys.remember(path, key)
    else:
        keys.forget(path)
    manifest = replace(backup.manifest, size=path.stat().st_size, sha256=sha256_file(path))
    write_manifest(
        manifest,
        manifest_path(path),
        path.with_name(f".{path.name}.manifest-{os.getpid()}{MANIFEST_SUFFIX}"),
    )


def encrypt_database(
    path: Path,
    passphrase: str,
    backups: BackupChoice = "convert",
    step: Step = _quiet,
) -> Converted:
    """Encrypt the plain file ``path`` under ``passphrase``."""
    problem = keys.passphrase_problem(passphrase)
    if problem:
        raise DatabaseProblem(problem, str(path))
    if keys.is_encrypted(path):
        raise DatabaseProblem(db_said("encrypted_already", path=str(path)), str(path))
    step("read")
    _checkpoint(path)
    key = keys.new_key()
    key_file = keys.wrap(key, passphrase)
    facts = _facts_of(path)

    def key_check_file() -> None:  # beside a plain file it leaves it plain (interrupted)
        keys.write_key_file(path, key_file)

    convert_file(path, None, key, expected=facts, step=step, before_swap=key_check_file)
    keys.remember(path, key)
    converted, removed, failed = _convert_backups(path, None, key, backups, step)
    return Converted(path, facts, converted, removed, keys.recovery_text(key), failed)


def decrypt_database(
    path: Path, passphrase: str, backups: BackupChoice = "convert", step: Step = _quiet
) -> Converted:
    """Turn the encrypted file ``path`` back into a plain one."""
    backend = SqlcipherFileBackend(path)
    if not (keys.is_encrypted(path) or keys.key_file_lost(path)):
        raise DatabaseProblem(db_said("not_encrypted", path=str(path)), str(path))
    backend.unlock(passphrase)
    key = backend.key
    assert key is not None
    step("read")
    _checkpoint(path)
    facts = convert_file(path, key, None, step=step)
    keys.forget(path)
    keys.remove_key_files(path)
    fsync_dir(path.parent)
    converted, removed, failed = _convert_backups(path, key, None, backups, step)
    return Converted(path, facts, converted, removed, backups_failed=failed)


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Wrap the database key under ``new`` (WrongPassphrase when ``old`` is wrong); ``old``
    may be the recovery key (a lost passphrase, a lost or damaged key-check file)."""
    problem = keys.passphrase_problem(new)
    if problem:
        raise DatabaseProblem(problem, str(path))
    if not (keys.is_encrypted(path) or keys.key_file_lost(path)):
        raise DatabaseProblem(db_said("not_encrypted", path=str(path)), str(path))
    backend = SqlcipherFileBackend(path)
    try:
        backend.unlock(old)
    except (WrongPassphrase, KeyFileMissing, KeyFileDamaged):
        if keys.parse_recovery(old) is None:
            raise
        backend.unlock_with_recovery_key(old, new)  # a lost passphrase: the recovery key
    key = backend.key
    assert key is not None
    keys.write_key_file(path, keys.wrap(key, new))


__all__ = [
    "LOST_NOTE",
    "SSD_NOTE",
    "ConversionFailed",
    "Converted",
    "WrongPassphrase",
    "change_passphrase",
    "decrypt_database",
    "encrypt_database",
]
