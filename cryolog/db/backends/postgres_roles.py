"""Roles on a clinic's server: the schema's owner, and the practitioners who use it.

The owner role owns the database and its schema: it runs the migrations (and
``cryolog copy``) and is the only one who may alter tables or drop the audit triggers. Each
practitioner signs in as a role of their own, a member of the staff role, which may read
and write the records but not change the schema: the triggers keep the audit tables
append-only for them and they cannot drop or disable them (only a table's owner can).
The audit tables get no DELETE or TRUNCATE at all; their one UPDATE is the blanking of an
erasure on request, which the triggers enforce.

``grant_statements`` is what the README's set-up runs (as the owner, after the first
opening), and what the tests run.
"""

from __future__ import annotations

import re

AUDIT_TABLES = ("audit_log", "audit_content", "audit_salt")
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _checked(role: str) -> str:
    if not _NAME.match(role):
        raise ValueError(f"{role!r} is not a plain role name (lower-case letters, digits, _)")
    return role


def grant_statements(staff: str, owner: str) -> list[str]:
    """The grants that let members of ``staff`` use a database whose schema ``owner`` owns
    (now, and for the tables later migrations add)."""
    staff, owner = _checked(staff), _checked(owner)
    audit = ", ".join(AUDIT_TABLES)
    return [
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {staff}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {staff}",
        f"REVOKE DELETE, TRUNCATE ON {audit} FROM {staff}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {staff}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {staff}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public"
        f" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {staff}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public"
        f" GRANT USAGE, SELECT ON SEQUENCES TO {staff}",
    ]
