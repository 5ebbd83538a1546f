"""Verification, part two: every record against its latest entry, and the checkpoint.

Per entity, the records (streamed in id order with their child rows) are merged with the
entity's entries (streamed in record order through the entity index), so memory stays flat
whatever the size of the file:

- a record changed since the latest checkpoint must hash to its latest entry's row hash
  (a record the trail says was removed must be gone, and one it does not must be there);
- each change's "before" hash must be the hash the entry before it recorded (else the
  record was changed outside cryolog before that change, and the change hid it);
- the records untouched since the latest checkpoint, with the state of the others at that
  moment (the "before" of their first later change), must give the checkpoint's bucket
  hashes; a record with no entry at all beyond the checkpoint's highest id was added
  outside cryolog;
- every stored document's bytes must match its SHA-256 (which is in its hashed state).
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cryolog.db.audit_chain import Sql, hash_matches, same_hash, state_hash
from cryolog.db.audit_checkpoint import BUCKET, LEGACY_ENTITY, Buckets, legacy_hashes
from cryolog.db.audit_plain import Plain
from cryolog.db.audit_rows import StateRow, iter_states
from cryolog.db.audit_state import EntitySpec
from cryolog.services.verify_chain import ChainResult, Checkpoint, Report, VerifyCancelled


@dataclass(frozen=True)
class Ref:
    """One entry of a record, as the record pass needs it."""

    id: int
    row_hash: bytes | None
    before_hash: bytes | None


def verify_records(
    sql: Sql,
    specs: Mapping[str, EntitySpec],
    salts: Mapping[int, bytes | None],
    chain: ChainResult,
    report: Report,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Check every record of every entity; returns how many were checked. ``cancelled``
    is asked between entities (the database's own steps ask it too: see ``verify``)."""
    checkpoint = chain.latest_checkpoint
    context = _Context(sql, salts, report, [c.entry_id for c in chain.checkpoints], checkpoint)
    buckets = Buckets(32 if checkpoint is None else checkpoint.width)
    checked = 0
    for entity in sorted(specs):
        if cancelled():
            raise VerifyCancelled
        checked += _verify_entity(context, specs[entity], buckets)
    _verify_legacy(sql, salts, buckets, report)
    if checkpoint is not None:
        _compare_buckets(checkpoint, buckets.finish(), specs, report)
    return checked


@dataclass
class _Context:
    sql: Sql
    salts: Mapping[int, bytes | None]
    report: Report
    checkpoints: list[int]
    checkpoint: Checkpoint | None

    @property
    def checkpoint_id(self) -> int:
        return 0 if self.checkpoint is None else self.checkpoint.entry_id

    def max_id(self, entity: str) -> int:
        if self.checkpoint is None:
            return 0
        found = self.checkpoint.content.get("entities", {}).get(entity, {})
        return int(found.get("max_id", 0))

    def checkpoint_between(self, low: int, high: int) -> bool:
        index = bisect.bisect_right(self.checkpoints, low)
        return index < len(self.checkpoints) and self.checkpoints[index] < high


_ENTRIES_SQL = (
    "SELECT entity_id, id, row_hash, before_hash FROM audit_log"
    " WHERE entity = :e AND entity_id {filter} AND entry_hash IS NOT NULL"
    " ORDER BY entity_id, id"
)


def _entries(sql: Sql, spec: EntitySpec) -> Iterator[tuple[int | None, list[Ref]]]:
    query = _ENTRIES_SQL.format(filter="IS NULL" if spec.whole_table else "IS NOT NULL")
    key: int | None = None
    refs: list[Ref] = []
    for row in sql(query, {"e": spec.entity}):
        current = None if row[0] is None else int(row[0])
        if refs and current != key:
            yield key, refs
            refs = []
        key = current
        refs.append(Ref(int(row[1]), _blob(row[2]), _blob(row[3])))
    if refs:
        yield key, refs


