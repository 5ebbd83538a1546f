"""Audit entries written from here store 16-byte hashes.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02

Every new audit entry stores the first 16 bytes (128 bits) of each of its SHA-256 hashes
(row, before, content, entry: ``audit_chain.HASH_BYTES``); the entries already written
keep their 32 bytes (audit rows are never rewritten). Nothing in the tables changes: the
step chains an audit checkpoint, so the first entry of 16 bytes after the old ones is a
checkpoint whose bucket lines name 16-byte row hashes. ``cryolog verify`` takes it as the
reference for the records no later entry shows; the old checkpoint could not be checked
any more once a record's first later change records its state before in 16 bytes only.
The revision also keeps an older cryolog, which would take every 16-byte entry for a
break and chain 32-byte entries after it, from opening the file.

The downgrade changes nothing: the 16-byte entries stay as they are (an older cryolog
reports them as breaks; taken further down, 0006's downgrade drops the chain).
"""

from __future__ import annotations

from cryolog.db.audit_checkpoint import migration_checkpoint

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    migration_checkpoint("audit entries store 16-byte hashes from here")


def downgrade() -> None:
    pass
