"""The schema revisions this version of cryolog knows, without importing Alembic.

Opening an up-to-date database only needs to compare its revision with these; Alembic and
SQLAlchemy (slow to import) are loaded only when a file has to be created or migrated.
tests/db/test_revisions.py fails when a migration script is added and this is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0008",
    "0009",
    "0011",
    "0012",
    "0013",
    "0014",
    "0016",
    "0017",
    "0018",
    "0019",
    "0020",
    "0021",
    "0022",
    "0023",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
VERSION_TABLE = "alembic_version"
CHAIN_REVISION = "0006"
"""The revision that adds the hash-chained audit trail."""


def chained(revision: str | None) -> bool:
    """Whether a file at ``revision`` already has the audit chain."""
    if revision is None or revision not in KNOWN_REVISIONS:
        return False
    return KNOWN_REVISIONS.index(revision) >= KNOWN_REVISIONS.index(CHAIN_REVISION)


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in the database, or None when it has no version table."""
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    value = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return None if value is None else str(value)
