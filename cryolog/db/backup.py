"""Consistent copies of a live SQLite database through SQLite's online backup API.

Never copy a WAL database with ``shutil``: the committed pages may still sit in the
``-wal`` file. The backup API reads through SQLite and gets a consistent snapshot.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from cryolog.db.location import PRIVATE_FILE_MODE, ensure_private_dir


def backup_file(source: Path, destination: Path) -> Path:
    """Copy database ``source`` to ``destination`` (created 0600); returns the destination."""
    ensure_private_dir(destination.parent)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(destination)) as dst:
        src.backup(dst)
    destination.chmod(PRIVATE_FILE_MODE)
    return destination


def restore_file(backup: Path, target: Path) -> None:
    """Write the pages of ``backup`` over database ``target`` through SQLite itself."""
    with closing(sqlite3.connect(backup)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def pre_migration_backup_path(database: Path, from_rev: str, to_rev: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    name = f"{database.stem}-before-{from_rev}-to-{to_rev}-{stamp}{database.suffix or '.db'}"
    return database.parent / "backups" / name
