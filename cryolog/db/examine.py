"""A look at a database file that changes nothing: what ``cryolog check`` reports.

The file is opened read-only; without a ``-wal`` beside it (no connection has it open) it
is read as immutable, so not even SQLite's ``-wal``/``-shm`` files appear. An empty file
or an older schema is described — what opening it would do — not set up or migrated.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from cryolog.db.backends.sqlite_connect import Access, connect_file, reader_pragmas
from cryolog.db.backends.sqlite_errors import translate_sqlite_error
from cryolog.db.errors import DatabaseMissing, DatabaseProblem, db_said
from cryolog.db.snapshot import Facts, read_facts


@dataclass(frozen=True)
class Examination:
    size: int
    facts: Facts | None
    """None for an empty file (0 bytes)."""
    has_tables: bool = False
    integrity: str = ""
    foreign_key_violations: int = 0
    journal_mode: str = ""


def examine_access(path: Path) -> Access:
    wal = path.with_name(path.name + "-wal")
    return Access.READ_ONLY if wal.exists() else Access.IMMUTABLE


def examine_file(path: Path) -> Examination:
    """Read everything ``check`` reports; DatabaseProblem when the file cannot be read."""
    if not path.exists():
        raise DatabaseMissing(db_said("missing", path=str(path)), str(path))
    if path.is_dir():
        raise DatabaseProblem(db_said("folder", path=str(path)), str(path))
    size = path.stat().st_size
    if size == 0:
        return Examination(0, None)
    try:
        with closing(
            connect_file(path, access=examine_access(path), pragmas=reader_pragmas())
        ) as conn:
            conn.execute("BEGIN")
            facts = read_facts(conn)
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            violations = len(conn.execute("PRAGMA foreign_key_check").fetchall())
            mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
            conn.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) from exc
    summary = "ok" if integrity == ["ok"] else "; ".join(integrity[:3])
    if mode == "delete" and examine_access(path) is Access.IMMUTABLE:
        mode = _header_journal(path)
    return Examination(size, facts, bool(tables), summary, violations, mode)


def _header_journal(path: Path) -> str:
    """An immutable read reports "delete"; the header's version bytes say WAL (2) or not."""
    with path.open("rb") as handle:
        header = handle.read(20)
    return "wal" if len(header) >= 20 and header[18] == 2 else "delete"
