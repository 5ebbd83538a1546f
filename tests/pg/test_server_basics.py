"""Opening a PostgreSQL server: migrations, guards, the chain, and its verification."""

from __future__ import annotations

from sqlalchemy import text

from cryolog.db.database import open_database
from tests.pg.fixtures import ServerDatabase


def test_an_empty_database_is_set_up_and_verifies(pg_empty: ServerDatabase) -> None:
    db = open_database(pg_empty.url)
    try:
        assert db.migration is not None and db.migration.from_revision is None
        with db.read() as session:
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == "0011"
    finally:
        db.dispose()
    pg_empty.assert_verifies()
