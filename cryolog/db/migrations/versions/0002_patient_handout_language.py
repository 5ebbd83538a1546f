"""Patient's handout language (English or Russian), chosen per patient.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

On SQLite this recreates the ``patient`` table (batch mode); it runs on a connection with
foreign keys off so that the rows that reference patients are left alone.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patient") as batch_op:
        batch_op.add_column(
            sa.Column("handout_language", sa.String(length=5), nullable=False, server_default="en")
        )
        batch_op.create_check_constraint("language_known", "handout_language IN ('en', 'ru')")


def downgrade() -> None:
    with op.batch_alter_table("patient") as batch_op:
        batch_op.drop_constraint("language_known", type_="check")
        batch_op.drop_column("handout_language")
