"""Indexes for the reads the practitioner waits on: the patient list, the day plan and the
safety case.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

Only indexes change; no table is rebuilt and no row is touched.

- ``ix_patient_live_name``: the live (not archived) patients by name, a partial index; the
  list and the name search walk it in order without reading the patients' rows.
- ``ix_course_status``: the open courses, for the day plan.
- ``ix_treatment_session_course_day`` replaces ``ix_treatment_session_course_id``: a
  course's sessions by day with their state and archive mark, so a course's count and last
  date are read from the index alone (the day plan) and its sessions found without a scan
  (the safety case).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

LIVE = sa.text("archived_at IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_patient_live_name",
        "patient",
        ["search_name"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    op.create_index("ix_course_status", "course", ["status", "archived_at"])
    op.create_index(
        "ix_treatment_session_course_day",
        "treatment_session",
        ["course_id", "session_date", "state", "archived_at"],
    )
    op.drop_index("ix_treatment_session_course_id", table_name="treatment_session")


def downgrade() -> None:
    op.create_index("ix_treatment_session_course_id", "treatment_session", ["course_id"])
    op.drop_index("ix_treatment_session_course_day", table_name="treatment_session")
    op.drop_index("ix_course_status", table_name="course")
    op.drop_index("ix_patient_live_name", table_name="patient")
