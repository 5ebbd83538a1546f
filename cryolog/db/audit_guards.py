"""The triggers that keep the audit tables append-only inside an SQLite file.

No UPDATE and no DELETE on ``audit_log``, ``audit_content`` and ``audit_salt``, with one
exception each, for an erasure on request: once a patient's salt is blanked, the content
records of their entries and the before/after JSON of their audit rows from before the
chain may be blanked too. ``cryolog verify`` checks that every trigger is present with
exactly this text (someone with the file can drop triggers; the verification says so).
"""

from __future__ import annotations

MESSAGE = "the audit trail is append-only"
_RAISE = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"

_SALT_ERASED = (
    "EXISTS (SELECT 1 FROM audit_salt s WHERE s.patient_id = {patient} AND s.salt IS NULL)"
)

_KEPT = (
    "id", "at", "actor", "action", "entity", "entity_id", "patient_id", "reason",
    "row_hash", "before_hash", "content_hash", "entry_hash",
)  # fmt: skip
_LEGACY_BLANKING = " AND ".join(
    (
        "OLD.entry_hash IS NULL",
        *(f"NEW.{c} IS OLD.{c}" for c in _KEPT),
        "NEW.before_json IS NULL",
        "NEW.after_json IS NULL",
        _SALT_ERASED.format(patient="OLD.patient_id"),
    )
)
_CONTENT_BLANKING = " AND ".join(
    (
        "NEW.entry_id = OLD.entry_id",
        "NEW.content IS NULL",
        "NEW.erased_at IS NOT NULL",
        "EXISTS (SELECT 1 FROM audit_log a JOIN audit_salt s ON s.patient_id = a.patient_id"
        " WHERE a.id = OLD.entry_id AND s.salt IS NULL)",
    )
)
_SALT_ERASING = " AND ".join(
    (
        "NEW.patient_id = OLD.patient_id",
        "NEW.salt IS NULL",
        "NEW.erased_at IS NOT NULL",
        "NEW.legacy_hash IS OLD.legacy_hash",
    )
)

SQLITE_TRIGGERS: dict[str, str] = {
    "audit_log_no_delete": (
        f"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log {_RAISE}"
    ),
    "audit_log_no_update": (
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
        f" WHEN NOT ({_LEGACY_BLANKING}) {_RAISE}"
    ),
    "audit_content_no_delete": (
        f"CREATE TRIGGER audit_content_no_delete BEFORE DELETE ON audit_content {_RAISE}"
    ),
    "audit_content_no_update": (
        "CREATE TRIGGER audit_content_no_update BEFORE UPDATE ON audit_content"
        f" WHEN NOT ({_CONTENT_BLANKING}) {_RAISE}"
    ),
    "audit_salt_no_delete": (
        f"CREATE TRIGGER audit_salt_no_delete BEFORE DELETE ON audit_salt {_RAISE}"
    ),
    "audit_salt_no_update": (
        "CREATE TRIGGER audit_salt_no_update BEFORE UPDATE ON audit_salt"
        f" WHEN NOT ({_SALT_ERASING}) {_RAISE}"
    ),
}
"""Every audit trigger of an SQLite file at the head revision, by name."""

ADDED_BY_CHAIN = tuple(name for name in SQLITE_TRIGGERS if name != "audit_log_no_delete")
"""The triggers the chain's migration creates (``audit_log_no_update`` replaces the one
of the first schema, which refused every update)."""


def same_sql(stored: str | None, expected: str) -> bool:
    """Whether a trigger's stored text is the expected one (whitespace aside)."""
    return stored is not None and " ".join(stored.split()) == " ".join(expected.split())