def _merged(
    states: Iterator[StateRow], entries: Iterator[tuple[int | None, list[Ref]]]
) -> Iterator[tuple[int | None, StateRow | None, list[Ref]]]:
    """Records and their entries side by side, in key order (None first)."""

    def order(key: int | None) -> int:
        return -1 if key is None else key

    state = next(states, None)
    entry = next(entries, None)
    while state is not None or entry is not None:
        if entry is None or (state is not None and order(state[0]) < order(entry[0])):
            assert state is not None
            yield state[0], state, []
            state = next(states, None)
        elif state is None or order(entry[0]) < order(state[0]):
            yield entry[0], None, entry[1]
            entry = next(entries, None)
        else:
            yield state[0], state, entry[1]
            state, entry = next(states, None), next(entries, None)


def _verify_entity(context: _Context, spec: EntitySpec, buckets: Buckets) -> int:
    checked = 0
    for key, found, refs in _merged(iter_states(context.sql, spec), _entries(context.sql, spec)):
        where = spec.table.name if spec.whole_table else f"{spec.table.name} {key}"
        _check_changes(context, where, refs)
        current = None
        if found is not None:
            checked += 1
            current = _hash_of(context, where, found)
        _check_current(context, spec, where, found, current, refs)
        _add_to_checkpoint(context, spec, where, key, found, current, refs, buckets)
    return checked


def _hash_of(context: _Context, where: str, found: StateRow) -> bytes | None:
    _key, patient, state = found
    if patient is None:
        return state_hash(b"", state)
    if patient not in context.salts:
        context.report(where, f"patient {patient} has no salt (the salt table was changed)")
        return state_hash(b"", state)
    salt = context.salts[patient]
    if salt is None:
        context.report(where, f"patient {patient} was erased, but this record is still present")
        return None
    return state_hash(salt, state)


def _check_changes(context: _Context, where: str, refs: Sequence[Ref]) -> None:
    for earlier, later in itertools.pairwise(refs):
        if later.before_hash is None:
            context.report(where, f"entry {later.id} records it as new a second time")
        elif not same_hash(earlier.row_hash, later.before_hash) and not context.checkpoint_between(
            earlier.id, later.id
        ):
            context.report(
                where,
                f"it was changed outside cryolog before the change of entry {later.id}"
                " (its state then does not match the entry before)",
            )


def _check_current(
    context: _Context,
    spec: EntitySpec,
    where: str,
    found: StateRow | None,
    current: bytes | None,
    refs: Sequence[Ref],
) -> None:
    if not refs or refs[-1].id <= context.checkpoint_id:
        return  # covered by the checkpoint
    last = refs[-1]
    if found is None:
        if last.row_hash is not None:
            context.report(where, "deleted outside cryolog (its audit entries remain)")
        return
    if last.row_hash is None:
        context.report(where, f"present, though entry {last.id} records it as removed")
        return
    if current is not None and not hash_matches(last.row_hash, current):
        context.report(where, _what_changed(context.sql, spec, found[2], last))


def _what_changed(sql: Sql, spec: EntitySpec, state: dict[str, Plain], last: Ref) -> str:
    recorded = None
    for row in sql("SELECT content FROM audit_content WHERE entry_id = :id", {"id": last.id}):
        if row[0]:
            try:
                recorded = json.loads(row[0]).get("after")
            except ValueError:
                recorded = None
    if not isinstance(recorded, dict):
        return (
            f"its stored values differ from those entry {last.id} recorded (a new record's"
            " entry holds only its hash, so the changed fields cannot be named)"
        )
    changed = [
        _field(name, recorded.get(name), state.get(name), name in dict(spec.table.columns))
        for name in sorted(set(recorded) | set(state))
        if recorded.get(name) != state.get(name)
    ]
    return f"changed outside cryolog since entry {last.id}: " + "; ".join(changed)


