"""The practitioner's day: the practice's country and time zone, and the phone search index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Two columns are added to ``practice`` (no table is rebuilt) and one table is created and
filled from the patients' phone numbers; no existing row is changed. Both settings start
empty ("not set"): numbers typed without "+" are then indexed only as typed until the
practice's country is chosen in Preferences, which re-indexes them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.domain.phone import index_keys

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "practice", sa.Column("country", sa.String(length=2), nullable=False, server_default="")
    )
    op.add_column(
        "practice",
        sa.Column("time_zone", sa.String(length=64), nullable=False, server_default=""),
    )
    keys = op.create_table(
        "patient_phone_key",
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("whole", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_patient_phone_key_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "patient_id", name=op.f("pk_patient_phone_key")),
    )
    op.create_index(
        op.f("ix_patient_phone_key_patient_id"), "patient_phone_key", ["patient_id"], unique=False
    )
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, phone FROM patient WHERE phone <> ''")).fetchall()
    batch = [
        {"key": key, "patient_id": pid, "whole": whole}
        for pid, phone in rows
        for key, whole in index_keys(phone, "").items()
    ]
    if batch:
        op.bulk_insert(keys, batch)


def downgrade() -> None:
    op.drop_index(op.f("ix_patient_phone_key_patient_id"), table_name="patient_phone_key")
    op.drop_table("patient_phone_key")
    with op.batch_alter_table("practice") as batch_op:
        batch_op.drop_column("time_zone")
        batch_op.drop_column("country")
