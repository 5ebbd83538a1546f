"""Tamper evidence: does everything in a cryolog file still verify?

``verify_file`` opens the file read-only (it never writes; it works beside an open window)
and checks, in one read transaction:

1. the triggers that keep the audit tables append-only are all there, unchanged;
2. the chain: each entry follows the one before and hashes to its own hash, with the
   content record its hash says (``verify_chain``);
3. every record against its latest entry, every change against the state before it, the
   records that predate the latest checkpoint against its bucket hashes, and every stored
   PDF against its SHA-256 (``verify_rows``);
4. the anchor beside the file: the entry it names must still be there with that hash (a
   cut-off tail leaves it missing or different). Without an anchor (a copied file) the
   tail cannot be checked.

Each break is one ``Break`` (where, what). The exit statuses of ``cryolog verify``: 0 all
verified, 1 a break found, 3 nothing broken but the tail unchecked.

What this proves and what it does not (design.md, "the threat model"): someone with the
file and a generic SQLite tool who drops triggers, rewrites or deletes records and audit
entries is detected, unless they also recompute the chain with cryolog's encoding and forge
the anchor. It is evidence, not prevention.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from cryolog.db.anchor_lane import settle as settle_anchor
from cryolog.db.audit_anchor import AnchorUnreadable, read_anchor
from cryolog.db.audit_chain import ChainHead, runner
from cryolog.db.audit_checkpoint import load_salts
from cryolog.db.audit_guards import SQLITE_TRIGGERS, same_sql
from cryolog.db.audit_state import model_specs
from cryolog.db.backends.sqlite_connect import Access, connect_file
from cryolog.db.errors import DatabaseMissing, DatabaseProblem, NotACryologDatabase, db_said
from cryolog.db.restore_intent import intent_path
from cryolog.db.revisions import HEAD_REVISION, KNOWN_REVISIONS, VERSION_TABLE, chained
from cryolog.db.sqlite_file import translate_sqlite_error
from cryolog.services.verify_chain import VerifyCancelled, verify_chain
from cryolog.services.verify_rows import verify_documents, verify_records

__all__ = ["Break", "Tail", "VerifyCancelled", "VerifyReport", "verify_file"]

_PROGRESS_STEPS = 1_000  # SQLite VM steps between two looks at "cancelled"


class Tail(Enum):
    CHECKED = "checked"
    NO_ANCHOR = "no anchor"


@dataclass(frozen=True)
class Break:
    where: str  # table and id ("treatment_session 17"), or what part of the file
    what: str

    def line(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass
class VerifyReport:
    path: Path
    breaks: list[Break] = field(default_factory=list)
    entries: int = 0
    records: int = 0
    documents: int = 0
    tail: Tail = Tail.NO_ANCHOR
    head: ChainHead | None = None
    anchored: int | None = None
    """The entry the anchor names (the head, or an earlier one: entries written after the
    last anchor, e.g. by a window stopped in between, are chained but not anchored yet)."""
    restore_note: Path | None = None
    """The note of a restore cut off before it finished (``db.restore_intent``): until the
    file is opened again (which completes or undoes it) its anchor may not agree with it."""

    @property
    def ok(self) -> bool:
        return not self.breaks and self.tail is Tail.CHECKED

    @property
    def exit_status(self) -> int:
        if self.breaks:
            return 1
        return 0 if self.tail is Tail.CHECKED else 3

    def summary(self) -> str:
        if self.restore_note is None:
            return self._summary()
        return (
            f"{self._summary()} A restore of this file was cut off before it finished (its"
            f" note {self.restore_note.name} is beside it): open the file with cryolog, which"
            " completes or undoes it, then verify again."
        )

    def _summary(self) -> str:
        counts = f"{self.entries} audit entries, {self.records} records, {self.documents} documents"
        if self.breaks:
            found = len(self.breaks)
            return f"{found} break{'s' if found != 1 else ''} found ({counts} checked)."
        behind = self.head is not None and self.anchored not in (None, self.head.entry_id)
        if self.tail is Tail.CHECKED and behind:
            assert self.head is not None
            return (
                f"Everything verifies: {counts}; the anchor names entry {self.anchored}, the"
                f" newest is {self.head.entry_id} (written after the last anchor)."
            )
        if self.tail is Tail.CHECKED:
            return f"Everything verifies: {counts}; the anchor matches the newest entry."
        return (
            f"No break found ({counts}), but the end of the trail cannot be checked: there is"
            f" no anchor file beside {self.path.name} (a copied file?)."
        )


def verify_file(path: Path, cancelled: Callable[[], bool] | None = None) -> VerifyReport:
    """Verify the cryolog database at ``path``; DatabaseProblem if it cannot be read."""
    path = Path(path)
    settle_anchor(path)  # an open window's pending anchor first
    if not path.is_file():
        raise DatabaseMissing(db_said("missing", path=str(path)), str(path))
    try:
        return _verify_once(path, cancelled, lenient=False)
    except _NotUtf8:
        # A byte changed inside a text value left it invalid UTF-8: check again, reading
        # such text in a form that hashes as nothing valid does (slower, so not first).
        return _verify_once(path, cancelled, lenient=True)


class _NotUtf8(Exception):
    pass


def _verify_once(
    path: Path, cancelled: Callable[[], bool] | None, *, lenient: bool
) -> VerifyReport:
    report = VerifyReport(path)
    note = intent_path(path)
    report.restore_note = note if note.exists() else None
    try:
        with closing(_open_read_only(path, lenient=lenient)) as conn:
            conn.execute("BEGIN")
            _check_revision(conn, path)
            if cancelled is not None:
                if cancelled():
                    raise VerifyCancelled(str(path))
                conn.set_progress_handler(lambda: 1 if cancelled() else 0, _PROGRESS_STEPS)
            _verify(conn, report, cancelled or (lambda: False))
    except sqlite3.OperationalError as exc:
        if not lenient and "decode" in str(exc).lower():
            raise _NotUtf8 from exc
        if cancelled is not None and cancelled() and "interrupt" in str(exc).lower():
            raise VerifyCancelled(str(path)) from exc
        raise translate_sqlite_error(exc, path) from exc
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) from exc
    return report


def _open_read_only(path: Path, *, lenient: bool) -> sqlite3.Connection:
    conn = connect_file(path, access=Access.READ_ONLY, timeout_s=5)
    if lenient:
        conn.text_factory = lambda raw: raw.decode("utf-8", "surrogateescape")
    return conn


def _check_revision(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if VERSION_TABLE not in tables:
        raise NotACryologDatabase(db_said("not_cryolog_file", path=str(path)), str(path))
    row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    revision = None if row is None else str(row[0])
    if revision == HEAD_REVISION:
        return
    if revision in KNOWN_REVISIONS and not chained(revision):
        raise DatabaseProblem(
            db_said("verify_unchained", path=str(path), revision=revision), str(path)
        )
    raise DatabaseProblem(
        db_said("verify_revision", path=str(path), revision=str(revision), head=HEAD_REVISION),
        str(path),
    )


def _verify(conn: sqlite3.Connection, report: VerifyReport, cancelled: Callable[[], bool]) -> None:
    def found(where: str, what: str) -> None:
        report.breaks.append(Break(where, what))

    _check_triggers(conn, found)
    sql = runner(conn)
    salts = load_salts(sql)
    anchor = _anchor(report.path, found)
    chain = verify_chain(sql, salts, found, look_for=None if anchor is None else anchor.entry_id)
    report.entries, report.head = chain.entries, chain.head
    _stop_if(cancelled)
    report.records = verify_records(sql, model_specs(), salts, chain, found, cancelled)
    _stop_if(cancelled)
    report.documents = verify_documents(sql, found)
    if anchor is not None:
        _check_anchor(anchor, chain.head, chain.looked_for.get(anchor.entry_id), found)
        report.tail, report.anchored = Tail.CHECKED, anchor.entry_id


def _stop_if(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise VerifyCancelled


def _check_triggers(conn: sqlite3.Connection, found: Callable[[str, str], None]) -> None:
    stored = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    for name, expected in SQLITE_TRIGGERS.items():
        if name not in stored:
            found(f"trigger {name}", "missing: the audit trail can be rewritten (dropped)")
        elif not same_sql(stored[name], expected):
            found(f"trigger {name}", "altered: it no longer guards the audit trail as made")


def _anchor(path: Path, found: Callable[[str, str], None]) -> ChainHead | None:
    try:
        anchor = read_anchor(path)
    except AnchorUnreadable as exc:
        found("anchor", str(exc))
        return None
    return None if anchor is None else anchor.head


def _check_anchor(
    anchor: ChainHead,
    head: ChainHead | None,
    stored: bytes | None,
    found: Callable[[str, str], None],
) -> None:
    last = 0 if head is None else head.entry_id
    if anchor.entry_id > last:
        found(
            "anchor",
            f"names entry {anchor.entry_id}, but the trail ends at entry {last}:"
            " its newest entries were removed (cut-off tail)",
        )
    elif stored != anchor.entry_hash:
        found(
            "anchor",
            f"entry {anchor.entry_id} is not the one anchored: the trail was cut"
            " after it and written again",
        )
