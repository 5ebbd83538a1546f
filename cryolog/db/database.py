"""An open cryolog database: engine, units of work, plain reads and error translation.

Opening an up-to-date SQLite file and reading it with ``rows`` need only the standard
library. The SQLAlchemy engine and sessions are made on first use of ``read``/``write``/
``engine`` (from any thread), so the window can be up before SQLAlchemy is imported.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryolog.db.anchor_lane import AnchorLane, register, unregister
from cryolog.db.backends import SqliteFileBackend, StorageBackend, backend_for
from cryolog.db.backends.postgres_url import is_postgres
from cryolog.db.backends.server import ServerBackend
from cryolog.db.migrate import MigrationReport
from cryolog.db.revisions import chained
from cryolog.db.sqlite_file import SqliteReader

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from cryolog.db.backends.postgres_reader import ServerReader
    from cryolog.db.course_due import KeepingSession


@dataclass
class _Orm:
    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[KeepingSession]


@dataclass
class Database:
    """A database at the current schema. Each ``read()``/``write()`` is one unit of work."""

    url: str
    path: Path | None
    migration: MigrationReport | None = None
    read_only: bool = False
    """Opened for browsing and printing only (a read-only file or a full disk): the window
    disables every save and says why in ``read_only_reason``."""
    read_only_reason: str = ""
    backend: StorageBackend | None = None
    """The storage this database lives on (made from ``url``/``path`` when not given)."""
    _orm: _Orm | None = field(default=None, init=False, repr=False)
    _orm_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _plain: SqliteReader | ServerReader | None = field(default=None, init=False, repr=False)
    _lane: AnchorLane | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.backend is None:
            self.backend = (
                SqliteFileBackend(self.path) if self.path is not None else _server(self.url)
            )
        if self.backend.read_only and not self.read_only:
            self.read_only, self.read_only_reason = True, self.backend.read_only_reason
        if isinstance(self.backend, SqliteFileBackend):
            self._plain = SqliteReader(self.backend.file, self.backend.access)
        else:  # a server: one round trip a read
            reader = getattr(self.backend, "plain_reader", None)
            self._plain = reader() if reader is not None else None

    @property
    def storage(self) -> StorageBackend:
        assert self.backend is not None  # set in __post_init__
        return self.backend

    @property
    def label(self) -> str:
        """What the status bar shows: the file path, or the server URL without password."""
        return self.storage.label

    @property
    def stored_target(self) -> str:
        """What the settings may remember to open this database again (no secrets)."""
        return self.storage.stored_target

    def _loaded(self) -> _Orm:
        with self._orm_lock:
            if self._orm is None:
                from sqlalchemy.orm import sessionmaker

                from cryolog.db.course_due import KeepingSession
                from cryolog.db.engine import make_engine, writer

                engine = make_engine(self.storage)
                # each open course's next due date, kept in every write (db.course_due)
                writing = sessionmaker(
                    writer(engine), class_=KeepingSession, expire_on_commit=False
                )
                self._orm = _Orm(engine, sessionmaker(engine, expire_on_commit=False), writing)
            return self._orm

    def load_orm(self) -> None:
        """Import SQLAlchemy and make the engine now (e.g. in the background) if not yet."""
        self._loaded()

    @property
    def engine(self) -> Engine:
        return self._loaded().engine

    @contextmanager
    def read(self) -> Iterator[Session]:
        reader = self._loaded().reader
        with self._translated(), reader.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction that commits on success and rolls back entirely on any error."""
        writer = self._loaded().writer
        lane = self._lane
        with self._translated(), writer.begin() as session:
            yield session
            planned = None if lane is not None else self._plan_anchor(session)
        if lane is not None:
            lane.request()
        elif planned is not None and self.path is not None:
            from cryolog.db.audit_anchor import write_planned

            write_planned(self.path, planned)

    def _plan_anchor(self, session: Session) -> Any:
        """The chain head to anchor once this transaction commits, read on its own
        connection (never the shared reader, which ``dispose`` may close meanwhile)."""
        if self.path is None or self.read_only:
            return None
        from sqlalchemy import text

        from cryolog.db.audit_anchor import plan_anchor

        session.flush()
        conn = session.connection()

        def rows(sql: str, params: Mapping[str, object]) -> list[Sequence[Any]]:
            return list(conn.execute(text(sql), dict(params)))

        return plan_anchor(self.path, rows)

    def anchor(self, *, replace: bool = False) -> None:
        """Write the chain head beside the file after a commit (``db.audit_anchor``)."""
        if self.path is not None and not self.read_only:
            from cryolog.db.audit_anchor import advance_anchor

            if self._lane is None:
                advance_anchor(self.path, self.rows, replace=replace)
                return
            self._lane.settle()
            with self._lane.writing:
                advance_anchor(self.path, self.rows, replace=replace)

    def anchor_after_commits(self) -> None:
        """From now on anchor after the commits on a lane of its own, coalesced
        (``db.anchor_lane``), instead of inside each write; the head is anchored now too
        (a crash may have left the anchor one head behind). The window's database."""
        if self.path is None or self.read_only or self._lane is not None:
            return
        self._lane = AnchorLane(self.path, self.rows)
        register(self._lane)
        self._lane.request()

    def settle_anchor(self) -> None:
        """Wait for the anchor of the commits so far (nothing to wait for without a lane)."""
        if self._lane is not None:
            self._lane.settle()

    def rows(self, sql: str, params: Mapping[str, object]) -> list[Sequence[Any]]:
        """The rows of one portable SELECT with ``:name`` parameters.

        On an SQLite file this runs through the standard library (no ORM needed): date
        parameters are sent, and dates come back, as the ISO text SQLite holds (read them
        with ``as_date``); date-time parameters are refused. Elsewhere it runs on the
        engine, and on a server through its own connection (``postgres_reader``).
        """
        if self._plain is not None:
            return self._plain.rows(sql, params)
        from sqlalchemy import text

        with self._translated(), self.engine.connect() as conn:
            return list(conn.execute(text(sql), dict(params)))

    @contextmanager
    def _translated(self) -> Iterator[None]:
        from sqlalchemy.exc import DatabaseError, OperationalError

        try:
            yield
        except OperationalError as exc:
            raise self.storage.translate(exc.orig or exc) from exc
        except DatabaseError as exc:  # a damaged page met by a read that skipped the scan
            if "malformed" not in str(exc.orig or exc):
                raise
            raise self.storage.translate(exc.orig or exc) from exc
        except OverflowError as exc:  # a whole number past what the database stores
            raise self.storage.translate(exc) from exc

    def check_integrity(self, cancelled: Callable[[], bool] | None = None) -> None:
        """Scan the whole file (SQLite quick_check); DatabaseCorrupt if it fails.

        ``cancelled`` stops a long scan early (IntegrityCheckCancelled)."""
        self.storage.check_integrity(cancelled)

    def dispose(self) -> None:
        lane, self._lane = self._lane, None
        if lane is not None:  # the latest head is anchored before the file is let go
            lane.close()
            unregister(lane)
        if self._plain is not None:
            self._plain.close()
        with self._orm_lock:
            if self._orm is not None:
                self._orm.engine.dispose()
                self._orm = None


