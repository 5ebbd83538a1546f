"""The storage seam: one backend object per kind of storage (see ``base.StorageBackend``).

``backend_for(target)`` turns what the practitioner gave (a file path, an ``sqlite:///``
URL, a server URL) into the backend that opens it; anything else is refused with a
sentence. Nothing here imports SQLAlchemy, so the window's start-up path stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryolog.db.backends.base import StorageBackend
from cryolog.db.backends.postgres_url import is_postgres
from cryolog.db.backends.server import SUPPORTED_SERVERS, ServerBackend
from cryolog.db.backends.sqlcipher_file import SqlcipherFileBackend
from cryolog.db.backends.sqlcipher_keys import is_encrypted, key_file_lost
from cryolog.db.backends.sqlite_connect import Access
from cryolog.db.backends.sqlite_file import SqliteFileBackend
from cryolog.db.errors import DatabaseProblem
from cryolog.db.location import is_url

if TYPE_CHECKING:
    from cryolog.db.backends.postgres import PostgresBackend

__all__ = [
    "Access",
    "PostgresBackend",
    "ServerBackend",
    "SqlcipherFileBackend",
    "SqliteFileBackend",
    "StorageBackend",
    "backend_for",
    "file_backend",
    "file_path",
]

SQLITE_PREFIX = "sqlite:///"


def __getattr__(name: str) -> Any:
    """``PostgresBackend`` is imported when a server address is first opened (or the
    name first asked for): opening a file does not load the server's error handling."""
    if name == "PostgresBackend":
        from cryolog.db.backends.postgres import PostgresBackend

        return PostgresBackend
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def file_path(target: str) -> Path | None:
    """The database file named by ``target`` (a path or an ``sqlite:///`` URL), or None
    for a server address. Refuses addresses cryolog cannot open."""
    if not is_url(target):
        if not target.strip():
            raise DatabaseProblem("No database file was given.", target)
        if "\x00" in target:
            raise DatabaseProblem("The database file name holds a NUL character.", target)
        return Path(target).expanduser().absolute()
    scheme = target.split("://", 1)[0].lower()
    dialect = scheme.split("+", 1)[0]
    if dialect == "sqlite":
        rest = target[len(SQLITE_PREFIX) :] if target.startswith(SQLITE_PREFIX) else ""
        if not rest or rest == ":memory:" or "?" in rest:
            raise DatabaseProblem(
                f"{target} is not a database file; give the file's path instead"
                " (an in-memory database would keep nothing).",
                target,
            )
        return Path(rest).expanduser().absolute()
    if dialect not in SUPPORTED_SERVERS and not is_postgres(target):
        raise DatabaseProblem(
            f"cryolog cannot open {scheme}:// addresses; give a database file's path"
            f" or a {' or '.join(s + '://' for s in SUPPORTED_SERVERS)} address.",
            scheme,
        )
    return None


def file_backend(path: Path) -> SqliteFileBackend:
    """The backend of the database file ``path``: encrypted (its key-check file beside it,
    or lost) or plain."""
    if is_encrypted(path) or key_file_lost(path):
        return SqlcipherFileBackend(path)
    return SqliteFileBackend(path)


def backend_for(target: str | Path) -> StorageBackend:
    """The backend for a file path, an ``sqlite:///`` URL or a server URL; an encrypted
    file (its key-check file beside it) gets the SQLCipher backend."""
    text = str(target)
    path = file_path(text)
    if path is not None:
        return file_backend(path)
    if is_postgres(text):
        from cryolog.db.backends.postgres import PostgresBackend

        return PostgresBackend(text)
    return ServerBackend(text)
