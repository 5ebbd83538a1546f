"""The storage seam: every connection to a file is made in one place, with its settings."""

from __future__ import annotations

import re
from pathlib import Path

from cryolog.db.backends import Access, PostgresBackend, SqliteFileBackend, backend_for
from cryolog.db.database import Database

PACKAGE = Path(__file__).resolve().parents[2] / "cryolog"
CONNECT = re.compile(r"sqlite3\s*\.\s*connect\s*\(")


def test_every_sqlite_connection_is_made_in_the_backend() -> None:
    callers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if CONNECT.search(path.read_text(encoding="utf-8"))
    )
    assert callers == ["db/backends/sqlite_connect.py"]


def test_every_sqlcipher_connection_is_made_in_one_place() -> None:
    pattern = re.compile(r"sqlcipher3\s*\.\s*connect\s*\(")
    callers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    )
    assert callers == ["db/backends/sqlcipher_connect.py"]


def test_the_engine_connects_through_the_backend(db: Database) -> None:
    assert isinstance(db.storage, SqliteFileBackend)
    made: list[object] = []
    original = db.storage.creator

    def counting(*, foreign_keys: bool = True) -> object:
        create = original(foreign_keys=foreign_keys)

        def wrapped() -> object:
            conn = create()
            made.append(conn)
            return conn

        return wrapped

    db.dispose()
    db.storage.creator = counting  # type: ignore[method-assign,assignment]
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    assert len(made) == 1


def test_labels_and_stored_targets_hold_no_secret(tmp_path: Path) -> None:
    file = backend_for(str(tmp_path / "a.db"))
    assert file.label == file.stored_target == str(tmp_path / "a.db")
    server = backend_for("postgresql://anna:s3cret@db.example.org/practice")
    assert isinstance(server, PostgresBackend)
    assert "s3cret" not in server.label and "s3cret" not in server.stored_target
    assert server.instance_lock() is None


def test_a_read_only_backend_never_writes(db: Database) -> None:
    import sqlite3

    import pytest

    assert db.path is not None
    db.dispose()
    backend = SqliteFileBackend(db.path, Access.IMMUTABLE, "on a read-only disk")
    conn = backend.connect()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM practice")
    conn.close()
    from cryolog.db.errors import DatabaseReadOnly

    with pytest.raises(DatabaseReadOnly, match="on a read-only disk"):
        backend.connect(write=True)