def _server(url: str) -> StorageBackend:
    """The backend of a database given by URL only (reads go through the engine)."""
    if is_postgres(url):
        from cryolog.db.backends.postgres import PostgresBackend

        return PostgresBackend(url)
    return ServerBackend(url)


def as_date(value: object) -> date:
    """A date read by ``Database.rows``: a date already, or SQLite's ISO text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def open_database(
    target: str | Path | StorageBackend,
    *,
    create: bool = True,
    verify: bool = True,
    allow_empty: bool = False,
) -> Database:
    """Open (creating or migrating as needed) the database at a path or SQLAlchemy URL.

    ``verify=False`` defers the full-file integrity scan of an up-to-date file to the caller
    (``Database.check_integrity``), so a large database opens without reading all of it.
    An empty existing file is set up only with ``allow_empty`` (else DatabaseEmpty: it may
    be a damaged copy). A file that cannot be written opens read-only (``read_only``).
    """
    backend = target if not isinstance(target, str | Path) else backend_for(target)
    report = backend.prepare(create=create, verify=verify, allow_empty=allow_empty)
    db = Database(
        backend.url,
        backend.path,
        report,
        read_only=backend.read_only,
        read_only_reason=backend.read_only_reason,
        backend=backend,
    )
    if report is not None and report.from_revision != report.to_revision:
        db.anchor(replace=not chained(report.from_revision))
    return db
