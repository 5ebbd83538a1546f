"""The note a restore leaves beside the database while it runs, and what the next open
does with it.

A restore changes two files: the database (renamed over in one step) and its anchor
(``db.audit_anchor``), and no step changes both at once. A restore killed between the two
would leave an anchor that does not name the file's chain (a false tamper alarm that nobody
could tell from a cut trail), so before the database is touched the restore writes
``<database>.restoring`` (durably): the chain head of the backup it puts in place and the
anchor as it was. It removes the note once the anchor names the restored head.

The next open (``finish_interrupted_restore``, before anything is read or written) looks at
the file: when its chain head is the backup's, the swap happened and the anchor is written
from the note (the restore is completed); otherwise the old file is still there and the
anchor is put back exactly as it was (the restore is undone, the backup can be restored
again). Either way the note is then removed, so the file and its anchor agree again.

The note is no way around the anchor: it can only set the anchor to the file's own head or
to what it was, which someone able to write the note could as well write to the anchor.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cryolog.db.chain_head import ChainHead
from cryolog.db.files import fsync_dir, read_small_file, write_private_bytes

if TYPE_CHECKING:
    from cryolog.db.backends.sqlite_file import SqliteFileBackend

log = logging.getLogger(__name__)

INTENT_SUFFIX = ".restoring"
INTENT_FORMAT = 1
_MAX_BYTES = 64 * 1024

Settled = Literal["completed", "undone"]


class IntentUnreadable(Exception):
    """The note exists but is not one (damaged or replaced)."""


@dataclass(frozen=True)
class RestoreIntent:
    source: str
    """The backup being restored (for the log and the practitioner)."""
    head: ChainHead | None
    """The restored copy's chain head (None: a backup from before the chain)."""
    anchor_before: bytes | None
    """The anchor file's bytes before the restore (None: there was none)."""


def intent_path(database: Path) -> Path:
    return database.with_name(database.name + INTENT_SUFFIX)


def write_intent(database: Path, intent: RestoreIntent) -> None:
    """Write the note atomically, privately and durably (before the database is touched)."""
    body = {
        "format": INTENT_FORMAT,
        "source": intent.source,
        "head": None if intent.head is None else intent.head.as_json(),
        "anchor_before": None if intent.anchor_before is None else intent.anchor_before.hex(),
    }
    path = intent_path(database)
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    write_private_bytes(path, json.dumps(body).encode("utf-8"), make_folders=False, temporary=temp)


def read_intent(database: Path) -> RestoreIntent | None:
    """The note beside ``database``; None when there is none; IntentUnreadable."""
    path = intent_path(database)
    try:
        raw = read_small_file(path, _MAX_BYTES)
    except OSError as exc:
        raise IntentUnreadable(f"{path} cannot be read: {exc.strerror}") from exc
    if raw is None:
        return None
    try:
        if len(raw) > _MAX_BYTES:
            raise ValueError("too large")
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != INTENT_FORMAT or not isinstance(data["source"], str):
            raise ValueError("unknown format")
        head = ChainHead.from_json(data["head"])
        if head is None and data["head"] is not None:
            raise ValueError("bad head")
        before = data["anchor_before"]
        anchor_before = None if before is None else bytes.fromhex(before)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError) as exc:
        raise IntentUnreadable(f"{path} is not a note of a cryolog restore ({exc})") from exc
    return RestoreIntent(data["source"], head, anchor_before)


def anchor_bytes(database: Path) -> bytes | None:
    """The anchor file's bytes as they are (None: no anchor), kept to be put back."""
    from cryolog.db.audit_anchor import anchor_path

    try:
        return anchor_path(database).read_bytes()
    except FileNotFoundError:
        return None


def clear_intent(database: Path) -> None:
    intent_path(database).unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # some systems cannot open a folder
        fsync_dir(database.parent)


def settle_intent(database: Path, intent: RestoreIntent, file_head: object) -> Settled:
    """Make the anchor agree with the file: the restored head when the file is the restored
    copy (its head is the note's), else the anchor as it was; then remove the note.
    ``file_head`` is the file's chain head, or anything else when it could not be read."""
    from cryolog.db.audit_anchor import anchor_path, write_anchor

    anchor = anchor_path(database)
    if file_head == intent.head:
        if intent.head is None:
            anchor.unlink(missing_ok=True)
        else:
            write_anchor(database, intent.head.as_chain())
        settled: Settled = "completed"
    else:
        if intent.anchor_before is None:
            anchor.unlink(missing_ok=True)
        else:
            temp = anchor.with_name(f".{anchor.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
            write_private_bytes(anchor, intent.anchor_before, make_folders=False, temporary=temp)
        settled = "undone"
    clear_intent(database)
    return settled


_UNREAD = object()
"""The file's head when the file could not be read (not the restored copy, then)."""


def _file_head(backend: SqliteFileBackend) -> object:
    import sqlite3

    from cryolog.db.chain_head import chain_head
    from cryolog.db.errors import DatabaseProblem

    if not backend.file.is_file() or backend.file.stat().st_size == 0:
        return _UNREAD
    try:
        conn = backend.connect_copy(backend.file)
        try:
            return chain_head(conn)
        finally:
            conn.close()
    except (sqlite3.Error, DatabaseProblem) as exc:  # a damaged file: the old one
        log.info("could not read the chain head of %s: %s", backend.file, exc)
        return _UNREAD


def holds_entry(backend: SqliteFileBackend, head: ChainHead | None) -> bool:
    """Does the file hold the entry ``head`` names, with that hash (False when it cannot
    be read)? Then an anchor naming it agrees with this file as well as with the restored
    copy, and may be written before the swap."""
    import sqlite3

    from cryolog.db.chain_head import AUDIT_TABLE
    from cryolog.db.errors import DatabaseProblem

    if head is None or not backend.file.is_file() or backend.file.stat().st_size == 0:
        return False
    try:
        conn = backend.connect_copy(backend.file)
        try:
            row = conn.execute(
                f"SELECT entry_hash FROM {AUDIT_TABLE} WHERE id = ?", (head.id,)
            ).fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, DatabaseProblem):
        return False
    return row is not None and row[0] is not None and bytes(row[0]).hex() == head.hash


def finish_interrupted_restore(backend: SqliteFileBackend) -> Settled | None:
    """At open (and before a restore), settle a restore that was interrupted: what was done
    (None: there was none, or its note cannot be used). The file must not be open
    elsewhere (a restore runs, and its note is settled, with the file closed by others)."""
    database = backend.file
    try:
        intent = read_intent(database)
    except IntentUnreadable as exc:
        log.warning("restore note left as found: %s", exc)
        return None
    if intent is None:
        return None
    try:
        settled = settle_intent(database, intent, _file_head(backend))
    except OSError as exc:
        log.warning("could not settle the interrupted restore of %s: %s", database, exc)
        return None
    log.warning("a restore of %s from %s was interrupted: %s", database, intent.source, settled)
    return settled
