"""Bring a PostgreSQL database to the schema this cryolog expects.

DDL is transactional on PostgreSQL: the whole upgrade (and the audit checkpoint at its
head) is one transaction, so a failed upgrade leaves the database exactly as it was and
needs no backup copy. A transaction-level advisory lock keeps two workstations that start
a new version at the same moment from migrating twice. The database itself is made by the
server's administrator (``createdb -O owner``): cryolog sets up an empty one, refuses one
that holds other tables, and refuses a schema written by a newer cryolog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cryolog.db.errors import DatabaseTooNew, NotACryologDatabase
from cryolog.db.revisions import HEAD_REVISION, KNOWN_REVISIONS, current_revision

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from cryolog.db.backends.postgres import PostgresBackend
    from cryolog.db.migrate import MigrationReport

MIGRATION_LOCK_KEY = 0x6D696772  # "migr"


def prepare_server(backend: PostgresBackend, *, create: bool = True) -> MigrationReport:
    from cryolog.db.engine import make_engine
    from cryolog.db.migrate import MigrationReport

    engine = make_engine(backend)
    try:
        with engine.begin() as conn:
            backend.role = str(conn.exec_driver_sql("SELECT current_user").scalar())
            revision = current_revision(conn)
            if revision == HEAD_REVISION:
                return MigrationReport(revision, revision, None)
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
            revision = current_revision(conn)  # another workstation may have just done it
            _check_upgradable(conn, revision, backend.label, create=create)
            if revision != HEAD_REVISION:
                from cryolog.db.migrate import _alembic_upgrade

                _alembic_upgrade(conn)
            return MigrationReport(revision, HEAD_REVISION, None)
    finally:
        engine.dispose()


def _check_upgradable(conn: Connection, revision: str | None, label: str, *, create: bool) -> None:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseTooNew(
            f"The database {label} was written by a newer version of cryolog (schema"
            f" {revision}); install that version to open it. Nothing was changed.",
            label,
        )
    if revision is None:
        tables = conn.exec_driver_sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        ).scalar()
        if tables:
            raise NotACryologDatabase(
                f"The database {label} holds other tables, not a cryolog database.", label
            )
        if not create:
            raise NotACryologDatabase(f"The database {label} has no cryolog data yet.", label)
