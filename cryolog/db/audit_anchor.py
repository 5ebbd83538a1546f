"""The anchor: the chain head kept outside the database file, so a cut-off tail shows.

After every write transaction commits, the newest entry's id and hash are written to
``<database>.anchor`` beside the file (a temporary file, flushed to disk, renamed over the
old one; mode 0600). Someone who deletes the newest records together with their audit
entries leaves a file whose chain still links, but whose anchored entry is gone or
different: ``cryolog verify`` reports it.

The anchor only moves forward along the same chain: when the entry it names is no longer
in the file with that hash, it is left as it is (the evidence stays for ``verify``) and a
warning is logged. A new file, or one that just got its chain, replaces any stale anchor.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryolog.db.audit_chain import HEAD_SQL, WIDTHS, ChainHead
from cryolog.db.errors import DatabaseProblem
from cryolog.db.files import read_small_file, write_private_bytes

log = logging.getLogger(__name__)

ANCHOR_SUFFIX = ".anchor"
ANCHOR_FORMAT = 1
_STALE_TEMP_S = 60.0
_MAX_BYTES = 4096

Rows = Callable[[str, Mapping[str, object]], list[Sequence[Any]]]
"""A plain read: SQL with ``:name`` parameters → its rows (``Database.rows``)."""


class AnchorUnreadable(Exception):
    """The anchor file exists but is not an anchor (damaged or replaced)."""


@dataclass(frozen=True)
class Anchor:
    head: ChainHead
    path: Path


def anchor_path(database: Path) -> Path:
    return database.with_name(database.name + ANCHOR_SUFFIX)


def read_anchor(database: Path) -> Anchor | None:
    """The anchor beside ``database``; None when there is none; AnchorUnreadable."""
    path = anchor_path(database)
    try:
        raw = read_small_file(path, _MAX_BYTES)
    except OSError as exc:
        raise AnchorUnreadable(f"{path} cannot be read: {exc.strerror}") from exc
    if raw is None:
        return None
    try:
        if len(raw) > _MAX_BYTES:
            raise ValueError("too large")
        data = json.loads(raw.decode("ascii"))
        if data.get("format") != ANCHOR_FORMAT:
            raise ValueError("unknown format")
        entry_id = data["entry_id"]
        digest = bytes.fromhex(data["entry_hash"])
        if not isinstance(entry_id, int) or isinstance(entry_id, bool) or len(digest) not in WIDTHS:
            raise ValueError("bad fields")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError) as exc:
        raise AnchorUnreadable(f"{path} is not a cryolog anchor ({exc})") from exc
    return Anchor(ChainHead(entry_id, digest), path)


def write_anchor(database: Path, head: ChainHead) -> None:
    """Write the anchor atomically and privately (``db.files``: temporary, fsync, rename)."""
    path = anchor_path(database)
    body = json.dumps(
        {"format": ANCHOR_FORMAT, "entry_id": head.entry_id, "entry_hash": head.entry_hash.hex()}
    ).encode("ascii")
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    write_private_bytes(path, body, make_folders=False, temporary=temp)


def clear_stale_temps(database: Path) -> None:
    """Remove temporaries a killed writer left behind (older than a minute)."""
    path = anchor_path(database)
    cutoff = time.time() - _STALE_TEMP_S
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


def _head(rows: Rows) -> ChainHead | None:
    for row in rows(HEAD_SQL, {}):
        return ChainHead(int(row[0]), bytes(row[1]))
    return None


def _holds(rows: Rows, head: ChainHead) -> bool:
    found = rows("SELECT entry_hash FROM audit_log WHERE id = :id", {"id": head.entry_id})
    return bool(found) and found[0][0] is not None and bytes(found[0][0]) == head.entry_hash


def plan_anchor(database: Path, rows: Rows, *, replace: bool = False) -> ChainHead | None:
    """The head the anchor should move to (None: leave it as it is). ``rows`` may read
    inside the write transaction; the anchor is written once it committed
    (``write_planned``). ``replace`` overwrites any anchor (a new file, or one whose chain
    was just added). Never raises for a problem with the anchor itself."""
    try:
        head = _head(rows)
        if head is None:
            return None
        current = None if replace else read_anchor(database)
        if current is not None:
            if current.head == head:
                return None
            if current.head.entry_id > head.entry_id or not _holds(rows, current.head):
                log.warning("%s no longer holds its anchored entry; anchor kept", database)
                return None
        return head
    except AnchorUnreadable as exc:
        log.warning("anchor kept as found: %s", exc)
    except (OSError, DatabaseProblem) as exc:
        log.warning("could not read the anchor of %s: %s", database, exc)
    return None


def write_planned(database: Path, head: ChainHead) -> None:
    """Write the planned anchor after the commit; a failure is logged (the records are
    saved already)."""
    try:
        write_anchor(database, head)
        clear_stale_temps(database)
    except OSError as exc:
        log.warning("could not write the anchor of %s: %s", database, exc)


def advance_anchor(database: Path, rows: Rows, *, replace: bool = False) -> ChainHead | None:
    """Move the anchor to the chain head now (after a commit); the head anchored."""
    head = plan_anchor(database, rows, replace=replace)
    if head is not None:
        write_planned(database, head)
    return head
