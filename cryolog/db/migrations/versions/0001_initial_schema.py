"""Initial schema: patients, pre-treatment records, cold tests, courses, sessions,
outcomes, practice settings and the append-only audit trail.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.migrations.ddl import create_audit_guards, drop_audit_guards

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("before_json", sa.Text(), nullable=True),
        sa.Column("after_json", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_entity", ["entity", "entity_id"], unique=False)
        batch_op.create_index("ix_audit_log_patient", ["patient_id", "id"], unique=False)

    op.create_table(
        "clinical_threshold",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_clinical_threshold")),
    )
    op.create_table(
        "patient",
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("middle_name", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=10), nullable=False),
        sa.Column("height_cm", sa.Float(), nullable=True),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_name", sa.String(length=602), nullable=False),
        sa.Column("phone_digits", sa.String(length=50), nullable=False),
        sa.Column("phone_digits_rev", sa.String(length=50), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("archive_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "sex IN ('female', 'male', 'other', 'unknown')", name=op.f("ck_patient_sex_known")
        ),
        sa.CheckConstraint(
            "height_cm IS NULL OR (height_cm BETWEEN 50 AND 250)",
            name=op.f("ck_patient_height_plausible"),
        ),
        sa.CheckConstraint("length(family_name) > 0", name=op.f("ck_patient_family_name_present")),
        sa.CheckConstraint(
            "weight_kg IS NULL OR (weight_kg BETWEEN 2 AND 400)",
            name=op.f("ck_patient_weight_plausible"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient")),
    )
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.create_index("ix_patient_birth_date", ["birth_date"], unique=False)
        batch_op.create_index("ix_patient_phone_digits", ["phone_digits"], unique=False)
        batch_op.create_index("ix_patient_phone_digits_rev", ["phone_digits_rev"], unique=False)
        batch_op.create_index("ix_patient_search_name", ["search_name"], unique=False)

    op.create_table(
        "practice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("practitioner", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_practice_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice")),
    )
    op.create_table(
        "clearance",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("ecg", sa.Boolean(), nullable=False),
        sa.Column("blood", sa.Boolean(), nullable=False),
        sa.Column("urine", sa.Boolean(), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("archive_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("valid_until >= issued_on", name=op.f("ck_clearance_valid_after_issue")),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_clearance_patient_id_patient"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clearance")),
    )
    with op.batch_alter_table("clearance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clearance_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "cold_test",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("performed_on", sa.Date(), nullable=False),
        sa.Column("contact_s", sa.Integer(), nullable=True),
        sa.Column("read_after_min", sa.Integer(), nullable=True),
        sa.Column("ice_result", sa.String(length=20), nullable=True),
        sa.Column("antihistamine_48h", sa.Boolean(), nullable=True),
        sa.Column("water_c", sa.Float(), nullable=True),
        sa.Column("immersion_s", sa.Integer(), nullable=True),
        sa.Column("bp_before_sys", sa.Integer(), nullable=True),
        sa.Column("bp_before_dia", sa.Integer(), nullable=True),
        sa.Column("bp_after_sys", sa.Integer(), nullable=True),
        sa.Column("bp_after_dia", sa.Integer(), nullable=True),
        sa.Column("ctt_c", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("archive_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "ice_result IS NULL OR ice_result IN ('negative', 'erythema_only', 'wheal', 'systemic')",
            name=op.f("ck_cold_test_ice_result_known"),
        ),
        sa.CheckConstraint(
            "kind <> 'cold_pressor' OR (water_c IS NOT NULL AND immersion_s IS NOT NULL AND bp_before_sys IS NOT NULL AND bp_before_dia IS NOT NULL AND bp_after_sys IS NOT NULL AND bp_after_dia IS NOT NULL)",
            name=op.f("ck_cold_test_pressor_fields"),
        ),
        sa.CheckConstraint(
            "kind <> 'ice_cube' OR (contact_s IS NOT NULL AND ice_result IS NOT NULL)",
            name=op.f("ck_cold_test_ice_fields"),
        ),
        sa.CheckConstraint(
            "kind IN ('ice_cube', 'cold_pressor', 'temp_threshold')",
            name=op.f("ck_cold_test_kind_known"),
        ),
        sa.CheckConstraint(
            "bp_after_dia IS NULL OR (bp_after_dia BETWEEN 30 AND 160)",
            name=op.f("ck_cold_test_bp_after_dia_plausible"),
        ),
        sa.CheckConstraint(
            "bp_after_sys IS NULL OR (bp_after_sys BETWEEN 60 AND 260)",
            name=op.f("ck_cold_test_bp_after_sys_plausible"),
        ),
        sa.CheckConstraint(
            "bp_before_dia IS NULL OR (bp_before_dia BETWEEN 30 AND 160)",
            name=op.f("ck_cold_test_bp_before_dia_plausible"),
        ),
        sa.CheckConstraint(
            "bp_before_sys IS NULL OR (bp_before_sys BETWEEN 60 AND 260)",
            name=op.f("ck_cold_test_bp_before_sys_plausible"),
        ),
        sa.CheckConstraint(
            "contact_s IS NULL OR (contact_s BETWEEN 1 AND 1800)",
            name=op.f("ck_cold_test_contact_plausible"),
        ),
        sa.CheckConstraint(
            "ctt_c IS NULL OR (ctt_c BETWEEN 4 AND 44)", name=op.f("ck_cold_test_ctt_plausible")
        ),
        sa.CheckConstraint(
            "immersion_s IS NULL OR (immersion_s BETWEEN 1 AND 600)",
            name=op.f("ck_cold_test_immersion_plausible"),
        ),
        sa.CheckConstraint(
            "water_c IS NULL OR (water_c BETWEEN 0 AND 15)",
            name=op.f("ck_cold_test_water_plausible"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_cold_test_patient_id_patient"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cold_test")),
    )
    with op.batch_alter_table("cold_test", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cold_test_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "consent",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("archive_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("form_version >= 1", name=op.f("ck_consent_form_version_positive")),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_consent_patient_id_patient"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "course",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("protocol_id", sa.String(length=40), nullable=False),
        sa.Column("indication", sa.Text(), nullable=False),
        sa.Column("body_area", sa.String(length=200), nullable=False),
        sa.Column("planned_sessions", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("archive_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'completed', 'stopped')", name=op.f("ck_course_status_known")
        ),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= started_on", name=op.f("ck_course_ends_after_start")
        ),
        sa.CheckConstraint(
            "planned_sessions IS NULL OR (planned_sessions BETWEEN 1 AND 100)",
            name=op.f("ck_course_planned_plausible"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_course_patient_id_patient"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course")),
    )
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "patient_name_token",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_patient_name_token_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("patient_id", "token", name=op.f("pk_patient_name_token")),
    )
    with op.batch_alter_table("patient_name_token", schema=None) as batch_op:
        batch_op.create_index("ix_patient_name_token_token", ["token", "patient_id"], unique=False)

    op.create_table(
        "screening",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("screened_on", sa.Date(), nullable=False),
        sa.Column("catalog_version", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("archive_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_screening_patient_id_patient"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening")),
    )
    with op.batch_alter_table("screening", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screening_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "assessment",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("archive_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'nrs' AND value BETWEEN 0 AND 10) OR (kind = 'dlqi' AND value BETWEEN 0 AND 30) OR (kind = 'pasi' AND value BETWEEN 0 AND 72) OR (kind = 'iga' AND value BETWEEN 0 AND 4) OR (kind = 'salt' AND value BETWEEN 0 AND 100) OR (kind = 'lesion_count' AND value BETWEEN 0 AND 10000)",
            name=op.f("ck_assessment_value_plausible"),
        ),
        sa.CheckConstraint(
            "kind IN ('nrs', 'dlqi', 'pasi', 'iga', 'salt', 'lesion_count')",
            name=op.f("ck_assessment_kind_known"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_assessment_course_id_course"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_assessment_patient_id_patient"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_course_id"), ["course_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assessment_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "screening_answer",
        sa.Column("screening_id", sa.Integer(), nullable=False),
        sa.Column("condition_id", sa.String(length=80), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "answer IN ('yes', 'no', 'unknown')", name=op.f("ck_screening_answer_answer_known")
        ),
        sa.ForeignKeyConstraint(
            ["screening_id"],
            ["screening.id"],
            name=op.f("fk_screening_answer_screening_id_screening"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("screening_id", "condition_id", name=op.f("pk_screening_answer")),
    )
    op.create_table(
        "treatment_session",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("modality", sa.String(length=40), nullable=False),
        sa.Column("device", sa.String(length=200), nullable=False),
        sa.Column("applicator", sa.String(length=200), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("session_date", sa.Date(), nullable=False),
        sa.Column("set_temp_c", sa.Float(), nullable=True),
        sa.Column("measured_temp_c", sa.Float(), nullable=True),
        sa.Column("temp_unit_entered", sa.String(length=1), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=False),
        sa.Column("bp_pre_sys", sa.Integer(), nullable=True),
        sa.Column("bp_pre_dia", sa.Integer(), nullable=True),
        sa.Column("hr_pre", sa.Integer(), nullable=True),
        sa.Column("spo2_pre", sa.Integer(), nullable=True),
        sa.Column("bp_post_sys", sa.Integer(), nullable=True),
        sa.Column("bp_post_dia", sa.Integer(), nullable=True),
        sa.Column("hr_post", sa.Integer(), nullable=True),
        sa.Column("spo2_post", sa.Integer(), nullable=True),
        sa.Column("skin_temp_before_c", sa.Float(), nullable=True),
        sa.Column("skin_temp_after_c", sa.Float(), nullable=True),
        sa.Column("skin_temp_method", sa.String(length=20), nullable=True),
        sa.Column("nrs_pre", sa.Integer(), nullable=True),
        sa.Column("nrs_post", sa.Integer(), nullable=True),
        sa.Column("chk_dry_skin", sa.Boolean(), nullable=True),
        sa.Column("chk_no_lotion", sa.Boolean(), nullable=True),
        sa.Column("chk_no_metal", sa.Boolean(), nullable=True),
        sa.Column("chk_protective_gear", sa.Boolean(), nullable=True),
        sa.Column("chk_oxygen_monitor", sa.Boolean(), nullable=True),
        sa.Column("direct_skin_contact", sa.Boolean(), nullable=True),
        sa.Column("reactions", sa.Text(), nullable=False),
        sa.Column("aborted", sa.Boolean(), nullable=False),
        sa.Column("abort_reason", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("archive_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "skin_temp_method IS NULL OR skin_temp_method IN ('infrared', 'contact', 'thermography')",
            name=op.f("ck_treatment_session_skin_method_known"),
        ),
        sa.CheckConstraint(
            "temp_unit_entered IN ('C', 'F')", name=op.f("ck_treatment_session_temp_unit_known")
        ),
        sa.CheckConstraint(
            "NOT aborted OR length(abort_reason) > 0",
            name=op.f("ck_treatment_session_abort_has_reason"),
        ),
        sa.CheckConstraint(
            "bp_post_dia IS NULL OR (bp_post_dia BETWEEN 30 AND 160)",
            name=op.f("ck_treatment_session_bp_post_dia_plausible"),
        ),
        sa.CheckConstraint(
            "bp_post_sys IS NULL OR (bp_post_sys BETWEEN 60 AND 260)",
            name=op.f("ck_treatment_session_bp_post_sys_plausible"),
        ),
        sa.CheckConstraint(
            "bp_post_sys IS NULL OR bp_post_dia IS NULL OR bp_post_dia < bp_post_sys",
            name=op.f("ck_treatment_session_bp_post_dia_below_sys"),
        ),
        sa.CheckConstraint(
            "bp_pre_dia IS NULL OR (bp_pre_dia BETWEEN 30 AND 160)",
            name=op.f("ck_treatment_session_bp_pre_dia_plausible"),
        ),
        sa.CheckConstraint(
            "bp_pre_sys IS NULL OR (bp_pre_sys BETWEEN 60 AND 260)",
            name=op.f("ck_treatment_session_bp_pre_sys_plausible"),
        ),
        sa.CheckConstraint(
            "bp_pre_sys IS NULL OR bp_pre_dia IS NULL OR bp_pre_dia < bp_pre_sys",
            name=op.f("ck_treatment_session_bp_pre_dia_below_sys"),
        ),
        sa.CheckConstraint(
            "duration_s BETWEEN 1 AND 7200", name=op.f("ck_treatment_session_duration_plausible")
        ),
        sa.CheckConstraint(
            "hr_post IS NULL OR (hr_post BETWEEN 30 AND 220)",
            name=op.f("ck_treatment_session_hr_post_plausible"),
        ),
        sa.CheckConstraint(
            "hr_pre IS NULL OR (hr_pre BETWEEN 30 AND 220)",
            name=op.f("ck_treatment_session_hr_pre_plausible"),
        ),
        sa.CheckConstraint(
            "measured_temp_c IS NULL OR (measured_temp_c BETWEEN -196 AND 15)",
            name=op.f("ck_treatment_session_measured_temp_plausible"),
        ),
        sa.CheckConstraint(
            "nrs_post IS NULL OR (nrs_post BETWEEN 0 AND 10)",
            name=op.f("ck_treatment_session_nrs_post_plausible"),
        ),
        sa.CheckConstraint(
            "nrs_pre IS NULL OR (nrs_pre BETWEEN 0 AND 10)",
            name=op.f("ck_treatment_session_nrs_pre_plausible"),
        ),
        sa.CheckConstraint(
            "set_temp_c IS NULL OR (set_temp_c BETWEEN -196 AND 15)",
            name=op.f("ck_treatment_session_set_temp_plausible"),
        ),
        sa.CheckConstraint(
            "skin_temp_after_c IS NULL OR (skin_temp_after_c BETWEEN -5 AND 40)",
            name=op.f("ck_treatment_session_skin_after_plausible"),
        ),
        sa.CheckConstraint(
            "skin_temp_before_c IS NULL OR (skin_temp_before_c BETWEEN -5 AND 40)",
            name=op.f("ck_treatment_session_skin_before_plausible"),
        ),
        sa.CheckConstraint(
            "spo2_post IS NULL OR (spo2_post BETWEEN 70 AND 100)",
            name=op.f("ck_treatment_session_spo2_post_plausible"),
        ),
        sa.CheckConstraint(
            "spo2_pre IS NULL OR (spo2_pre BETWEEN 70 AND 100)",
            name=op.f("ck_treatment_session_spo2_pre_plausible"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_treatment_session_course_id_course"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_treatment_session_patient_id_patient"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treatment_session")),
    )
    with op.batch_alter_table("treatment_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_treatment_session_course_id"), ["course_id"], unique=False
        )
        batch_op.create_index("ix_treatment_session_day", ["session_date"], unique=False)
        batch_op.create_index(
            "ix_treatment_session_patient_day", ["patient_id", "session_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_treatment_session_patient_id"), ["patient_id"], unique=False
        )

    op.create_table(
        "adverse_event",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("event_type", sa.String(length=30), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("onset_on", sa.Date(), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("device_malfunction", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("archive_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "event_type IN ('erythema', 'paresthesia', 'numbness_over_24h', 'blister_cold_burn', 'frostbite', 'urticaria', 'panniculitis', 'syncope_hypoxia', 'bp_spike', 'nerve_injury')",
            name=op.f("ck_adverse_event_type_known"),
        ),
        sa.CheckConstraint(
            "severity IN ('mild', 'moderate', 'severe')",
            name=op.f("ck_adverse_event_severity_known"),
        ),
        sa.CheckConstraint(
            "resolved_on IS NULL OR resolved_on >= onset_on",
            name=op.f("ck_adverse_event_resolved_after_onset"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_adverse_event_patient_id_patient"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["treatment_session.id"],
            name=op.f("fk_adverse_event_session_id_treatment_session"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adverse_event")),
    )
    with op.batch_alter_table("adverse_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_adverse_event_patient_id"), ["patient_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_adverse_event_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "session_area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("site", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("area_dm2", sa.Float(), nullable=True),
        sa.Column("passes", sa.Integer(), nullable=True),
        sa.Column("exposure_s", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('area', 'spot', 'patch')", name=op.f("ck_session_area_kind_known")
        ),
        sa.CheckConstraint(
            "area_dm2 IS NULL OR (area_dm2 BETWEEN 0.01 AND 100)",
            name=op.f("ck_session_area_area_plausible"),
        ),
        sa.CheckConstraint(
            "exposure_s IS NULL OR (exposure_s BETWEEN 1 AND 7200)",
            name=op.f("ck_session_area_exposure_plausible"),
        ),
        sa.CheckConstraint(
            "passes IS NULL OR (passes BETWEEN 1 AND 50)",
            name=op.f("ck_session_area_passes_plausible"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["treatment_session.id"],
            name=op.f("fk_session_area_session_id_treatment_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_area")),
    )
    with op.batch_alter_table("session_area", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_area_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "session_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=60), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "level <> 'hard_stop' OR length(override_reason) > 0",
            name=op.f("ck_session_finding_hard_stop_overridden"),
        ),
        sa.CheckConstraint(
            "level IN ('hard_stop', 'warning', 'info')", name=op.f("ck_session_finding_level_known")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["treatment_session.id"],
            name=op.f("fk_session_finding_session_id_treatment_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_finding")),
    )
    with op.batch_alter_table("session_finding", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_finding_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "session_pain_zone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("zone", sa.String(length=200), nullable=False),
        sa.Column("nrs_pre", sa.Integer(), nullable=True),
        sa.Column("nrs_post", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "nrs_post IS NULL OR (nrs_post BETWEEN 0 AND 10)",
            name=op.f("ck_session_pain_zone_nrs_post_plausible"),
        ),
        sa.CheckConstraint(
            "nrs_pre IS NULL OR (nrs_pre BETWEEN 0 AND 10)",
            name=op.f("ck_session_pain_zone_nrs_pre_plausible"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["treatment_session.id"],
            name=op.f("fk_session_pain_zone_session_id_treatment_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_pain_zone")),
    )
    with op.batch_alter_table("session_pain_zone", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_pain_zone_session_id"), ["session_id"], unique=False
        )
    op.execute(
        sa.text(
            "INSERT INTO practice (id, name, address, phone, practitioner, updated_at)"
            " VALUES (1, '', '', '', '', CURRENT_TIMESTAMP)"
        )
    )
    create_audit_guards()


def downgrade() -> None:
    drop_audit_guards()
    with op.batch_alter_table("session_pain_zone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_pain_zone_session_id"))

    op.drop_table("session_pain_zone")
    with op.batch_alter_table("session_finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_finding_session_id"))

    op.drop_table("session_finding")
    with op.batch_alter_table("session_area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_area_session_id"))

    op.drop_table("session_area")
    with op.batch_alter_table("adverse_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_adverse_event_session_id"))
        batch_op.drop_index(batch_op.f("ix_adverse_event_patient_id"))

    op.drop_table("adverse_event")
    with op.batch_alter_table("treatment_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treatment_session_patient_id"))
        batch_op.drop_index("ix_treatment_session_patient_day")
        batch_op.drop_index("ix_treatment_session_day")
        batch_op.drop_index(batch_op.f("ix_treatment_session_course_id"))

    op.drop_table("treatment_session")
    op.drop_table("screening_answer")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_patient_id"))
        batch_op.drop_index(batch_op.f("ix_assessment_course_id"))

    op.drop_table("assessment")
    with op.batch_alter_table("screening", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screening_patient_id"))

    op.drop_table("screening")
    with op.batch_alter_table("patient_name_token", schema=None) as batch_op:
        batch_op.drop_index("ix_patient_name_token_token")

    op.drop_table("patient_name_token")
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_patient_id"))

    op.drop_table("course")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_patient_id"))

    op.drop_table("consent")
    with op.batch_alter_table("cold_test", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cold_test_patient_id"))

    op.drop_table("cold_test")
    with op.batch_alter_table("clearance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clearance_patient_id"))

    op.drop_table("clearance")
    op.drop_table("practice")
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.drop_index("ix_patient_search_name")
        batch_op.drop_index("ix_patient_phone_digits_rev")
        batch_op.drop_index("ix_patient_phone_digits")
        batch_op.drop_index("ix_patient_birth_date")

    op.drop_table("patient")
    op.drop_table("clinical_threshold")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_patient")
        batch_op.drop_index("ix_audit_log_entity")

    op.drop_table("audit_log")
