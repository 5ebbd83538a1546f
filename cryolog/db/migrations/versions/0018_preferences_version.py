"""Preferences carry a version: a save made from an older copy is refused, not the later wins.

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-01

Two integer columns, ``version`` on the practice row and on each stored clinical threshold
(no table rebuild: ``ADD COLUMN … NOT NULL DEFAULT 1`` on SQLite and PostgreSQL alike).
SQLAlchemy counts them up on every change; the Preferences save checks the practice's
version and the limits' version (the sum over the stored limits) it was opened with, so a
second workstation's save over a newer copy is shown, not silently overwritten. Both tables
are audited, their states now hold the column, so the step ends with an audit checkpoint.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.audit_checkpoint import migration_checkpoint

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

TABLES = ("practice", "clinical_threshold")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    migration_checkpoint("preferences carry a version checked by every save")


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("version")
