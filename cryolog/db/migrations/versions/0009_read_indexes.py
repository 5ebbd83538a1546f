"""Indexes for the reads the practitioner waits on: the patient list, the day plan and the
safety case.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

Only indexes change; no table is rebuilt and no row is touched.

- ``ix_patient_search_name`` gains ``id, archived_at``: the list and the name search walk it
  in order, live patients only or all, without reading the patients' rows.
- ``ix_course_status``: the open courses, for the day plan.
- ``ix_treatment_session_course_day`` replaces ``ix_treatment_session_course_id``: a
  course's sessions by day with their state and archive mark, so a course's count and last
  date are read from the index alone (the day plan) and its sessions found without a scan
  (the safety case).
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_patient_search_name", table_name="patient")
    op.create_index("ix_patient_search_name", "patient", ["search_name", "id", "archived_at"])
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
    op.drop_index("ix_patient_search_name", table_name="patient")
    op.create_index("ix_patient_search_name", "patient", ["search_name"])
