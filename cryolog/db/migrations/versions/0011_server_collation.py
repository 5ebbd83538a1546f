"""A server database: search keys in byte order, and its audit guards for erasure.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-01

On PostgreSQL the name search's keys (``patient.search_name``, ``patient_name_token.token``)
and the phone-suffix keys (``patient_phone_key.key``) get ``COLLATE "C"``: byte order, as
SQLite's BINARY, so prefix ranges and the list's order are the same as in a file whatever
the server's default collation (a linguistic one ignores punctuation and sorts "Z" after
"a"). Their indexes are rebuilt by the type change. The audit tables get their row guards
as PL/pgSQL trigger functions (``cryolog.db.backends.postgres_guards``), the same rules as a
file's triggers. Nothing changes in an SQLite file (BINARY is its default already) and no
value changes anywhere, so no audit checkpoint is needed.
"""

from __future__ import annotations

from alembic import op

from cryolog.db.backends.postgres_guards import create_statements, drop_statements

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None

_KEYS = (
    ("patient", "search_name", 602),
    ("patient_name_token", "token", 200),
    ("patient_phone_key", "key", 20),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length in _KEYS:
        op.execute(
            f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE VARCHAR({length}) COLLATE "C"'
        )
    for statement in create_statements():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in drop_statements():
        op.execute(statement)
    for table, column, length in _KEYS:
        op.execute(
            f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE VARCHAR({length}) COLLATE "default"'
        )
