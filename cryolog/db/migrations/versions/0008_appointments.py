"""Appointments: the practice's week (opening hours, closed days, resources, staff),
patients' preferred visit times, appointments and the seats they hold; the appointment
card as a document kind.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01

New tables only, except ``document``, whose kind check gains ``appointment_card`` (on
SQLite a batch rebuild of that table, on a connection with foreign keys off). It ends with
an audit checkpoint (the new tables are audited records). Why a double
booking is impossible is told in cryolog/db/models/appointment.py.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.audit_checkpoint import migration_checkpoint

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('course_summary', 'handout', 'consent', 'screening')"
NEW_KINDS = "kind IN ('course_summary', 'handout', 'consent', 'screening', 'appointment_card')"


def _resource_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["resource_id"],
        ["booking_resource.id"],
        name=op.f(f"fk_{table}_resource_id_booking_resource"),
        ondelete="RESTRICT",
    )


def _calendar_tables() -> None:
    op.create_table(
        "booking_resource",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("modalities", sa.String(length=400), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("session_min", sa.Integer(), nullable=False),
        sa.Column("turnaround_min", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "capacity BETWEEN 1 AND 20", name=op.f("ck_booking_resource_capacity_plausible")
        ),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_booking_resource_name_present")),
        sa.CheckConstraint(
            "session_min BETWEEN 1 AND 480", name=op.f("ck_booking_resource_session_plausible")
        ),
        sa.CheckConstraint(
            "turnaround_min BETWEEN 0 AND 240",
            name=op.f("ck_booking_resource_turnaround_plausible"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_resource")),
    )
    op.create_table(
        "booking_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_count", sa.Integer(), nullable=False),
        sa.Column("calendar_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_booking_settings_single_row")),
        sa.CheckConstraint(
            "staff_count BETWEEN 1 AND 50", name=op.f("ck_booking_settings_staff_plausible")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_settings")),
    )
    op.create_table(
        "closed_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_closed_day")),
    )
    op.create_table(
        "opening_interval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start_min", sa.Integer(), nullable=False),
        sa.Column("end_min", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "start_min < end_min", name=op.f("ck_opening_interval_opens_before_closing")
        ),
        sa.CheckConstraint(
            "start_min >= 0 AND end_min <= 1440", name=op.f("ck_opening_interval_within_day")
        ),
        sa.CheckConstraint(
            "weekday BETWEEN 0 AND 6", name=op.f("ck_opening_interval_weekday_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opening_interval")),
    )
    op.create_table(
        "booking_preference",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("weekdays", sa.String(length=20), nullable=False),
        sa.Column("earliest_min", sa.Integer(), nullable=True),
        sa.Column("latest_min", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "earliest_min IS NULL OR (earliest_min BETWEEN 0 AND 1439)",
            name=op.f("ck_booking_preference_earliest_plausible"),
        ),
        sa.CheckConstraint(
            "latest_min IS NULL OR (latest_min BETWEEN 0 AND 1439)",
            name=op.f("ck_booking_preference_latest_plausible"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_booking_preference_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("patient_id", name=op.f("pk_booking_preference")),
    )
    op.create_table(
        "staff_minute",
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("staff_seat", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        _resource_fk("staff_minute"),
        sa.PrimaryKeyConstraint("minute", "staff_seat", name=op.f("pk_staff_minute")),
        sa.UniqueConstraint("minute", "resource_id", name="uq_staff_minute_resource"),
    )


def _appointment_tables() -> None:
    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("modality", sa.String(length=40), nullable=True),
        sa.Column("general", sa.Boolean(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("length_min", sa.Integer(), nullable=False),
        sa.Column("turnaround_min", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("warning_reason", sa.Text(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status <> 'attended' OR session_id IS NOT NULL",
            name=op.f("ck_appointment_attended_linked"),
        ),
        sa.CheckConstraint(
            "status <> 'cancelled' OR length(cancel_reason) > 0",
            name=op.f("ck_appointment_cancel_has_reason"),
        ),
        sa.CheckConstraint(
            "status IN ('booked', 'attended', 'cancelled', 'no_show')",
            name=op.f("ck_appointment_status_known"),
        ),
        sa.CheckConstraint(
            "length_min BETWEEN 1 AND 480", name=op.f("ck_appointment_length_plausible")
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_appointment_course_id_course"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_appointment_patient_id_patient"),
            ondelete="RESTRICT",
        ),
        _resource_fk("appointment"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["treatment_session.id"],
            name=op.f("fk_appointment_session_id_treatment_session"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
        sa.UniqueConstraint("session_id", name=op.f("uq_appointment_session_id")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appointment_course_id"), ["course_id"], unique=False)
        batch_op.create_index("ix_appointment_day", ["local_day", "starts_at"], unique=False)
        batch_op.create_index(
            "ix_appointment_patient_day", ["patient_id", "local_day"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_appointment_patient_id"), ["patient_id"], unique=False)
    op.create_table(
        "appointment_seat",
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("staffed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointment.id"],
            name=op.f("fk_appointment_seat_appointment_id_appointment"),
            ondelete="CASCADE",
        ),
        _resource_fk("appointment_seat"),
        sa.PrimaryKeyConstraint("resource_id", "minute", "seat", name=op.f("pk_appointment_seat")),
    )
    with op.batch_alter_table("appointment_seat", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appointment_seat_appointment_id"), ["appointment_id"], unique=False
        )


def _document_kinds(check: str) -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_document_kind_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_document_kind_known"), check)


def upgrade() -> None:
    # The rebuild first: the new tables then take the pages it frees.
    _document_kinds(NEW_KINDS)
    _calendar_tables()
    _appointment_tables()
    op.execute(
        sa.text(
            "INSERT INTO booking_settings (id, staff_count, calendar_seq, updated_at)"
            " VALUES (1, 1, 0, CURRENT_TIMESTAMP)"
        )
    )
    # The new tables are audited records (db/audit_state.py): a checkpoint hashes them, and
    # every record as it is now, so the chain covers them from here.
    migration_checkpoint("appointments are audited from here")


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM document WHERE kind = 'appointment_card'"))
    _document_kinds(OLD_KINDS)
    with op.batch_alter_table("appointment_seat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_seat_appointment_id"))
    op.drop_table("appointment_seat")
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_patient_id"))
        batch_op.drop_index("ix_appointment_patient_day")
        batch_op.drop_index("ix_appointment_day")
        batch_op.drop_index(batch_op.f("ix_appointment_course_id"))
    op.drop_table("appointment")
    for table in ("staff_minute", "booking_preference", "opening_interval", "closed_day",
                  "booking_settings", "booking_resource"):  # fmt: skip
        op.drop_table(table)
