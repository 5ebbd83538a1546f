"""Languages as data: a ``language`` table instead of a CHECK listing 'en' and 'ru'.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01

A new table, seeded with English, Russian (handouts and the window) and German (handouts
and forms only). ``patient.handout_language`` and ``document.language`` lose their CHECK and
refer to a language instead; on SQLite the two tables are rebuilt (batch mode, on the
migration's connection with foreign keys off, so the rows that refer to them stay). Their
columns and values do not change, so their audited states, and the chain, are untouched;
the language table is reference data, not a clinical record.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

SEEDED = (
    ("en", "English", True, True),
    ("ru", "Русский", True, True),
    ("de", "Deutsch", True, False),
)
OLD_LANGUAGES = ("en", "ru")


def upgrade() -> None:
    language = op.create_table(
        "language",
        sa.Column("code", sa.String(length=5), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("for_handouts", sa.Boolean(), nullable=False),
        sa.Column("for_window", sa.Boolean(), nullable=False),
        sa.CheckConstraint("length(code) BETWEEN 2 AND 5", name=op.f("ck_language_code_length")),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_language_name_present")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_language")),
    )
    op.bulk_insert(
        language,
        [{"code": c, "name": n, "for_handouts": h, "for_window": w} for c, n, h, w in SEEDED],
    )
    with op.batch_alter_table("patient") as batch_op:
        batch_op.drop_constraint("language_known", type_="check")
        batch_op.create_foreign_key(
            op.f("fk_patient_handout_language_language"),
            "language",
            ["handout_language"],
            ["code"],
            ondelete="RESTRICT",
        )
    with op.batch_alter_table("document") as batch_op:
        batch_op.drop_constraint(op.f("ck_document_language_known"), type_="check")
        batch_op.create_foreign_key(
            op.f("fk_document_language_language"),
            "language",
            ["language"],
            ["code"],
            ondelete="RESTRICT",
        )


def downgrade() -> None:
    quoted = ", ".join(f"'{code}'" for code in OLD_LANGUAGES)
    bind = op.get_bind()
    for table, column in (("patient", "handout_language"), ("document", "language")):
        used = bind.execute(
            sa.text(f"SELECT COUNT(*) FROM {table} WHERE {column} NOT IN ({quoted})")
        ).scalar()
        if used:
            raise RuntimeError(
                f"{used} {table} row(s) use a language revision 0012 does not know;"
                " the file cannot go back to it"
            )
    with op.batch_alter_table("document") as batch_op:
        batch_op.drop_constraint(op.f("fk_document_language_language"), type_="foreignkey")
        batch_op.create_check_constraint(
            op.f("ck_document_language_known"), f"language IN ({quoted})"
        )
    with op.batch_alter_table("patient") as batch_op:
        batch_op.drop_constraint(op.f("fk_patient_handout_language_language"), type_="foreignkey")
        batch_op.create_check_constraint("language_known", f"handout_language IN ({quoted})")
    op.drop_table("language")
