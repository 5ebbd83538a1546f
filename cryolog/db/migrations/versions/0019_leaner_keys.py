"""A leaner file: two indexes another index already answers dropped, and four tables whose
primary key is the whole of their identity stored without a rowid.

Revision ID: 0019
Revises: 0016
Create Date: 2026-12-01

- ``ix_treatment_session_patient_id`` and ``ix_appointment_patient_id`` index ``patient_id``
  alone, where ``ix_treatment_session_patient_day`` and ``ix_appointment_patient_day``
  begin with it: every lookup by patient (the record, the erasure, the foreign key's check
  when a patient row is removed) is answered by the longer index. Dropped on both backends.
- ``screening_answer``, ``staff_minute``, ``patient_phone_key`` and ``appointment_seat`` are
  found only by their primary key and no table refers to them: on SQLite each is rebuilt
  ``WITHOUT ROWID`` (the table is its key's B-tree, with no second copy of the key in an
  automatic index), keeping every row, column, constraint and index. PostgreSQL has no
  rowid: nothing to do there.

No column of an audited record changes and every row is kept as it was, so the records'
states (and their hashes) are the same: no audit checkpoint is needed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

REDUNDANT = (
    ("ix_treatment_session_patient_id", "treatment_session"),
    ("ix_appointment_patient_id", "appointment"),
)
KEYED_TABLES = ("screening_answer", "staff_minute", "patient_phone_key", "appointment_seat")
SUFFIX = " WITHOUT ROWID"


def _sqlite() -> bool:
    return bool(op.get_bind().dialect.name == "sqlite")


def _rebuild(table: str, *, rowid: bool) -> None:
    """Rebuild ``table`` with or without a rowid: same definition, rows and indexes."""
    bind = op.get_bind()
    (create,) = bind.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table}
    ).one()
    create = str(create).rstrip().rstrip(";")
    if create.upper().endswith(SUFFIX) != rowid:
        return  # already as wanted (a file made by a newer cryolog and taken back)
    create = create[: -len(SUFFIX)] if rowid else create + SUFFIX
    indexes = [
        str(sql)
        for (sql,) in bind.execute(
            sa.text(
                "SELECT sql FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
            ),
            {"t": table},
        )
    ]
    old = f"{table}_before_0019"
    op.execute(sa.text(f"ALTER TABLE {table} RENAME TO {old}"))
    op.execute(sa.text(create))
    op.execute(sa.text(f"INSERT INTO {table} SELECT * FROM {old}"))
    op.execute(sa.text(f"DROP TABLE {old}"))
    for sql in indexes:
        op.execute(sa.text(sql))


def upgrade() -> None:
    for name, table in REDUNDANT:
        op.drop_index(name, table_name=table, if_exists=True)
    if _sqlite():
        for table in KEYED_TABLES:
            _rebuild(table, rowid=False)


def downgrade() -> None:
    if _sqlite():
        for table in KEYED_TABLES:
            _rebuild(table, rowid=True)
    for name, table in REDUNDANT:
        op.create_index(name, table, ["patient_id"], if_not_exists=True)
