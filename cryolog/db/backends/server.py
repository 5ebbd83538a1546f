"""A database server reached through an SQLAlchemy URL (PostgreSQL).

A first, plain version of the seam for servers: the server arbitrates concurrent use (no
instance lock), checks itself, and is backed up with its own tools. The driver errors and
unknown address kinds become one-line messages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryolog.db.backends.base import Progress
from cryolog.db.errors import DatabaseProblem

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from cryolog.db.lock import InstanceLock
    from cryolog.db.migrate import MigrationReport

SUPPORTED_SERVERS = ("postgresql",)


class ServerBackend:
    kind = "server"

    def __init__(self, url: str) -> None:
        self.url = url
        self.path: Path | None = None
        self.read_only_reason = ""

    @property
    def read_only(self) -> bool:
        return False

    @property
    def label(self) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    @property
    def stored_target(self) -> str:
        return self.label

    def _engine(self) -> Engine:
        from cryolog.db.engine import make_engine

        return make_engine(self)

    def connect(self, *, write: bool = False, timeout_s: float | None = None) -> Any:
        try:
            return self._engine().raw_connection()
        except Exception as exc:
            raise self.translate(exc) from exc

    def creator(self, *, foreign_keys: bool = True) -> Callable[[], Any] | None:
        return None  # the dialect connects from the URL itself

    def install_engine_hooks(self, engine: Engine) -> None:
        return None

    def prepare(self, *, create: bool, verify: bool, allow_empty: bool) -> MigrationReport:
        from cryolog.db.migrate import MigrationReport, upgrade_url
        from cryolog.db.revisions import HEAD_REVISION

        try:
            upgrade_url(self.url)
        except DatabaseProblem:
            raise
        except Exception as exc:
            raise self.translate(exc) from exc
        return MigrationReport(HEAD_REVISION, HEAD_REVISION, None)

    def instance_lock(self) -> InstanceLock | None:
        return None

    def check_integrity(self, cancelled: Callable[[], bool] | None = None) -> None:
        return None

    def translate(self, exc: BaseException) -> DatabaseProblem:
        if isinstance(exc, DatabaseProblem):
            return exc
        if isinstance(exc, ModuleNotFoundError):
            return DatabaseProblem(
                f"The driver for {self.label} is not installed ({exc.name}).", self.label
            )
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return DatabaseProblem(f"{self.label} could not be used: {first_line}", self.label)

    def copy_to(self, destination: Path, progress: Progress | None = None) -> Any:
        raise DatabaseProblem(
            f"Backups of {self.label} are made on the server with its own tools.", self.label
        )

    def connect_copy(self, path: Path, *, write: bool = False) -> Any:
        raise DatabaseProblem(f"{path} is not a copy of {self.label}.", str(path))
