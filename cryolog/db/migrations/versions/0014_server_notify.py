"""A server tells every workstation what was saved: NOTIFY on each audit entry.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01

On PostgreSQL an AFTER INSERT trigger on ``audit_log`` sends ``NOTIFY cryolog_changed``
with the entry's entity and patient (``cryolog.db.backends.postgres_notify``); the server
delivers it when the save commits, and the open windows of other workstations reload what
it concerns. Nothing changes in an SQLite file (one desktop has no one to tell), and no
record or audited column changes, so no audit checkpoint is needed.
"""

from __future__ import annotations

from alembic import op

from cryolog.db.backends.postgres_notify import create_statements, drop_statements

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in create_statements():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in drop_statements():
        op.execute(statement)
