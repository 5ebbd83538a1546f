"""A leaner file: times of a whole second stored without their fraction, and the index on
the sessions' state without the signed sessions.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02

SQLite keeps a time as text. Until now it was always ``YYYY-MM-DD HH:MM:SS.ffffff`` (26
characters); from here the fraction is written only when the time has one
(``audit_plain.stored_time``), so a time of a whole second takes 19. The value is the same
instant: every reader parses both forms (``datetime.fromisoformat``), the audit trail's
canonical form of a time is unchanged (``audit_plain.plain_datetime``: always six digits),
and the forms sort as their instants do. This step rewrites the times already stored in
the records' tables (``.000000`` dropped), so one instant has one form in a file and an
equality or a boundary compares right. The audit tables keep their rows as they were
(their triggers forbid changes; nothing compares their times). PostgreSQL stores its own
timestamp type: nothing to do there.

The index on the sessions' state keeps only the sessions not signed yet (``WHERE state <>
'signed'``, on both backends): it answers "not signed yet" (Today's sessions to complete),
and the signed ones, nearly every session of a practice, made up nearly all of it. The
queries that want it state that condition (SQLite uses a partial index only then).

The records' states, and so their hashes, do not change (their times' canonical form is
the same); the step still ends with an audit checkpoint, as every step that rewrites
audited columns does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.audit_checkpoint import migration_checkpoint

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

STATE_INDEX = "ix_treatment_session_state"
NOT_SIGNED = "state <> 'signed'"
KEPT = frozenset({"audit_log", "audit_content", "audit_salt"})
"""Append-only: their rows stay exactly as they were written."""


def time_columns(bind: sa.engine.Connection) -> dict[str, list[str]]:
    """Every table's DATETIME columns, the audit tables' left out."""
    found: dict[str, list[str]] = {}
    tables = bind.execute(
        sa.text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    )
    for (table,) in tables.all():
        if table in KEPT:
            continue
        columns = bind.execute(sa.text(f"SELECT name, type FROM pragma_table_info('{table}')"))
        names = [str(name) for name, kind in columns if str(kind).upper() == "DATETIME"]
        if names:
            found[str(table)] = names
    return found


def _rewrite(table: str, columns: list[str], *, shorten: bool) -> None:
    """One pass over ``table``: every whole-second time of its ``columns`` to the short
    form (``shorten``) or back to six digits of fraction."""
    if shorten:  # '… 09:30:00.000000' -> '… 09:30:00'
        test = "typeof({c}) = 'text' AND length({c}) = 26 AND substr({c}, 20) = '.000000'"
        value = "substr({c}, 1, 19)"
    else:  # and back, for an older cryolog
        test = "typeof({c}) = 'text' AND length({c}) = 19"
        value = "{c} || '.000000'"
    quoted = [f'"{c}"' for c in columns]
    sets = ", ".join(
        f"{q} = CASE WHEN {test.format(c=q)} THEN {value.format(c=q)} ELSE {q} END" for q in quoted
    )
    where = " OR ".join(f"({test.format(c=q)})" for q in quoted)
    op.execute(sa.text(f'UPDATE "{table}" SET {sets} WHERE {where}'))


def _state_index(where: str | None) -> None:
    op.drop_index(STATE_INDEX, table_name="treatment_session", if_exists=True)
    condition = None if where is None else sa.text(where)
    op.create_index(
        STATE_INDEX,
        "treatment_session",
        ["state"],
        sqlite_where=condition,
        postgresql_where=condition,
    )


def upgrade() -> None:
    bind = op.get_bind()
    _state_index(NOT_SIGNED)
    if bind.dialect.name != "sqlite":
        return
    for table, columns in time_columns(bind).items():
        _rewrite(table, columns, shorten=True)
    migration_checkpoint("times of a whole second stored without their fraction")


def downgrade() -> None:
    bind = op.get_bind()
    _state_index(None)
    if bind.dialect.name != "sqlite":
        return
    for table, columns in time_columns(bind).items():
        _rewrite(table, columns, shorten=False)
