"""The head of the audit trail: what a backup's manifest records and its check compares.

Until the audit trail is a hash chain, its head is the newest audit row's id with the
SHA-256 of that row's columns (canonical JSON, sorted by column name). This one function is
what both the manifest and the verification use, so the chain's own head can replace it
here without touching either.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

AUDIT_TABLE = "audit_log"


@dataclass(frozen=True)
class ChainHead:
    id: int
    hash: str

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "hash": self.hash}

    @classmethod
    def from_json(cls, data: object) -> ChainHead | None:
        if not isinstance(data, dict):
            return None
        ident, digest = data.get("id"), data.get("hash")
        if isinstance(ident, int) and isinstance(digest, str):
            return cls(ident, digest)
        return None


def _plain(value: object) -> object:
    if isinstance(value, bytes):
        return value.hex()
    return value


def chain_head(conn: Any) -> ChainHead | None:
    """The audit trail's head read on DB-API connection ``conn`` (None: no entries yet)."""
    cursor = conn.execute(f"SELECT * FROM {AUDIT_TABLE} ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        return None
    names = [column[0] for column in cursor.description]
    record = dict(zip(names, (_plain(v) for v in row), strict=True))
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return ChainHead(int(record["id"]), hashlib.sha256(canonical.encode()).hexdigest())
