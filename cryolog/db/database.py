"""An open cryolog database: engine, units of work and error translation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from cryolog.db.engine import make_engine, sqlite_url, writer
from cryolog.db.location import is_url
from cryolog.db.migrate import (
    MigrationReport,
    check_integrity,
    prepare_sqlite_file,
    translate_sqlite_error,
    upgrade_url,
)


@dataclass
class Database:
    """A database at the current schema. Each ``read()``/``write()`` is one unit of work."""

    url: str
    path: Path | None
    engine: Engine
    migration: MigrationReport | None = None
    _reader: sessionmaker[Session] = field(init=False, repr=False)
    _writer: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(writer(self.engine), expire_on_commit=False)

    @property
    def label(self) -> str:
        """What the status bar shows: the file path, or the server URL without password."""
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._translated(), self._reader.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction that commits on success and rolls back entirely on any error."""
        with self._translated(), self._writer.begin() as session:
            yield session

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            raise translate_sqlite_error(exc.orig or exc, self.label) from exc

    def check_integrity(self) -> None:
        """Scan the whole file (SQLite quick_check); DatabaseCorrupt if it fails."""
        if self.path is not None:
            check_integrity(self.path)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(target: str | Path, *, create: bool = True, verify: bool = True) -> Database:
    """Open (creating or migrating as needed) the database at a path or SQLAlchemy URL.

    ``verify=False`` defers the full-file integrity scan of an up-to-date file to the caller
    (``Database.check_integrity``), so a large database opens without reading all of it.
    """
    target = str(target)
    if is_url(target) and not target.startswith("sqlite"):
        upgrade_url(target)
        return Database(target, None, make_engine(target))
    path = Path(target.removeprefix("sqlite:///")).expanduser().absolute()
    report = prepare_sqlite_file(path, create=create, verify=verify)
    url = sqlite_url(str(path))
    return Database(url, path, make_engine(url), report)
