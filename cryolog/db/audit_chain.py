"""The hash chain of the audit trail: one canonical encoding, entry hashes, the chain head.

An audit entry (a row of ``audit_log`` with its hashes set) is chained::

    entry_hash = SHA-256(prev_hash ‖ canonical(metadata) ‖ content_hash)

``prev_hash`` is the previous entry's ``entry_hash`` as stored (32 zero bytes before the
first entry, the genesis checkpoint). It is not stored a second time in the entry: the
previous entry holds it, and an entry whose predecessor was removed or rewritten no longer
hashes to its own ``entry_hash`` (measured on demo data, a stored copy would add 0.7 KB
per patient, a sixth of the whole audit trail). ``content_hash`` is the hash of the entry's
content record (32 zero bytes when it has none); the metadata are the entry's id, time,
actor, action, entity, entity id, patient id and reason, and the hashes of the changed row
after (``row_hash``) and before (``before_hash``) the change.

Row hashes, before hashes and content hashes of a patient's entries are salted with that
patient's salt (``audit_salt``): ``SHA-256(salt ‖ canonical(state))``. Once an erasure on
request blanks the content and the salt, nothing left in the file can confirm a guessed
personal value, and the chain still verifies, because it chains the hashes, not the values.

The canonical encoding of states and metadata is ``audit_plain``'s (written down there).

Hash lengths. An entry stores its four hashes (row, before, content, entry) cut to the
first ``HASH_BYTES`` = 16 bytes of their SHA-256 (revision 0023); entries written before
keep their 32 bytes (audit rows are never rewritten). The rule ``cryolog verify`` holds a
file to:

- an entry's width is the length of its entry hash, 16 or 32 bytes; each of its other
  hashes that is set has that same length;
- a stored hash of width w is the first w bytes of the SHA-256 it stands for (the entry
  hash of the previous entry's stored hash, the metadata, and the content hash as stored
  or 32 zero bytes); a row hash compares with a record's state, and an earlier entry's row
  hash with a later one's before hash, on the shorter of the two lengths;
- widths never grow along the chain: after an entry of 16 bytes every entry has 16, and
  the first entry of 16 bytes after entries of 32 is a checkpoint (0023's), the reference
  for every record that later entries do not show (its bucket lines name row hashes at the
  checkpoint's own width; see ``audit_checkpoint``).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import Any, Protocol

from cryolog.db.audit_plain import Plain, stored_instant, stored_time, utc_text

DIGEST_BYTES = 32
"""A whole SHA-256, as the entries written before revision 0023 store it."""
HASH_BYTES = 16
"""How much of each SHA-256 a new entry stores."""
WIDTHS = (HASH_BYTES, DIGEST_BYTES)
"""The lengths a stored hash may have."""
ZERO_HASH = bytes(DIGEST_BYTES)
"""Stands for the previous entry before the first, and for the content of an entry with
none (32 zero bytes, whatever the entry's width)."""


class Sql(Protocol):
    """Runs one statement with ``:name`` parameters and gives its rows."""

    def __call__(
        self, sql: str, params: Mapping[str, object] | None = None
    ) -> Iterable[Sequence[Any]]: ...


def bound(params: Mapping[str, object] | None, *, sqlite: bool) -> dict[str, object]:
    """``params`` with every time in the form its backend stores: on SQLite the integer of
    ``stored_time``, on a server the naive UTC time its timestamp columns hold."""
    values = dict(params or {})
    for name, value in values.items():
        if isinstance(value, datetime):
            values[name] = stored_time(value) if sqlite else naive_utc(value)
    return values


def naive_utc(moment: datetime) -> datetime:
    return stored_instant(moment).replace(tzinfo=None)


def runner(conn: Any) -> Sql:
    """An ``Sql`` over a standard-library sqlite3 connection or a SQLAlchemy connection;
    a time among the parameters is bound as the backend stores it (``bound``)."""
    if isinstance(conn, sqlite3.Connection) or getattr(conn, "speaks_sqlite3", False):

        def run_sqlite(
            sql: str, params: Mapping[str, object] | None = None
        ) -> Iterable[Sequence[Any]]:
            rows: Iterable[Sequence[Any]] = conn.execute(sql, bound(params, sqlite=True))
            return rows

        return run_sqlite

    on_sqlite = getattr(getattr(conn, "dialect", None), "name", None) == "sqlite"

    def run_sqlalchemy(
        sql: str, params: Mapping[str, object] | None = None
    ) -> Iterable[Sequence[Any]]:
        values = bound(params, sqlite=on_sqlite)
        rows: Iterable[Sequence[Any]] = conn.execute(_text(sql), values)
        return rows

    return run_sqlalchemy


@lru_cache(maxsize=512)
def _text(sql: str) -> Any:
    """The statement object of ``sql`` (made once: parsing its parameters is most of what
    running a short statement costs)."""
    from sqlalchemy import text

    return text(sql)


_ENCODE = json.JSONEncoder(
    ensure_ascii=True, sort_keys=True, separators=(",", ":"), allow_nan=False
).encode


def canonical(value: Any) -> bytes:
    """The canonical bytes of a value already in plain form (see the module docstring)."""
    return _ENCODE(value).encode("ascii")


def sha256(*parts: bytes) -> bytes:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.digest()


def cut(digest: bytes | None) -> bytes | None:
    """What a new entry stores of ``digest``: its first ``HASH_BYTES`` bytes."""
    return None if digest is None else digest[:HASH_BYTES]


def hash_matches(stored: bytes | None, digest: bytes) -> bool:
    """Whether a stored hash is one of the allowed lengths and that prefix of ``digest``
    (a whole SHA-256 computed now)."""
    return stored is not None and len(stored) in WIDTHS and digest[: len(stored)] == stored


def same_hash(first: bytes | None, second: bytes | None) -> bool:
    """Whether two stored hashes stand for the same SHA-256: both of allowed lengths, the
    shorter a prefix of the longer."""
    if first is None or second is None or len(first) not in WIDTHS or len(second) not in WIDTHS:
        return False
    width = min(len(first), len(second))
    return first[:width] == second[:width]


def state_hash(salt: bytes, state: Any) -> bytes:
    """The hash of a row's state (plain form), salted with its patient's salt (the whole
    SHA-256: an entry stores it ``cut``, a check compares it with ``hash_matches``)."""
    return sha256(salt, canonical(state))


def content_hash(salt: bytes, content: str) -> bytes:
    """The hash of a content record as stored (its canonical text)."""
    return sha256(salt, content.encode("ascii"))


# --- entries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """The chained metadata of one audit entry."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    patient_id: int | None
    reason: str | None
    row_hash: bytes | None
    before_hash: bytes | None

    def metadata(self) -> dict[str, Plain]:
        return {
            "id": str(self.id),
            "at": utc_text(self.at),
            "actor": self.actor,
            "action": self.action,
            "entity": self.entity,
            "entity_id": None if self.entity_id is None else str(self.entity_id),
            "patient_id": None if self.patient_id is None else str(self.patient_id),
            "reason": self.reason,
            "row_hash": None if self.row_hash is None else self.row_hash.hex(),
            "before_hash": None if self.before_hash is None else self.before_hash.hex(),
        }


def entry_hash(prev_hash: bytes, entry: Entry, content: bytes | None) -> bytes:
    """``SHA-256(prev_hash ‖ canonical(metadata) ‖ content_hash)`` (whole: an entry
    stores it ``cut``)."""
    return sha256(prev_hash, canonical(entry.metadata()), content or ZERO_HASH)


def entry_from_row(row: Sequence[Any]) -> Entry:
    """An Entry from the columns ``ENTRY_COLUMNS`` in that order (any driver's values)."""
    return Entry(
        id=int(row[0]),
        at=stored_instant(row[1]),  # an older file's text or the integer (``stored_time``)
        actor=row[2],
        action=row[3],
        entity=row[4],
        entity_id=None if row[5] is None else int(row[5]),
        patient_id=None if row[6] is None else int(row[6]),
        reason=row[7],
        row_hash=_blob(row[8]),
        before_hash=_blob(row[9]),
    )


def _blob(value: object) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, bytes | memoryview):
        return bytes(value)
    raise TypeError(f"a hash column holds {type(value).__name__}")


