"""Each open course's next due date, so the day plan reads only the courses due by the day.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02

A new table, ``course_due`` (course_id, next_due, sessions_done), holds one row per open,
unarchived course with sessions still to do: the first day its protocol allows the next
session and its counted sessions so far, with an index on ``next_due``. The day plan reads
the courses due on or before a day from that index, where it had to read every open
course's sessions. It is filled here from the courses and their sessions (one read of the
open courses, the same one the plan made before) and from then on kept by every write that
moves a date (cryolog.db.course_due), in that write's transaction. Derived data only: no
audited column changes, the audit trail does not cover the table, so no audit checkpoint
is needed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.course_due import rebuild

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_due",
        sa.Column("course_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("next_due", sa.Date(), nullable=False),
        sa.Column("sessions_done", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_course_due_course_id_course"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("course_id", name=op.f("pk_course_due")),
    )
    op.create_index("ix_course_due_next_due", "course_due", ["next_due"])
    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_course_due_next_due", table_name="course_due")
    op.drop_table("course_due")