def _field(name: str, before: Any, after: Any, scalar: bool) -> str:
    if not scalar:
        return name
    return f"{name} (recorded {_short(before)}, now {_short(after)})"


def _short(value: Any) -> str:
    """A value for a one-line message: short, and printable whatever bytes it holds."""
    text = "empty" if value is None else str(value)
    text = text if len(text) <= 40 else text[:37] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\n", " ")


def _add_to_checkpoint(
    context: _Context,
    spec: EntitySpec,
    where: str,
    key: int | None,
    found: StateRow | None,
    current: bytes | None,
    refs: Sequence[Ref],
    buckets: Buckets,
) -> None:
    if context.checkpoint is None:
        return
    later = [r for r in refs if r.id > context.checkpoint_id]
    if later:
        if later[0].before_hash is not None:  # existed then: its state at the checkpoint
            buckets.add(spec.entity, key, later[0].before_hash)
        return
    if found is None:
        return
    if not refs and (key or 0) > context.max_id(spec.entity):
        context.report(where, "has no audit entry (added outside cryolog)")
        return
    if current is not None:
        buckets.add(spec.entity, key, current)


def _verify_legacy(
    sql: Sql, salts: Mapping[int, bytes | None], buckets: Buckets, report: Report
) -> None:
    stored = {
        int(pid): bytes(digest)
        for pid, digest in sql(
            "SELECT patient_id, legacy_hash FROM audit_salt WHERE legacy_hash IS NOT NULL"
        )
    }
    computed = dict(legacy_hashes(sql, salts))
    for pid in sorted(set(stored) | set(computed)):
        recorded, now = stored.get(pid), computed.get(pid)
        if recorded is not None and salts.get(pid) is not None and now != recorded:
            report(
                f"audit_log (patient {pid})",
                "audit rows from before the chain were changed or removed",
            )
        value = recorded if recorded is not None else now
        buckets.add(LEGACY_ENTITY, pid, value)


def _compare_buckets(
    checkpoint: Checkpoint,
    computed: Mapping[str, Any],
    specs: Mapping[str, EntitySpec],
    report: Report,
) -> None:
    recorded: Mapping[str, Any] = checkpoint.content.get("entities", {})
    empty: dict[str, Any] = {"rows": 0, "hashes": {}}
    for entity in sorted(set(recorded) | set(computed)):
        then, now = recorded.get(entity, empty), computed.get(entity, empty)
        table = specs[entity].table.name if entity in specs else "audit_log"
        if entity == LEGACY_ENTITY:
            table = "audit_log (rows from before the chain, by patient)"
        hashes_then, hashes_now = then.get("hashes", {}), now.get("hashes", {})
        for bucket in sorted(set(hashes_then) | set(hashes_now), key=int):
            if hashes_then.get(bucket) != hashes_now.get(bucket):
                low = int(bucket) * BUCKET
                report(
                    f"{table} {low}–{low + BUCKET - 1}",
                    f"records that predate checkpoint entry {checkpoint.entry_id} were changed,"
                    " added or removed outside cryolog",
                )
        if then.get("rows", 0) != now.get("rows", 0):
            report(
                table,
                f"{then.get('rows', 0)} records at checkpoint entry {checkpoint.entry_id},"
                f" {now.get('rows', 0)} accounted for now",
            )


def verify_documents(sql: Sql, report: Report) -> int:
    """Every stored PDF against its SHA-256; returns how many were checked."""
    checked = 0
    for doc_id, sha, pdf in sql("SELECT id, sha256, pdf FROM document ORDER BY id"):
        checked += 1
        data = bytes(pdf) if isinstance(pdf, bytes | memoryview) else b""
        if hashlib.sha256(data).hexdigest() != sha:
            report(f"document {doc_id}", "its stored PDF does not match its SHA-256")
    return checked


def _blob(value: object) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, bytes | memoryview):
        return bytes(value)
    return b"\x00not-a-hash"
