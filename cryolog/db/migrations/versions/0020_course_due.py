"""Each open course's next due date, so the day plan reads only the courses due by the day.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02

A new table, ``course_due``, holds one row per open, unarchived course of an unarchived
patient with sessions still to do: the first day its protocol allows the next session, its
counted sessions so far, what it aims at and the patient's name as the plan lists it. Its
primary key is (``next_due``, the case-folded name, ``course_id``), on SQLite the table is
that key's B-tree without a rowid: the courses due on or before a day are one range of it,
already in the plan's order, where the plan had to read every open course's sessions. It is filled here from the courses, their sessions and
patients (one read of the open courses, the one the plan made before) and from then on
kept by every write that changes a row (cryolog.db.course_due), in that write's
transaction. An index on the appointments' (day, status, course) gives the courses with a visit held
from a day on (which the plan leaves out) from the index alone. Derived data and an index
only: no audited column changes, the audit trail does not cover
the table, so no audit checkpoint is needed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.course_due import rebuild
from cryolog.db.models._common import NAME_LEN
from cryolog.db.types import search_key

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_due",
        sa.Column("next_due", sa.Date(), nullable=False),
        sa.Column("name_key", search_key(3 * NAME_LEN + 2), nullable=False),
        sa.Column("course_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("protocol_id", sa.String(length=40), nullable=False),
        sa.Column("sessions_done", sa.Integer(), nullable=False),
        sa.Column("sessions_planned", sa.Integer(), nullable=True),
        sa.Column("patient_name", sa.String(length=3 * NAME_LEN + 2), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_course_due_course_id_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_course_due_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("next_due", "name_key", "course_id", name=op.f("pk_course_due")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_course_due_course_id", "course_due", ["course_id"], unique=True)
    op.create_index(
        "ix_appointment_day_course", "appointment", ["local_day", "status", "course_id"]
    )
    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_appointment_day_course", table_name="appointment")
    op.drop_index("ix_course_due_course_id", table_name="course_due")
    op.drop_table("course_due")
