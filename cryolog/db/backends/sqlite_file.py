"""The plain SQLite file: cryolog's storage on one computer.

Everything SQLite-specific about connecting lives here and in ``sqlite_connect``: the
pragmas, real transactions (the driver in autocommit mode, the engine emitting ``BEGIN``,
and ``BEGIN IMMEDIATE`` for units of work that write, so two writers queue on the busy
timeout instead of deadlocking), the read-only modes, the instance lock on the file's
identity, the integrity check and consistent copies through SQLite's online backup API.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryolog.db.backends.base import Progress
from cryolog.db.backends.sqlite_connect import (
    Access,
    connect_file,
    engine_pragmas,
    reader_pragmas,
)
from cryolog.db.backends.sqlite_errors import translate_sqlite_error
from cryolog.db.errors import DatabaseProblem, DatabaseReadOnly, DiskFull
from cryolog.db.location import sqlite_url
from cryolog.db.lock import InstanceLock
from cryolog.db.snapshot import Facts, read_facts

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy import Engine

    from cryolog.db.migrate import MigrationReport

WRITE_OPTION = "cryolog_write"
BACKUP_STEP_PAGES = 256  # pages per backup step: progress is reported between steps


class SqliteFileBackend:
    """One SQLite file. ``access`` is decided when it is opened (``prepare``): read-write,
    or read-only with the reason in ``read_only_reason`` (a read-only file, a full disk)."""

    kind = "sqlite-file"

    def __init__(self, path: Path, access: Access = Access.READ_WRITE, reason: str = "") -> None:
        self.path: Path | None = path
        self.file = path
        self.url = sqlite_url(str(path))
        self.access = access
        self.read_only_reason = reason

    @property
    def read_only(self) -> bool:
        return self.access is not Access.READ_WRITE

    def open_read_only(self, access: Access, reason: str) -> None:
        self.access, self.read_only_reason = access, reason

    @property
    def label(self) -> str:
        return str(self.file)

    @property
    def stored_target(self) -> str:
        return str(self.file)

    # connections ------------------------------------------------------------------------

    def connect(self, *, write: bool = False, timeout_s: float | None = None) -> sqlite3.Connection:
        if write and self.read_only:
            raise DatabaseReadOnly(self.read_only_reason, str(self.file))
        access = self.access if not write else Access.READ_WRITE
        pragmas = engine_pragmas() if write else reader_pragmas(query_only=False)
        return self._connect(self.file, access, pragmas, timeout_s)

    def _connect(
        self,
        path: Path,
        access: Access,
        pragmas: tuple[tuple[str, str], ...],
        timeout_s: float | None = None,
    ) -> sqlite3.Connection:
        import sqlite3

        try:
            return connect_file(
                path, access=access, pragmas=pragmas, timeout_s=timeout_s, check_same_thread=False
            )
        except sqlite3.DatabaseError as exc:
            raise self.translate(exc) from exc

    def creator(self, *, foreign_keys: bool = True) -> Callable[[], Any]:
        def create() -> sqlite3.Connection:
            if self.read_only:
                return connect_file(
                    self.file,
                    access=self.access,
                    pragmas=reader_pragmas(query_only=False),
                    check_same_thread=False,
                )
            return connect_file(
                self.file,
                access=Access.READ_WRITE,
                pragmas=engine_pragmas(foreign_keys=foreign_keys),
                check_same_thread=False,
            )

        return create

    def install_engine_hooks(self, engine: Engine) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Connection

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            immediate = conn.get_execution_options().get(WRITE_OPTION, False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    # opening, locking, checking ---------------------------------------------------------

    def prepare(self, *, create: bool, verify: bool, allow_empty: bool) -> MigrationReport:
        from cryolog.db.migrate import prepare_sqlite_file

        return prepare_sqlite_file(self, create=create, verify=verify, allow_empty=allow_empty)

    def instance_lock(self) -> InstanceLock:
        return InstanceLock(self.file)

    def check_integrity(self, cancelled: Callable[[], bool] | None = None) -> None:
        from cryolog.db.sqlite_file import check_integrity

        access = Access.READ_ONLY if self.access is Access.READ_WRITE else self.access
        check_integrity(self.file, cancelled, access)

    def translate(self, exc: BaseException) -> DatabaseProblem:
        problem = translate_sqlite_error(exc, self.file)
        if self.read_only and isinstance(problem, DatabaseReadOnly | DiskFull):
            return DatabaseReadOnly(self.read_only_reason, str(self.file))
        return problem

    # copies -----------------------------------------------------------------------------

    def copy_to(self, destination: Path, progress: Progress | None = None) -> Facts:
        """One consistent snapshot into ``destination`` (an existing empty file): the facts
        are read and every page copied inside one read transaction, so writers may go on
        meanwhile without changing what the copy holds. The copy uses a rollback journal
        (it is a single self-contained file)."""
        import sqlite3

        try:
            with (
                closing(self.connect()) as source,
                closing(connect_file(destination, access=Access.READ_WRITE)) as target,
            ):
                source.execute("BEGIN")
                facts = read_facts(source)
                source.backup(target, pages=BACKUP_STEP_PAGES, progress=_pages(progress), sleep=0)
                source.execute("COMMIT")
                target.execute("PRAGMA journal_mode = DELETE").fetchall()
        except sqlite3.DatabaseError as exc:
            problem = translate_sqlite_error(exc, destination)
            raise problem from exc
        return facts

    def connect_copy(self, path: Path, *, write: bool = False) -> sqlite3.Connection:
        import sqlite3

        access = Access.READ_WRITE if write else Access.READ_ONLY
        try:
            return connect_file(path, access=access, pragmas=reader_pragmas(query_only=not write))
        except sqlite3.DatabaseError as exc:
            raise translate_sqlite_error(exc, path) from exc


def _pages(progress: Progress | None) -> Callable[[int, int, int], object] | None:
    if progress is None:
        return None

    def report(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)

    return report
