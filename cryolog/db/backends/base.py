"""What every kind of storage provides: the seam between cryolog and where its data live.

A backend is one object per opened database: a plain SQLite file today; an encrypted file
and a PostgreSQL server plug in beside it. Services and windows only see ``Database``,
which holds one backend; nothing above ``cryolog.db`` opens a connection itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from cryolog.db.errors import DatabaseProblem
    from cryolog.db.lock import InstanceLock
    from cryolog.db.migrate import MigrationReport

Progress = Callable[[int, int], None]
"""``progress(done, total)`` in pages (or any unit the backend counts in)."""


class StorageBackend(Protocol):
    kind: str
    """"sqlite-file", "server", ...: what the storage is."""
    url: str
    """The SQLAlchemy URL, never holding a secret (a key comes through ``creator``)."""
    path: Path | None
    """The database file, for storage that is a file on this computer."""
    read_only_reason: str

    @property
    def read_only(self) -> bool:
        """Opened for reading only (a read-only file, a full disk): ``read_only_reason``."""
        ...

    @property
    def label(self) -> str:
        """What the window and messages show: a path, or a server without its password."""
        ...

    @property
    def stored_target(self) -> str:
        """What may be remembered in the settings to open this database again."""
        ...

    def connect(self, *, write: bool = False, timeout_s: float | None = None) -> Any:
        """A DB-API connection in autocommit mode with this storage's settings."""
        ...

    def creator(self, *, foreign_keys: bool = True) -> Callable[[], Any] | None:
        """The engine's ``creator``: makes each pooled connection (None: the dialect
        connects from the URL itself)."""
        ...

    def install_engine_hooks(self, engine: Engine) -> None:
        """Transaction set-up on the engine (e.g. SQLite's ``BEGIN IMMEDIATE`` for writes)."""
        ...

    def prepare(self, *, create: bool, verify: bool, allow_empty: bool) -> MigrationReport:
        """Create or migrate to the current schema, or raise a DatabaseProblem."""
        ...

    def instance_lock(self) -> InstanceLock | None:
        """The one-window lock on this database, or None where the server arbitrates."""
        ...

    def check_integrity(self, cancelled: Callable[[], bool] | None = None) -> None:
        """Raise DatabaseCorrupt when the storage fails its own consistency check."""
        ...

    def translate(self, exc: BaseException) -> DatabaseProblem:
        """A driver error as a sentence the practitioner can act on."""
        ...

    def copy_to(self, destination: Path, progress: Progress | None = None) -> Any:
        """Write one consistent snapshot of the database into the new file
        ``destination``; returns the snapshot's facts (see ``cryolog.db.snapshot``)."""
        ...

    def connect_copy(self, path: Path, *, write: bool = False) -> Any:
        """A connection to a copy (a backup) made by ``copy_to``."""
        ...
