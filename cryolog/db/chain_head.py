"""The head of the audit trail as a backup's manifest records it and its check compares.

The head is the hash chain's newest entry (``db.audit_chain.chain_head``): its id and its
entry hash (hex). A file from before the chain (a pre-migration copy of an old file) has
no head. This one function is what both the manifest and the verification use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryolog.db import audit_chain

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

    def as_chain(self) -> audit_chain.ChainHead:
        """The head as the anchor writer takes it."""
        return audit_chain.ChainHead(self.id, bytes.fromhex(self.hash))


def _chained(conn: Any) -> bool:
    columns = conn.execute(f"PRAGMA table_info({AUDIT_TABLE})").fetchall()
    return any(column[1] == "entry_hash" for column in columns)


def chain_head(conn: Any) -> ChainHead | None:
    """The audit chain's head read on DB-API (sqlite3) connection ``conn`` (None: no
    chained entries, or a file from before the chain)."""
    if not _chained(conn):
        return None
    head = audit_chain.chain_head(conn)
    return None if head is None else ChainHead(head.entry_id, head.entry_hash.hex())
