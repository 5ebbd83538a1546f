"""The audit trail: one chained entry per change of clinical data, in the same transaction.

``write`` appends an entry after the chain head (read inside the write transaction, which
on SQLite holds the write lock from its first statement): the hash of the record as it is
now, read back from the database the way ``cryolog verify`` reads it; for a change, the
hash of the record before (the caller's ``snapshot`` taken before changing it) and a
content record with the fields that changed, before and after; for a new record only its
hash (the lean layout: a new record's values are in its row already, and the History shows
them from there while they still hash to what was recorded). See
``cryolog.db.audit_chain`` for the encoding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from cryolog.db.audit_chain import (
    Entry,
    append,
    append_after,
    bound,
    canonical,
    chain_tail,
    next_entry_id,
    runner,
    state_hash,
)
from cryolog.db.audit_checkpoint import salt_for
from cryolog.db.audit_plain import Plain
from cryolog.db.audit_rows import change_record, object_state, read_state, values_state
from cryolog.db.audit_state import EntitySpec, model_specs
from cryolog.db.types import utcnow

State = dict[str, Plain]


def snapshot(obj: Any, **_children: Any) -> State:
    """The record's state as it is in memory: every hashed column and its child rows.

    Child rows are always those the record's kind defines (the keyword arguments of older
    callers are accepted and not needed)."""
    return object_state(obj)


def current_state(session: Session, entity: str, entity_id: int | None) -> State | None:
    """The record's state as stored now (before a change: flush nothing first)."""
    spec = model_specs()[entity]
    return read_state(runner(session.connection()), spec, entity_id)


def write(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    patient_id: int | None,
    before: State | None = None,
    after: object = None,
    reason: str | None = None,
    *,
    written: Any = None,
    inserted: Inserted | None = None,
) -> None:
    """Chain one entry for the change of ``entity`` ``entity_id`` just made in ``session``.

    ``before`` is the record's ``snapshot`` from before the change (None for a new record).
    The state after is read back from the database (after a flush), so it is exactly what
    ``verify`` will hash; ``after`` is accepted from older callers and not used. A record
    that no longer exists (an erasure) is recorded with no row hash.

    ``written``: the record's mapped object, when the caller knows that what it holds is
    what was stored (``written_state``); its state is then taken from memory after the
    flush instead of read back: the same state, normalised by kind the same way.

    ``inserted``: for a record just inserted through its table (not the ORM), the values
    of its row and of its child rows exactly as inserted (``inserted_state``)."""
    del after
    spec = model_specs()[entity]
    if before is not None:
        _check_state(spec, before)
    session.flush()
    sql = runner(session.connection())
    salt = salt_for(sql, patient_id)
    if inserted is not None:
        state: State | None = inserted_state(entity, entity_id, inserted)
    elif written is not None:
        state = written_state(session, written, entity, entity_id)
    else:
        state = read_state(sql, spec, entity_id)
    content = None
    if before is not None:
        content = canonical(change_record(before, state)).decode("ascii")
    next_id, head = chain_tail(sql)  # one statement for the new id and the head
    entry = Entry(
        id=next_id,
        at=utcnow(),
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        patient_id=patient_id,
        reason=reason or None,
        row_hash=None if state is None else state_hash(salt, state),
        before_hash=None if before is None else state_hash(salt, before),
    )
    append_after(sql, head, entry, content, salt)


def written_state(session: Session, obj: Any, entity: str, entity_id: int | None) -> State:
    """The state of ``obj`` just flushed in ``session``, from memory: what ``read_state``
    reads back for it (both normalise every value by its column's kind; a column the
    database filled in is expired by the flush and read again when asked for). Refused
    (ValueError) for an object with changes not flushed or of another record."""
    spec = model_specs()[entity]
    table = getattr(obj, "__table__", None)
    if spec.whole_table or spec.key != "id" or getattr(table, "name", None) != spec.table.name:
        raise ValueError(f"not a {entity} object")
    if obj.id != entity_id or obj in session.dirty or obj in session.new:
        raise ValueError(f"{entity} {entity_id}: not as stored")
    return object_state(obj)


@dataclass(frozen=True)
class Inserted:
    """A record inserted through its table: the values of its row (every column, its id
    included) and of each list of child rows (their ids included), as sent."""

    row: Mapping[str, Any]
    children: Mapping[str, Sequence[Mapping[str, Any]]]


