"""Session states (draft → running → completed → signed), actual exposure, re-measured blood
pressure, and the ice cube test's timing.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Every session already stored was saved complete, so it becomes "signed" (signed when it
was created). Its pre-session blood pressure becomes its one reading. The new columns are
added in place and filled first; ``treatment_session`` and ``cold_test`` are then rebuilt
once each (batch mode, on the migration's connection with foreign keys off) for the new
CHECK constraints and the nullable planned duration of a draft.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

STATES = "state IN ('draft', 'running', 'completed', 'signed', 'abandoned')"


def upgrade() -> None:
    _cold_tests()
    _sessions()
    _bp_readings()


def _sessions() -> None:
    for column in (
        sa.Column("state", sa.String(length=10), nullable=False, server_default="signed"),
        sa.Column("running_at", sa.DateTime(), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("actual_exposure_s", sa.Integer(), nullable=True),
        sa.Column("over_max_note", sa.Text(), nullable=False, server_default=""),
    ):
        op.add_column("treatment_session", column)
    op.execute("UPDATE treatment_session SET signed_at = created_at WHERE state = 'signed'")
    with op.batch_alter_table("treatment_session") as batch_op:
        batch_op.alter_column("duration_s", existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint("duration_plausible", type_="check")
        batch_op.create_check_constraint(
            "duration_plausible", "duration_s IS NULL OR (duration_s BETWEEN 1 AND 7200)"
        )
        batch_op.create_check_constraint(
            "duration_when_run", "duration_s IS NOT NULL OR state IN ('draft', 'abandoned')"
        )
        batch_op.create_check_constraint("state_known", STATES)
        batch_op.create_check_constraint(
            "signed_has_time", "state <> 'signed' OR signed_at IS NOT NULL"
        )
        batch_op.create_check_constraint(
            "actual_plausible",
            "actual_exposure_s IS NULL OR (actual_exposure_s BETWEEN 1 AND 7200)",
        )
        batch_op.create_index("ix_treatment_session_state", ["state"], unique=False)


def _bp_readings() -> None:
    op.create_table(
        "session_bp_reading",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("systolic", sa.Integer(), nullable=False),
        sa.Column("diastolic", sa.Integer(), nullable=False),
        sa.Column("measured_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "systolic BETWEEN 60 AND 260", name=op.f("ck_session_bp_reading_systolic_plausible")
        ),
        sa.CheckConstraint(
            "diastolic BETWEEN 30 AND 160", name=op.f("ck_session_bp_reading_diastolic_plausible")
        ),
        sa.CheckConstraint(
            "diastolic < systolic", name=op.f("ck_session_bp_reading_dia_below_sys")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["treatment_session.id"],
            name=op.f("fk_session_bp_reading_session_id_treatment_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_bp_reading")),
    )
    with op.batch_alter_table("session_bp_reading", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_bp_reading_session_id"), ["session_id"], unique=False
        )
    op.execute(
        "INSERT INTO session_bp_reading (session_id, position, systolic, diastolic)"
        " SELECT id, 0, bp_pre_sys, bp_pre_dia FROM treatment_session"
        " WHERE bp_pre_sys IS NOT NULL AND bp_pre_dia IS NOT NULL ORDER BY id"
    )


def _cold_tests() -> None:
    for column in (
        sa.Column("contact_started_at", sa.DateTime(), nullable=True),
        sa.Column("cube_removed_at", sa.DateTime(), nullable=True),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("read_early", sa.Boolean(), nullable=False, server_default=sa.false()),
    ):
        op.add_column("cold_test", column)
    with op.batch_alter_table("cold_test") as batch_op:
        batch_op.create_check_constraint(
            "read_early_ice_only", "NOT read_early OR kind = 'ice_cube'"
        )
        batch_op.create_check_constraint(
            "removed_after_start",
            "cube_removed_at IS NULL OR contact_started_at IS NULL"
            " OR cube_removed_at >= contact_started_at",
        )


def downgrade() -> None:
    with op.batch_alter_table("cold_test") as batch_op:
        batch_op.drop_constraint("removed_after_start", type_="check")
        batch_op.drop_constraint("read_early_ice_only", type_="check")
        for name in ("read_early", "read_at", "cube_removed_at", "contact_started_at"):
            batch_op.drop_column(name)
    with op.batch_alter_table("session_bp_reading", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_bp_reading_session_id"))
    op.drop_table("session_bp_reading")
    unfinished = op.get_bind().execute(
        sa.text("SELECT count(*) FROM treatment_session WHERE duration_s IS NULL")
    )
    if unfinished.scalar():
        raise RuntimeError("drafts without a duration cannot go back to revision 0003")
    with op.batch_alter_table("treatment_session") as batch_op:
        batch_op.drop_index("ix_treatment_session_state")
        for name in (
            "actual_plausible",
            "signed_has_time",
            "state_known",
            "duration_when_run",
            "duration_plausible",
        ):
            batch_op.drop_constraint(name, type_="check")
        batch_op.create_check_constraint("duration_plausible", "duration_s BETWEEN 1 AND 7200")
        batch_op.alter_column("duration_s", existing_type=sa.Integer(), nullable=False)
        for name in (
            "over_max_note",
            "actual_exposure_s",
            "signed_at",
            "completed_at",
            "running_at",
            "state",
        ):
            batch_op.drop_column(name)
