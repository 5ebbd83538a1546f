"""A PostgreSQL server behind the storage seam (psycopg 3).

The server arbitrates concurrent use (no instance lock, no cloud-folder warning), checks
itself, and is backed up with its own tools. Every write transaction first takes one
transaction-level advisory lock, the lock on the audit chain's head (design.md: appends
serialised): two workstations saving at once append one after the other, each after the
head the other left, exactly as SQLite's ``BEGIN IMMEDIATE`` serialises writers of a file.
Reads take no lock.

The password of the address never reaches ``url``, ``label`` or ``stored_target``: it is
handed to the driver when a connection is made (``do_connect``), else libpq finds one in
``.pgpass`` or the service file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryolog.db.backends.base import Progress
from cryolog.db.backends.postgres_errors import translate_server_error
from cryolog.db.backends.postgres_url import ServerAddress, parse_address
from cryolog.db.errors import DatabaseProblem

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from cryolog.db.backends.postgres_notify import ChangeListener, ServerChange
    from cryolog.db.backends.postgres_reader import ServerReader
    from cryolog.db.lock import InstanceLock
    from cryolog.db.migrate import MigrationReport

CHAIN_LOCK_KEY = 0x6372796F  # "cryo": the advisory lock every write transaction takes
CONNECT_TIMEOUT_S = 10
WRITE_OPTION = "cryolog_write"  # the same execution option the SQLite backend reads


class PostgresBackend:
    kind = "postgresql"

    def __init__(self, target: str | ServerAddress) -> None:
        self.address = target if isinstance(target, ServerAddress) else parse_address(target)
        self.url = self.address.url
        self.path: Path | None = None
        self.read_only_reason = ""
        self.role: str | None = None
        self.own_pids: set[int] = set()
        """The server processes of this engine's connections: notifications they send are
        this process's own writes (see ``postgres_notify``)."""
        """The database role signed in (learnt when the database is opened): the actor
        of every change made through it, so the history shows who did what."""

    @property
    def read_only(self) -> bool:
        return False

    @property
    def label(self) -> str:
        return self.address.shown

    @property
    def stored_target(self) -> str:
        return self.address.shown

    # connections ------------------------------------------------------------------------

    def connect_arguments(self) -> dict[str, Any]:
        """What every connection gets besides the URL: the secrets, a connect timeout,
        the application name the server's activity view shows."""
        arguments: dict[str, Any] = dict(self.address.secrets)
        arguments.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
        arguments["application_name"] = "cryolog"
        return arguments

    def engine_options(self) -> dict[str, Any]:
        """Options for ``create_engine``: a connection the server dropped while the window
        was idle is noticed and replaced before it is used (the first save after a
        server restart works)."""
        return {"pool_pre_ping": True}

    def connect(self, *, write: bool = False, timeout_s: float | None = None) -> Any:
        """A psycopg connection in autocommit mode."""
        try:
            import psycopg
            from sqlalchemy.engine import make_url

            url = make_url(self.url)
            params: dict[str, Any] = {
                k: v
                for k, v in {
                    "host": url.host,
                    "port": url.port,
                    "user": url.username,
                    "dbname": url.database,
                }.items()
                if v
            }
            params.update({k: v for k, v in url.query.items() if isinstance(v, str)})
            params.update(self.connect_arguments())
            if timeout_s is not None:
                params["connect_timeout"] = max(1, int(timeout_s))
            return psycopg.connect(autocommit=True, **params)
        except Exception as exc:
            raise self.translate(exc) from exc

    def plain_reader(self) -> ServerReader:
        """Plain one-statement reads outside the engine (``Database.rows``)."""
        from cryolog.db.backends.postgres_reader import ServerReader

        return ServerReader(self)

    def creator(self, *, foreign_keys: bool = True) -> Callable[[], Any] | None:
        return None  # the dialect connects from the URL (the secrets come in do_connect)

    def install_engine_hooks(self, engine: Engine) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Connection

        arguments = self.connect_arguments()

        @event.listens_for(engine, "do_connect")
        def _with_secrets(
            dialect: Any, record: Any, cargs: list[Any], cparams: dict[str, Any]
        ) -> None:
            for key, value in arguments.items():
                cparams.setdefault(key, value)

        @event.listens_for(engine, "connect")
        def _own_pid(dbapi_conn: Any, record: Any) -> None:
            record.info["pid"] = dbapi_conn.info.backend_pid
            self.own_pids.add(record.info["pid"])

        @event.listens_for(engine, "close")
        def _gone_pid(dbapi_conn: Any, record: Any) -> None:
            self.own_pids.discard(record.info.get("pid", -1))

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            if conn.get_execution_options().get(WRITE_OPTION, False):
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK_KEY})")

    def listener(
        self, on_change: Callable[[ServerChange], None], on_state: Callable[[bool], None]
    ) -> ChangeListener:
        """A listener for what other workstations save (not started)."""
        from cryolog.db.backends.postgres_notify import ChangeListener

        return ChangeListener(
            connect=self.connect, on_change=on_change, on_state=on_state,
            own_pids=lambda: frozenset(self.own_pids),
        )  # fmt: skip

    # opening, checking ------------------------------------------------------------------

    def prepare(self, *, create: bool, verify: bool, allow_empty: bool) -> MigrationReport:
        from cryolog.db.backends.postgres_migrate import prepare_server

        try:
            return prepare_server(self, create=create)
        except DatabaseProblem:
            raise
        except Exception as exc:
            raise self.translate(_driver_error(exc)) from exc

    def instance_lock(self) -> InstanceLock | None:
        return None  # the server arbitrates between workstations

    def check_integrity(self, cancelled: Callable[[], bool] | None = None) -> None:
        return None  # the server checks its own pages (and `cryolog verify --db URL`)

    def translate(self, exc: BaseException) -> DatabaseProblem:
        return translate_server_error(_driver_error(exc), self.label)

    # copies -----------------------------------------------------------------------------

    def copy_to(self, destination: Path, progress: Progress | None = None) -> Any:
        raise DatabaseProblem(
            f"Backups of {self.label} are made on the server with its own tools"
            ' (pg_dump, checked by a restore: see the README\'s "Backing up a server").',
            self.label,
        )

    def connect_copy(self, path: Path, *, write: bool = False) -> Any:
        raise DatabaseProblem(f"{path} is not a copy of {self.label}.", str(path))


def _driver_error(exc: BaseException) -> BaseException:
    """The driver's own exception inside SQLAlchemy's wrapper, if it is one."""
    original = getattr(exc, "orig", None)
    return original if isinstance(original, BaseException) else exc
