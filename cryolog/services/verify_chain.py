"""Verification, part one: the chain of audit entries, their content records, the anchor.

Streams ``audit_log`` in id order once: every chained entry must name the previous entry's
hash, hash to its own, and have the content record its content hash says it has; its
hashes must have the lengths ``audit_chain`` allows (one width per entry, 16 or 32 bytes,
never wider than the entry before, the first of 16 bytes after 32 a checkpoint). It
collects what the record pass needs (the checkpoints) and what the anchor check needs (the
head, and the hash of the anchored entry).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cryolog.db.audit_chain import (
    ENTRY_COLUMNS,
    WIDTHS,
    ZERO_HASH,
    ChainHead,
    Sql,
    content_hash,
    entry_from_row,
    entry_hash,
    hash_matches,
)
from cryolog.db.audit_checkpoint import CHECKPOINT_ACTION


class VerifyCancelled(Exception):
    """The verification was stopped before it finished (the window closed)."""


Report = Callable[[str, str], None]
"""Record one break: (where, what)."""


@dataclass
class Checkpoint:
    entry_id: int
    content: dict[str, Any]
    width: int = 32
    """The length of its hashes: its bucket lines name row hashes cut to it."""


@dataclass
class ChainResult:
    entries: int = 0
    legacy: int = 0
    head: ChainHead | None = None
    checkpoints: list[Checkpoint] = field(default_factory=list)
    looked_for: dict[int, bytes | None] = field(default_factory=dict)

    @property
    def latest_checkpoint(self) -> Checkpoint | None:
        return self.checkpoints[-1] if self.checkpoints else None


_CHAIN_SQL = (
    f"SELECT {', '.join('a.' + c.strip() for c in ENTRY_COLUMNS.split(','))},"
    " c.entry_id, c.content, c.erased_at"
    " FROM audit_log a LEFT JOIN audit_content c ON c.entry_id = a.id"
    " WHERE a.id > :since ORDER BY a.id"
)


def verify_chain(
    sql: Sql,
    salts: Mapping[int, bytes | None],
    report: Report,
    *,
    since: ChainHead | None = None,
    look_for: int | None = None,
) -> ChainResult:
    """Check every entry after ``since`` (all of them when None: the incremental form is
    for a caller that keeps the last verified head); ``look_for`` is an entry id whose
    stored hash the caller wants (the anchored one)."""
    result = ChainResult()
    previous = since.entry_hash if since is not None else None
    after = since.entry_id if since is not None else 0
    for row in sql(_CHAIN_SQL, {"since": after}):
        entry_id = int(row[0])
        stored = _blob(row[11])
        if look_for == entry_id:
            result.looked_for[entry_id] = stored
        if stored is None:
            if previous is None:
                result.legacy += 1
            else:
                report(f"audit_log {entry_id}", "an entry without hashes after the chain began")
            continue
        result.entries += 1
        _check_entry(row, previous, salts, report, result)
        previous = stored
        result.head = ChainHead(entry_id, stored)
    if result.head is None and since is None:
        report("audit_log", "the audit trail has no hash chain (no genesis entry)")
    return result


def _check_entry(
    row: Any,
    previous: bytes | None,
    salts: Mapping[int, bytes | None],
    report: Report,
    result: ChainResult,
) -> None:
    where = f"audit_log {int(row[0])}"
    try:
        entry = entry_from_row(row)
    except (ValueError, TypeError):
        report(where, "its recorded values cannot be read (the entry was rewritten)")
        return
    own, hashed = _blob(row[11]), _blob(row[10])
    assert own is not None
    _check_widths(where, entry, own, hashed, previous, report)
    if not hash_matches(
        own, entry_hash(ZERO_HASH if previous is None else previous, entry, hashed)
    ):
        report(
            where,
            "does not hash to its recorded hash: it was rewritten, or the entry before it"
            " was removed or rewritten",
        )
    _check_content(row, entry.patient_id, hashed, salts, report)
    if entry.action == CHECKPOINT_ACTION and entry.entity == "audit_log":
        try:
            content = json.loads(row[13]) if row[13] else {}
        except ValueError:
            content = {}
        result.checkpoints.append(Checkpoint(entry.id, content, len(own)))
    elif previous is None:
        report(where, "the chain does not begin with a checkpoint")


def _check_widths(
    where: str,
    entry: Any,
    own: bytes,
    hashed: bytes | None,
    previous: bytes | None,
    report: Report,
) -> None:
    width = len(own)
    if width not in WIDTHS:
        report(where, f"its entry hash is {width} bytes long, not 16 or 32 (cut or rewritten)")
        return
    for name, value in (
        ("row hash", entry.row_hash),
        ("before hash", entry.before_hash),
        ("content hash", hashed),
    ):
        if value is not None and len(value) != width:
            report(
                where,
                f"its {name} is {len(value)} bytes long, its entry hash {width}"
                " (one entry's hashes have one length: cut or rewritten)",
            )
    if previous is None or len(previous) not in WIDTHS or len(previous) == width:
        return
    if width > len(previous):
        report(
            where,
            f"an entry of {width}-byte hashes after one of {len(previous)}"
            " (hashes never grow longer along the trail)",
        )
    elif entry.action != CHECKPOINT_ACTION or entry.entity != "audit_log":
        report(
            where,
            f"the first entry of {width}-byte hashes is not a checkpoint"
            " (the trail's hashes were shortened outside cryolog)",
        )


def _check_content(
    row: Any,
    patient_id: int | None,
    hashed: bytes | None,
    salts: Mapping[int, bytes | None],
    report: Report,
) -> None:
    entry_id, has_row, content, erased_at = int(row[0]), row[12] is not None, row[13], row[14]
    where = f"audit_content {entry_id}"
    if hashed is None:
        if has_row:
            report(where, "a content record for an entry that has none")
        return
    if not has_row:
        report(where, "the entry's content record is missing")
        return
    salt = b"" if patient_id is None else salts.get(patient_id, b"")
    if content is None:
        if erased_at is None or salt is not None:
            report(where, "the content was blanked, but not by an erasure")
        return
    if salt is None:
        report(where, "the content of an erased patient is still present")
        return
    if (
        not isinstance(content, str)
        or not content.isascii()
        or not hash_matches(hashed, content_hash(salt, content))
    ):
        report(where, "the before and after of the change do not match their hash (rewritten)")


def _blob(value: object) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, bytes | memoryview):
        return bytes(value)
    return b"\x00not-a-hash"
