"""Facts of one consistent read of a database: schema revision, rows per table, audit head.

A backup records them from the source inside the same read transaction that copies it,
and its check recomputes them on the copy: equal facts mean nothing was lost on the way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from cryolog.db.chain_head import AUDIT_TABLE, ChainHead, chain_head
from cryolog.db.revisions import VERSION_TABLE

PATIENT_TABLE = "patient"
SESSION_TABLE = "treatment_session"


@dataclass(frozen=True)
class Facts:
    revision: str | None
    counts: dict[str, int] = field(default_factory=dict)
    head: ChainHead | None = None

    @property
    def patients(self) -> int:
        return self.counts.get(PATIENT_TABLE, 0)

    @property
    def sessions(self) -> int:
        return self.counts.get(SESSION_TABLE, 0)

    @property
    def changes(self) -> int:
        """Audit entries: every change of clinical data writes one."""
        return self.counts.get(AUDIT_TABLE, 0)

    def fingerprint(self) -> str:
        """Equal for two reads with nothing changed between them."""
        data = {
            "revision": self.revision,
            "counts": self.counts,
            "head": None if self.head is None else self.head.as_json(),
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def user_tables(conn: Any) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows if r[0] != VERSION_TABLE]


def read_facts(conn: Any) -> Facts:
    """The facts, read on ``conn`` (inside the caller's transaction, if one is open)."""
    tables = user_tables(conn)
    revision: str | None = None
    has_version = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
    ).fetchone()
    if has_version is not None:
        row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
        revision = None if row is None or row[0] is None else str(row[0])
    counts = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}
    head = chain_head(conn) if AUDIT_TABLE in tables else None
    return Facts(revision, counts, head)
