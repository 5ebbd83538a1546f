"""Revision 0013 on a PostgreSQL server: the language table is seeded, the foreign keys
hold, and the revision goes down to 0012 and up again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from cryolog.db.alembic_config import alembic_config
from cryolog.db.engine import make_engine
from tests.pg.fixtures import ServerDatabase


def test_languages_are_rows_on_the_server(pg_database: ServerDatabase) -> None:
    engine = make_engine(pg_database.url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT code, for_handouts, for_window FROM language ORDER BY code")
            )
            assert rows.all() == [("de", True, False), ("en", True, True), ("ru", True, True)]
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0012")
        with engine.connect() as conn:
            check = conn.execute(
                text(
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                    " WHERE conname = 'ck_patient_language_known'"
                )
            ).scalar()
            assert check is not None and "'ru'" in check
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn, checkpoints=[]), "head")
        with engine.connect() as conn:
            keys = conn.execute(
                text(
                    "SELECT conname FROM pg_constraint WHERE contype = 'f'"
                    " AND confrelid = 'language'::regclass ORDER BY conname"
                )
            ).scalars()
            assert list(keys) == [
                "fk_document_language_language",
                "fk_patient_handout_language_language",
            ]
            gone = conn.execute(
                text("SELECT count(*) FROM pg_constraint WHERE conname LIKE '%language_known'")
            ).scalar()
            assert gone == 0
    finally:
        engine.dispose()