ENTRY_COLUMNS = (
    "id, at, actor, action, entity, entity_id, patient_id, reason, row_hash, before_hash,"
    " content_hash, entry_hash"
)


# --- the chain head ---------------------------------------------------------------------


@dataclass(frozen=True)
class ChainHead:
    """The newest chained entry: what an anchor or a backup manifest records."""

    entry_id: int
    entry_hash: bytes

    def as_dict(self) -> dict[str, object]:
        return {"entry_id": self.entry_id, "entry_hash": self.entry_hash.hex()}


HEAD_SQL = (
    "SELECT id, entry_hash FROM audit_log WHERE entry_hash IS NOT NULL ORDER BY id DESC LIMIT 1"
)
TOP_ID_SQL = "SELECT max(id) FROM audit_log"


def chain_head(conn: Any) -> ChainHead | None:
    """The chain head of an open database: a sqlite3 connection, a SQLAlchemy connection,
    or an ``Sql``. None when the file has no chain (before the upgrade that adds it)."""
    sql: Sql = conn if _is_sql(conn) else runner(conn)
    for row in sql(HEAD_SQL):
        found = _blob(row[1])
        assert found is not None
        return ChainHead(int(row[0]), found)
    return None


def _is_sql(conn: object) -> bool:
    return callable(conn) and not hasattr(conn, "execute")