def inserted_state(entity: str, entity_id: int | None, inserted: Inserted) -> State:
    """The state of a record from the values it was just inserted with: what ``read_state``
    reads back for it (both normalise every value by its column's kind). Refused
    (ValueError) for values of another record or missing a column."""
    spec = model_specs()[entity]
    if spec.whole_table or spec.key != "id" or inserted.row.get("id") != entity_id:
        raise ValueError(f"{entity} {entity_id}: not the values inserted")
    if set(inserted.children) != {c.key for c in spec.children}:
        raise ValueError(f"{entity} {entity_id}: not every child row given")
    try:
        return values_state(spec, inserted.row, inserted.children)
    except KeyError as missing:
        raise ValueError(f"{entity} {entity_id}: no value for {missing}") from None


def event(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    patient_id: int | None,
    details: dict[str, Any],
    reason: str | None = None,
) -> None:
    """Chain one entry for something done that changed no clinical record (an export, the
    summary of an import): no row hashes; ``details`` is its content (shown as "after").
    ``entity`` must not be an audited record's kind (``write`` is for those)."""
    if entity in model_specs():
        raise ValueError(f"{entity} is an audited record: use audit.write")
    session.flush()
    sql = runner(session.connection())
    salt = salt_for(sql, patient_id)
    entry = Entry(
        id=next_entry_id(sql),
        at=utcnow(),
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        patient_id=patient_id,
        reason=reason or None,
        row_hash=None,
        before_hash=None,
    )
    append(sql, entry, canonical({"after": details, "before": None}).decode("ascii"), salt)


def _check_state(spec: EntitySpec, state: State) -> None:
    expected = set(spec.table.names) | {c.key for c in spec.children}
    if spec.whole_table:
        expected = {"rows"}
    if set(state) != expected:
        raise ValueError(f"not a snapshot of a {spec.entity}: {sorted(set(state) ^ expected)}")


# --- erasure on request -------------------------------------------------------------------


@dataclass(frozen=True)
class Erased:
    contents: int
    legacy_rows: int


def erase_patient_content(session: Session, patient_id: int, actor: str, reason: str) -> Erased:
    """Blank what the audit trail holds of one patient's values, keeping it verifiable.

    The patient's salt is blanked first (so no hash left can confirm a guessed value), then
    the content records of their entries and the before/after JSON of their audit rows from
    before the chain; every hash stays, so the chain and the checkpoints still verify. One
    entry records that it was done. The patient's records themselves are the caller's (the
    erasure use case deletes or anonymises them, each with an audit ``write`` first)."""
    on_sqlite = session.connection().dialect.name == "sqlite"
    params = bound({"p": patient_id, "now": utcnow()}, sqlite=on_sqlite)
    blanked = session.execute(
        text(
            "UPDATE audit_salt SET salt = NULL, erased_at = :now"
            " WHERE patient_id = :p AND salt IS NOT NULL"
        ),
        params,
    )
    if getattr(blanked, "rowcount", 0) == 0:
        session.execute(
            text(
                "INSERT INTO audit_salt (patient_id, erased_at) SELECT :p, :now"
                " WHERE NOT EXISTS (SELECT 1 FROM audit_salt WHERE patient_id = :p)"
            ),
            params,
        )
    contents = session.execute(
        text(
            "UPDATE audit_content SET content = NULL, erased_at = :now WHERE content IS NOT NULL"
            " AND entry_id IN (SELECT id FROM audit_log WHERE patient_id = :p)"
        ),
        params,
    )
    legacy = session.execute(
        text(
            "UPDATE audit_log SET before_json = NULL, after_json = NULL"
            " WHERE patient_id = :p AND entry_hash IS NULL"
            " AND (before_json IS NOT NULL OR after_json IS NOT NULL)"
        ),
        params,
    )
    sql = runner(session.connection())
    entry = Entry(
        id=next_entry_id(sql),
        at=utcnow(),
        actor=actor,
        action="erase_content",
        entity="audit_content",
        entity_id=None,
        patient_id=patient_id,
        reason=reason or None,
        row_hash=None,
        before_hash=None,
    )
    append(sql, entry, None, b"")
    return Erased(_count(contents), _count(legacy))


def _count(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
