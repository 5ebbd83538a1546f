"""The one-word search's first page in list order: every name-token prefix with its sort key.

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-01

A new table, ``patient_name_prefix`` (prefix, search_name, patient_id) without a rowid, holds
every beginning of every name token up to ``PREFIX_LEN`` characters with the patient's sort
key: a one-word search ("m", "ив", "müller") reads its page from the primary key in the
list's order and stops at the page, where the token index had to read and sort every match.
It is filled here from the existing tokens, one prefix length at a time, in plain SQL that
both SQLite and PostgreSQL run (``substr`` counts characters on both). Derived search keys
only: no clinical value changes, the audit trail does not cover the table (like the tokens),
so no audit checkpoint is needed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.models._common import NAME_LEN
from cryolog.db.types import search_key
from cryolog.domain.text import PREFIX_LEN

revision = "0016"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "patient_name_prefix",
        sa.Column("prefix", search_key(PREFIX_LEN), nullable=False),
        sa.Column("search_name", search_key(3 * NAME_LEN + 2), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_patient_name_prefix_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "prefix", "search_name", "patient_id", name=op.f("pk_patient_name_prefix")
        ),
        sqlite_with_rowid=False,
    )
    for length in range(1, PREFIX_LEN + 1):
        op.execute(
            sa.text(
                "INSERT INTO patient_name_prefix (prefix, search_name, patient_id)"
                " SELECT DISTINCT substr(t.token, 1, :n), p.search_name, p.id"
                " FROM patient_name_token t JOIN patient p ON p.id = t.patient_id"
                " WHERE length(t.token) >= :n"
            ).bindparams(n=length)
        )


def downgrade() -> None:
    op.drop_table("patient_name_prefix")