def next_entry_id(sql: Sql) -> int:
    """The id the next entry takes (after legacy rows too); call with the write lock held."""
    for row in sql(TOP_ID_SQL):
        return int(row[0] or 0) + 1
    return 1


# --- appending ----------------------------------------------------------------------------


def sqlite_time(moment: datetime) -> int:
    """A time as SQLite files store it (``audit_plain.stored_time``: microseconds since
    1970 UTC), for plain SQL on an SQLite connection (an ``Sql`` binds it by itself)."""
    return stored_time(moment)


INSERT_ENTRY = (
    "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, patient_id, reason,"
    " row_hash, before_hash, content_hash, entry_hash) VALUES (:id, :at, :actor, :action,"
    " :entity, :entity_id, :patient_id, :reason, :row_hash, :before_hash, :content_hash,"
    " :entry_hash)"
)
INSERT_CONTENT = "INSERT INTO audit_content (entry_id, content) VALUES (:entry_id, :content)"


def chained_values(
    entry: Entry, prev: bytes, hashed_content: bytes | None
) -> tuple[dict[str, object], bytes]:
    """The parameters of ``INSERT_ENTRY`` for ``entry`` after ``prev``, and its hash; the
    time is the entry's own (an ``Sql`` binds it as its backend stores it: ``bound``).

    Every hash is stored ``cut`` to ``HASH_BYTES`` here, whatever length the caller's
    digests have (this is the one place every writer of entries goes through)."""
    entry = replace(entry, row_hash=cut(entry.row_hash), before_hash=cut(entry.before_hash))
    hashed_content = cut(hashed_content)
    own = entry_hash(prev, entry, hashed_content)[:HASH_BYTES]
    values: dict[str, object] = {
        "id": entry.id,
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "patient_id": entry.patient_id,
        "reason": entry.reason,
        "row_hash": entry.row_hash,
        "before_hash": entry.before_hash,
        "content_hash": hashed_content,
        "entry_hash": own,
    }
    return values, own


TAIL_SQL = (
    "SELECT (SELECT max(id) FROM audit_log), id, entry_hash FROM audit_log"
    " WHERE entry_hash IS NOT NULL ORDER BY id DESC LIMIT 1"
)


def chain_tail(sql: Sql) -> tuple[int, ChainHead | None]:
    """``next_entry_id`` and ``chain_head`` in one statement (call with the write lock
    held): what a write needs to chain its entry."""
    for top, head_id, digest in sql(TAIL_SQL):
        found = _blob(digest)
        assert found is not None
        return int(top) + 1, ChainHead(int(head_id), found)
    return next_entry_id(sql), None


def append(sql: Sql, entry: Entry, content: str | None, salt: bytes) -> ChainHead:
    """Chain ``entry`` (whose id must be ``next_entry_id``) after the head, inside the
    caller's write transaction; store its content record when it has one."""
    return append_after(sql, chain_head(sql), entry, content, salt)


def append_after(
    sql: Sql, head: ChainHead | None, entry: Entry, content: str | None, salt: bytes
) -> ChainHead:
    """``append`` after ``head`` read by the caller in the same transaction (``chain_tail``)."""
    hashed = None if content is None else content_hash(salt, content)
    values, own = chained_values(entry, head.entry_hash if head else ZERO_HASH, hashed)
    sql(INSERT_ENTRY, values)
    if content is not None:
        sql(INSERT_CONTENT, {"entry_id": entry.id, "content": content})
    return ChainHead(entry.id, own)
