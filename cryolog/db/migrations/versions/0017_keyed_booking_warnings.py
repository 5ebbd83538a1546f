"""Keyed booking warnings: an appointment keeps the rules, keys and values of the warnings
it was booked despite, and the language their text was shown in, beside that text.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01

Two nullable columns on ``appointment`` (no table rebuild). ``warnings`` stays the text
that was shown; appointments booked before this revision have only that text (English) and
keep showing it, while keyed warnings are shown again in the language of the day. The
appointment is an audited record, so the migration ends with an audit checkpoint.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.audit_checkpoint import migration_checkpoint

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appointment", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("warnings_said", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("warnings_language", sa.String(length=16), nullable=True))
    # appointment is an audited record (db/audit_state.py): its states now hold the two
    # columns, so a checkpoint hashes every record as it is from here.
    migration_checkpoint("booking warnings keep their message keys, values and language")


def downgrade() -> None:
    with op.batch_alter_table("appointment", recreate="never") as batch_op:
        batch_op.drop_column("warnings_language")
        batch_op.drop_column("warnings_said")
