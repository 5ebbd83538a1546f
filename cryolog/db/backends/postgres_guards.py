"""The triggers that keep the audit tables append-only on a PostgreSQL server.

The same rules as an SQLite file's (``cryolog.db.audit_guards``), as PL/pgSQL trigger
functions: no UPDATE, DELETE or TRUNCATE on ``audit_log``, ``audit_content`` and
``audit_salt``, with one exception each for an erasure on request (once a patient's salt
is blanked, their content records and the before/after JSON of their audit rows from
before the chain may be blanked too). ``cryolog verify --db URL`` checks that every
trigger is there, enabled, and runs exactly the function written here.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryolog.db.audit_guards import MESSAGE

_SALT_ERASED = (
    "EXISTS (SELECT 1 FROM audit_salt s WHERE s.patient_id = {patient} AND s.salt IS NULL)"
)
_KEPT = (
    "id", "at", "actor", "action", "entity", "entity_id", "patient_id", "reason",
    "row_hash", "before_hash", "content_hash", "entry_hash",
)  # fmt: skip


def _same(column: str) -> str:
    return f"NEW.{column} IS NOT DISTINCT FROM OLD.{column}"


_ALLOWED = {
    "audit_log": " AND ".join(
        (
            "OLD.entry_hash IS NULL",
            *(_same(c) for c in _KEPT),
            "NEW.before_json IS NULL",
            "NEW.after_json IS NULL",
            _SALT_ERASED.format(patient="OLD.patient_id"),
        )
    ),
    "audit_content": " AND ".join(
        (
            _same("entry_id"),
            "NEW.content IS NULL",
            "NEW.erased_at IS NOT NULL",
            "EXISTS (SELECT 1 FROM audit_log a JOIN audit_salt s ON s.patient_id = a.patient_id"
            " WHERE a.id = OLD.entry_id AND s.salt IS NULL)",
        )
    ),
    "audit_salt": " AND ".join(
        (
            _same("patient_id"),
            "NEW.salt IS NULL",
            "NEW.erased_at IS NOT NULL",
            _same("legacy_hash"),
        )
    ),
}
"""The one UPDATE each audit table allows (an erasure on request)."""

APPEND_ONLY_FUNCTION = "audit_log_append_only"
"""The first schema's function: refuses whatever fires it (here: TRUNCATE)."""


@dataclass(frozen=True)
class Guard:
    trigger: str
    table: str
    function: str
    events: str
    level: str  # ROW or STATEMENT


def _row_function(table: str) -> str:
    return f"{table}_guard"


def function_body(table: str) -> str:
    """The body of the row guard of ``table`` (what pg_proc.prosrc holds)."""
    return (
        f" BEGIN IF TG_OP = 'UPDATE' AND ({_ALLOWED[table]}) THEN RETURN NEW; END IF;"
        f" RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation'; END "
    )


APPEND_ONLY_BODY = f" BEGIN RAISE EXCEPTION '{MESSAGE}'; END "

GUARDS: tuple[Guard, ...] = tuple(
    guard
    for table in _ALLOWED
    for guard in (
        Guard(f"{table}_no_change", table, _row_function(table), "UPDATE OR DELETE", "ROW"),
        Guard(f"{table}_no_truncate", table, APPEND_ONLY_FUNCTION, "TRUNCATE", "STATEMENT"),
    )
)
"""Every audit trigger of a server database at the head revision."""


def create_statements() -> list[str]:
    """Replace the first schema's guards (which refused every UPDATE) with these."""
    statements = [
        "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
        "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
        f"CREATE OR REPLACE FUNCTION {APPEND_ONLY_FUNCTION}() RETURNS trigger"
        f" LANGUAGE plpgsql AS $${APPEND_ONLY_BODY}$$",
    ]
    for table in _ALLOWED:
        statements.append(
            f"CREATE OR REPLACE FUNCTION {_row_function(table)}() RETURNS trigger"
            f" LANGUAGE plpgsql AS $${function_body(table)}$$"
        )
    for guard in GUARDS:
        statements.append(
            f"CREATE TRIGGER {guard.trigger} BEFORE {guard.events} ON {guard.table}"
            f" FOR EACH {guard.level} EXECUTE FUNCTION {guard.function}()"
        )
    return statements


def drop_statements() -> list[str]:
    """Back to the first schema's guards (every UPDATE and DELETE on audit_log refused)."""
    statements = [f"DROP TRIGGER IF EXISTS {g.trigger} ON {g.table}" for g in GUARDS]
    statements += [f"DROP FUNCTION IF EXISTS {_row_function(t)}()" for t in _ALLOWED]
    statements += [
        "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log"
        f" FOR EACH ROW EXECUTE FUNCTION {APPEND_ONLY_FUNCTION}()",
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {APPEND_ONLY_FUNCTION}()",
    ]
    return statements


TRIGGERS_SQL = (
    "SELECT t.tgname, c.relname, p.proname, p.prosrc, t.tgenabled"
    " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
    " JOIN pg_proc p ON p.oid = t.tgfoid"
    " WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"
)


def expected_bodies() -> dict[str, str]:
    """Each guard function's body, by function name."""
    bodies = {_row_function(t): function_body(t) for t in _ALLOWED}
    bodies[APPEND_ONLY_FUNCTION] = APPEND_ONLY_BODY
    return bodies
