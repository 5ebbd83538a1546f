"""Keyed findings: a saved safety finding keeps its message key and values, and the
language its text was shown in, beside that text.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01

Three nullable columns on ``session_finding`` (no table rebuild). ``message`` stays the
text that was shown; findings saved before this revision have only that text (English) and
keep showing it, while a keyed finding is shown again in the language of the day. The
findings' audited states gain the columns, so it ends with an audit checkpoint.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.audit_checkpoint import migration_checkpoint

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("session_finding", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("message_key", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("message_values", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("shown_language", sa.String(length=16), nullable=True))
    # session_finding is an audited record (db/audit_state.py): its states now hold the
    # three columns, so a checkpoint hashes every record as it is from here.
    migration_checkpoint("safety findings keep their message key, values and language")


def downgrade() -> None:
    with op.batch_alter_table("session_finding", recreate="never") as batch_op:
        batch_op.drop_column("shown_language")
        batch_op.drop_column("message_values")
        batch_op.drop_column("message_key")
