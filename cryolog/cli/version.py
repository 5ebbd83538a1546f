"""``cryolog --version``: this build, the schema it writes, and the chosen file's schema.

The file is read only when that needs neither a passphrase nor a network: a plain SQLite
file, opened read-only through the standard library. It is never created, and no
``-wal``/``-shm`` files are left beside it (a file without a write-ahead log is opened
as immutable; one in use, with both files present, is read through them).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from cryolog import __version__
from cryolog.db.backends.sqlite_connect import Access, connect_file
from cryolog.db.location import is_url, resolve_target
from cryolog.db.revisions import HEAD_REVISION, KNOWN_REVISIONS, VERSION_TABLE


def version_text(db_arg: str | None) -> str:
    which = "database" if db_arg else "default database"
    target = resolve_target(db_arg)
    return "\n".join(
        (
            f"cryolog {__version__}",
            f"schema revision written by this version: {HEAD_REVISION}",
            f"{which}: {describe_target(target)}",
        )
    )


def describe_target(target: str) -> str:
    if is_url(target) and not target.startswith("sqlite"):
        return f"{_without_password(target)} (a database server: not contacted)"
    path = Path(target.removeprefix("sqlite:///")).expanduser().absolute()
    return f"{path} ({file_revision(path)})"


def file_revision(path: Path) -> str:
    """A few words on the file's schema revision, read without changing anything."""
    if not path.exists():
        return "not created yet"
    if not path.is_file():
        return "not a file"
    from cryolog.db.backends.sqlcipher_keys import is_encrypted, key_file_lost, key_for

    if is_encrypted(path) and key_for(path) is None:
        return "encrypted: its schema is read once the passphrase is given"
    if key_file_lost(path) and key_for(path) is None:
        return (
            "encrypted, but its key-check file is missing: give the passphrase or the"
            " recovery key and it is written again"
        )
    try:
        revision = _read_revision(path)
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "encrypted" in str(exc):
            return "not a plain SQLite file: encrypted, or not a cryolog database"
        return f"cannot be read: {exc}"
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if revision is None:
        return "not a cryolog database"
    if revision not in KNOWN_REVISIONS:
        return f"schema {revision}: written by a newer cryolog, which this version will not open"
    if revision != HEAD_REVISION:
        return f"schema {revision}: this version updates it when it opens (after a backup)"
    return f"schema {revision}"


def _read_revision(path: Path) -> str | None:
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    access = Access.READ_ONLY if wal.exists() and shm.exists() else Access.IMMUTABLE
    with path.open("rb"):  # a plain permission error, before SQLite's vaguer one
        pass
    with closing(connect_file(path, access=access, timeout_s=1)) as conn:
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
        ).fetchone()
        if found is None:
            return None
        row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    return None if row is None or row[0] is None else str(row[0])


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))
