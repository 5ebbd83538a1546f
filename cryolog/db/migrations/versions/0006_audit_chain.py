"""The hash-chained audit trail: entry hashes, content apart, per-patient salts, genesis.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

``audit_log`` gains its hash columns (ALTER TABLE ADD COLUMN: no table is rebuilt, the
existing rows are kept exactly as they are and stay readable in the History); two new
tables hold the content of changes and the patients' salts. The genesis checkpoint then
hashes every clinical record and every existing audit row as they are at the upgrade, and
the triggers keep the three tables append-only (see ``cryolog.db.audit_guards``).

A later migration that changes the columns of a clinical table (or adds audited tables)
must end with ``cryolog.db.audit_checkpoint.migration_checkpoint`` (the states change). A
new file gets no checkpoint from the migrations: its one genesis is chained at the head.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.audit_checkpoint import GENESIS_REASON, migration_checkpoint
from cryolog.db.audit_guards import ADDED_BY_CHAIN, SQLITE_TRIGGERS
from cryolog.db.migrations.ddl import create_audit_guards, drop_audit_guards

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_HASHES = ("row_hash", "before_hash", "content_hash", "entry_hash")


def upgrade() -> None:
    for name in _HASHES:
        op.add_column("audit_log", sa.Column(name, sa.LargeBinary(), nullable=True))
    op.create_table(
        "audit_content",
        sa.Column("entry_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["audit_log.id"],
            name=op.f("fk_audit_content_entry_id_audit_log"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_audit_content")),
    )
    op.create_table(
        "audit_salt",
        sa.Column("patient_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("salt", sa.LargeBinary(), nullable=True),
        sa.Column("legacy_hash", sa.LargeBinary(), nullable=True),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("patient_id", name=op.f("pk_audit_salt")),
    )
    migration_checkpoint(GENESIS_REASON)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        for name in ADDED_BY_CHAIN:
            op.execute(SQLITE_TRIGGERS[name])
    # Other databases keep the first schema's guards (no UPDATE or DELETE at all on
    # audit_log); the server backend adds its own for the new tables.


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in ADDED_BY_CHAIN:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("audit_salt")
    op.drop_table("audit_content")
    with op.batch_alter_table("audit_log") as batch_op:
        for name in reversed(_HASHES):
            batch_op.drop_column(name)
    if sqlite:
        # the batch may rebuild audit_log, and a rebuilt table has lost its triggers: the
        # first schema's two guards are made again after it, so that an upgrade from here
        # finds audit_log as the first schema left it (no DELETE, no UPDATE)
        drop_audit_guards()
        create_audit_guards()
