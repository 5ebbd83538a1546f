"""Opening a PostgreSQL server: migrations, guards, the chain, and its verification."""

from __future__ import annotations

from sqlalchemy import text

from cryolog.db.database import open_database
from cryolog.db.revisions import HEAD_REVISION
from tests.pg.fixtures import ServerDatabase


def test_an_empty_database_is_set_up_and_verifies(pg_empty: ServerDatabase) -> None:
    db = open_database(pg_empty.url)
    try:
        assert db.migration is not None and db.migration.from_revision is None
        with db.read() as session:
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == HEAD_REVISION
    finally:
        db.dispose()
    pg_empty.assert_verifies()


def test_the_migrations_give_the_server_the_models_schema(pg_database: ServerDatabase) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from cryolog.db.models import Base

    db = open_database(pg_database.url)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
            collations = dict(
                conn.execute(
                    text(
                        "SELECT table_name || '.' || column_name, collation_name"
                        " FROM information_schema.columns WHERE collation_name IS NOT NULL"
                        " AND table_schema = current_schema()"
                    )
                ).all()
            )
    finally:
        db.dispose()
    assert diff == [], "the models and the migrations disagree on the server"
    assert {k for k, v in collations.items() if v == "C"} == {
        "course_due.name_key",
        "patient.search_name",
        "patient_name_prefix.prefix",
        "patient_name_prefix.search_name",
        "patient_name_token.token",
        "patient_phone_key.key",
    }
