"""Times stored on SQLite as integers: the microseconds since 1970-01-01 UTC.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02

SQLite kept a time as text, ``YYYY-MM-DD HH:MM:SS`` and ``.ffffff`` when it had a fraction
(19 or 26 characters, revision 0021). From here a time is an integer
(``audit_plain.stored_time``): 8 bytes in the row instead of 19 or 26, with one form per
instant and the integers comparing and sorting as their instants do. The columns keep
their declared type ``DATETIME``, whose numeric affinity stores an integer as an integer
and leaves a text as text, so no table is rebuilt: this step rewrites the values. Every
reader takes both the integer and the older texts (``audit_plain.stored_instant``), and the
audit trail's canonical form of a time is unchanged (``audit_plain.plain_datetime``), so no
state or hash changes.

The records' tables are rewritten here, every time column of every row, so within a
table one instant has one form and a comparison or a boundary bound as an integer finds
it. The audit tables keep their rows as written (their triggers forbid changes; the entries
written from here on store integers, so ``audit_log.at`` holds both forms, which no query
compares or orders by: entries are read in id order). PostgreSQL stores its own timestamp
type: nothing to do there.

The downgrade writes the records' times back as 0021's texts. Entries written to the audit
trail at this revision keep their integer times (audit rows are never rewritten): the
current cryolog reads them, an older one does not.

The step ends with an audit checkpoint, as every step that rewrites audited columns does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cryolog.db.audit_checkpoint import migration_checkpoint

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

KEPT = frozenset({"audit_log", "audit_content", "audit_salt"})
"""Append-only: their rows stay exactly as they were written."""

_TO_INTEGER = (
    "typeof({c}) = 'text' AND (length({c}) = 19 OR (length({c}) = 26"
    " AND substr({c}, 20, 1) = '.')) AND strftime('%s', substr({c}, 1, 19)) IS NOT NULL",
    # whole seconds (exact: a time without a fraction is a whole number of milliseconds
    # for SQLite's own arithmetic, before 1970 too) and the six digits of the fraction
    "CAST(strftime('%s', substr({c}, 1, 19)) AS INTEGER) * 1000000"
    " + CASE WHEN length({c}) = 26 THEN CAST(substr({c}, 21) AS INTEGER) ELSE 0 END",
)
_TO_TEXT = (
    "typeof({c}) = 'integer'",
    # the floor of the seconds and the microseconds left, before 1970 too
    "strftime('%Y-%m-%d %H:%M:%S', ({c} - ((({c} % 1000000) + 1000000) % 1000000)) / 1000000,"
    " 'unixepoch') || CASE WHEN ((({c} % 1000000) + 1000000) % 1000000) = 0 THEN ''"
    " ELSE printf('.%06d', ((({c} % 1000000) + 1000000) % 1000000)) END",
)


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


def indexed_columns(bind: sa.engine.Connection, table: str) -> set[str]:
    """The columns of ``table`` that some index holds."""
    found: set[str] = set()
    indexes = bind.execute(sa.text(f"SELECT name FROM pragma_index_list('{table}')")).all()
    for (index,) in indexes:
        info = bind.execute(sa.text(f"SELECT name FROM pragma_index_info('{index}')"))
        found.update(str(name) for (name,) in info if name is not None)
    return found


def _rewrite(table: str, columns: list[str], form: tuple[str, str]) -> None:
    """One pass over ``table``: every time of ``columns`` whose form is ``form``'s test
    rewritten by its value, the others left as they are."""
    test, value = form
    quoted = [f'"{c}"' for c in columns]
    sets = ", ".join(
        f"{q} = CASE WHEN {test.format(c=q)} THEN {value.format(c=q)} ELSE {q} END" for q in quoted
    )
    where = " OR ".join(f"({test.format(c=q)})" for q in quoted)
    op.execute(sa.text(f'UPDATE "{table}" SET {sets} WHERE {where}'))


def _rewrite_all(bind: sa.engine.Connection, form: tuple[str, str]) -> None:
    for table, columns in time_columns(bind).items():
        # An indexed column gets a pass of its own: an UPDATE rewrites the entries of every
        # index holding a column it sets, and an indexed time (archived_at) is mostly NULL.
        # (No CHECK compares an indexed time with another one, which a row holding both
        # forms between two passes would fail: cold_test's two times are not indexed.)
        indexed = indexed_columns(bind, table)
        for column in [c for c in columns if c in indexed]:
            _rewrite(table, [column], form)
        rest = [c for c in columns if c not in indexed]
        if rest:
            _rewrite(table, rest, form)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    _rewrite_all(bind, _TO_INTEGER)
    migration_checkpoint("times stored as integer microseconds since 1970 UTC")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    _rewrite_all(bind, _TO_TEXT)
