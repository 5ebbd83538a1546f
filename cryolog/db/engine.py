"""The SQLAlchemy engine over a storage backend.

The backend makes each pooled connection (``creator``: pragmas, and later a key) and sets
up the engine's transactions; this module only ties them together, so nothing here is
specific to one kind of storage.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine

from cryolog.db.backends import StorageBackend, backend_for
from cryolog.db.backends.sqlite_connect import BUSY_TIMEOUT_MS, engine_pragmas
from cryolog.db.backends.sqlite_file import WRITE_OPTION

__all__ = ["BUSY_TIMEOUT_MS", "WRITE_OPTION", "make_engine", "sqlite_pragmas", "writer"]


def sqlite_pragmas(*, foreign_keys: bool = True) -> tuple[tuple[str, str], ...]:
    """The settings every SQLite connection that writes gets."""
    return engine_pragmas(foreign_keys=foreign_keys)


def make_engine(
    target: StorageBackend | str, *, foreign_keys: bool = True, echo: bool = False
) -> Engine:
    """An engine over ``target`` (a backend, or a path/URL to make one for).

    ``foreign_keys=False`` is only for the migration connection (batch migrations
    recreate tables, and with foreign keys on that would cascade-delete child rows).
    """
    backend = backend_for(target) if isinstance(target, str) else target
    options: dict[str, Any] = {"echo": echo, "hide_parameters": True}  # no patient data in logs
    creator = backend.creator(foreign_keys=foreign_keys)
    if creator is not None:
        options["creator"] = creator
    extra = getattr(backend, "engine_options", None)  # a server's pool settings
    if extra is not None:
        options.update(extra())
    engine = create_engine(backend.url, **options)
    backend.install_engine_hooks(engine)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, marked so its transactions take the write lock up front."""
    return engine.execution_options(**{WRITE_OPTION: True})
