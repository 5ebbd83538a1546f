"""Salts, and checkpoints: entries that hash the state of every record at one moment.

The first chained entry of every file is a checkpoint (the genesis): written when the chain
is added to an existing file (or to a new one), it hashes every clinical record as it is
then, and the audit rows from before the chain. A later migration that changes the columns
of a clinical table appends another (``append_checkpoint``), since the states of that
table's rows change with their columns.

A checkpoint's content holds, per entity, the number of records, the highest id and one
hash per bucket of ``BUCKET`` consecutive ids (``SHA-256`` over the canonical
``[id, row hash]`` of each record in the bucket, in id order, the row hash cut to the
checkpoint entry's own width: 16 bytes from revision 0023, 32 before), so a verification can say
which ids to look at when a record that predates the chain was changed. The audit rows from
before the chain count as the entity ``legacy_audit``, one record per patient (id 0 for the
rows of no patient) whose hash is ``SHA-256(salt ‖ canonical(row) ‖ ...)`` over the
patient's rows in id order; the patients' ones are kept in ``audit_salt.legacy_hash`` so an
erasure can blank those rows too.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from cryolog.db import audit_chain
from cryolog.db.audit_chain import Entry, Sql, append, canonical, next_entry_id, runner, state_hash
from cryolog.db.audit_plain import PLAIN, Plain
from cryolog.db.audit_rows import iter_states
from cryolog.db.audit_state import EntitySpec, reflected_specs

BUCKET = 256
SALT_BYTES = 32
CHECKPOINT_ACTION = "checkpoint"
CHECKPOINT_ENTITY = "audit_log"
LEGACY_ENTITY = "legacy_audit"
CHECKPOINT_FORMAT = 1
GENESIS_REASON = "the audit trail is hash-chained from here"


def migration_checkpoint(reason: str) -> None:
    """In a migration that changes what the audited records' states are (their columns,
    or new audited tables): chain a checkpoint. Run by cryolog's upgrade (``db.migrate``),
    the checkpoints of all the steps of one upgrade are one, chained at the head (and a new
    file gets only its genesis there); run by Alembic alone, it is chained here."""
    from datetime import UTC

    from alembic import context, op

    from cryolog.db.alembic_config import CHECKPOINTS

    wanted = context.config.attributes.get(CHECKPOINTS)
    if isinstance(wanted, list):
        # the salts and legacy hashes now, while a later step's triggers do not yet guard
        # audit_salt (the checkpoint at the head then finds them stored)
        ensure_salts(scan_runner(op.get_bind()))
        wanted.append(reason)
    else:
        append_checkpoint(op.get_bind(), reason=reason, at=datetime.now(UTC))


class PatientErased(Exception):
    """The patient's salt was blanked by an erasure: nothing more can be audited for them."""


def scan_runner(conn: Any) -> Sql:
    """An ``Sql`` for reading every row: on an SQLite file, the driver's own connection
    under SQLAlchemy's (the same transaction), without SQLAlchemy's per-row work; the
    values are normalised by kind either way (``audit_plain``)."""
    if getattr(getattr(conn, "dialect", None), "name", None) == "sqlite":
        driver = conn.connection.driver_connection
        if isinstance(driver, sqlite3.Connection) or getattr(driver, "speaks_sqlite3", False):
            return runner(driver)
    return runner(conn)


# --- salts ------------------------------------------------------------------------------


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def salt_for(sql: Sql, patient_id: int | None, *, create: bool = True) -> bytes:
    """The salt of a patient's hashes (empty for records of no patient); made when missing."""
    if patient_id is None:
        return b""
    for salt, erased_at in sql(
        "SELECT salt, erased_at FROM audit_salt WHERE patient_id = :p", {"p": patient_id}
    ):
        if salt is None or erased_at is not None:
            raise PatientErased(f"patient {patient_id} was erased")
        return bytes(salt)
    if not create:
        raise LookupError(f"no salt for patient {patient_id}")
    salt = new_salt()
    sql(
        "INSERT INTO audit_salt (patient_id, salt) VALUES (:p, :s)",
        {"p": patient_id, "s": salt},
    )
    return salt


def load_salts(sql: Sql) -> dict[int, bytes | None]:
    """Every patient's salt (None once erased)."""
    return {
        int(pid): None if salt is None else bytes(salt)
        for pid, salt in sql("SELECT patient_id, salt FROM audit_salt")
    }


# --- legacy rows --------------------------------------------------------------------------

LEGACY_COLUMNS = (
    ("id", "int"), ("at", "datetime"), ("actor", "text"), ("action", "text"),
    ("entity", "text"), ("entity_id", "int"), ("patient_id", "int"), ("before_json", "text"),
    ("after_json", "text"), ("reason", "text"),
)  # fmt: skip
LEGACY_SQL = (
    f"SELECT {', '.join(c for c, _ in LEGACY_COLUMNS)} FROM audit_log"
    " WHERE entry_hash IS NULL ORDER BY patient_id, id"
)
UNSTORED_LEGACY_SQL = (
    f"SELECT {', '.join(c for c, _ in LEGACY_COLUMNS)} FROM audit_log"
    " WHERE entry_hash IS NULL AND (patient_id IS NULL OR patient_id NOT IN"
    " (SELECT patient_id FROM audit_salt WHERE legacy_hash IS NOT NULL))"
    " ORDER BY patient_id, id"
)
LEGACY_PATIENTS_SQL = "SELECT DISTINCT patient_id FROM audit_log WHERE entry_hash IS NULL"
STORED_LEGACY_SQL = "SELECT patient_id, legacy_hash FROM audit_salt WHERE legacy_hash IS NOT NULL"


def legacy_plain(row: Iterable[Any]) -> dict[str, Plain]:
    return {
        name: PLAIN[kind](value) for (name, kind), value in zip(LEGACY_COLUMNS, row, strict=True)
    }


def legacy_hashes(
    sql: Sql, salts: Mapping[int, bytes | None], *, unstored: bool = False
) -> Iterator[tuple[int, bytes | None]]:
    """(patient id or 0, hash of their legacy rows) in patient order; None when the
    patient's salt is erased (their rows cannot be hashed any more). ``unstored``: only
    the patients whose hash is not kept in ``audit_salt`` yet (and the rows of no patient),
    so a later step of an upgrade does not hash again what an earlier one stored."""
    current: int | None = None
    digest: Any = None
    for row in sql(UNSTORED_LEGACY_SQL if unstored else LEGACY_SQL):
        pid = 0 if row[6] is None else int(row[6])
        if pid != current:
            if current is not None:
                yield current, None if digest is None else digest.digest()
            current = pid
            salt = b"" if pid == 0 else salts.get(pid, b"")
            digest = None if salt is None else hashlib.sha256(salt)
        if digest is not None:
            digest.update(canonical(legacy_plain(row)))
    if current is not None:
        yield current, None if digest is None else digest.digest()


# --- buckets ------------------------------------------------------------------------------


class Buckets:
    """Per entity: records counted, the highest id, and one hash per bucket of ids.

    Records must be added in ascending id order within an entity (None counts as 0). Each
    line names the record's hash cut to ``width`` (the checkpoint entry's width)."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.entities: dict[str, dict[str, Any]] = {}
        self._open: dict[str, tuple[int, Any]] = {}

    def add(self, entity: str, key: int | None, row_hash: bytes | None) -> None:
        number = 0 if key is None else key
        found = self.entities.setdefault(entity, {"rows": 0, "max_id": 0, "hashes": {}})
        found["rows"] += 1
        found["max_id"] = max(found["max_id"], number)
        bucket = number // BUCKET
        current = self._open.get(entity)
        if current is None or current[0] != bucket:
            self._close(entity)
            current = (bucket, hashlib.sha256())
            self._open[entity] = current
        line = [str(number), None if row_hash is None else row_hash[: self.width].hex()]
        current[1].update(canonical(line))

    def _close(self, entity: str) -> None:
        current = self._open.pop(entity, None)
        if current is not None:
            self.entities[entity]["hashes"][str(current[0])] = current[1].hexdigest()

    def finish(self) -> dict[str, dict[str, Any]]:
        for entity in list(self._open):
            self._close(entity)
        return self.entities


def checkpoint_content(entities: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "format": CHECKPOINT_FORMAT,
        "bucket": BUCKET,
        "entities": dict(sorted(entities.items())),
    }


def compute_checkpoint(sql: Sql, specs: Mapping[str, EntitySpec]) -> dict[str, Any]:
    """The content of a checkpoint over the database as it is now."""
    salts = load_salts(sql)
    buckets = Buckets(audit_chain.HASH_BYTES)  # the width the checkpoint entry is written at
    for entity in sorted(specs):
        for key, patient, state in iter_states(sql, specs[entity]):
            salt = b"" if patient is None else salts.get(patient) or b""
            buckets.add(entity, key, state_hash(salt, state))
    stored = {int(pid): bytes(digest) for pid, digest in sql(STORED_LEGACY_SQL)}
    # only the legacy rows of patients whose hash is not stored are hashed here (the
    # stored hash is the one the checkpoint holds), one bucket line per patient with rows
    computed = dict(legacy_hashes(sql, salts, unstored=True))
    with_rows = {0 if pid is None else int(pid) for (pid,) in sql(LEGACY_PATIENTS_SQL)}
    for pid in sorted(with_rows):
        recorded = stored.get(pid)
        buckets.add(LEGACY_ENTITY, pid, recorded if recorded is not None else computed.get(pid))
    return checkpoint_content(buckets.finish())


def ensure_salts(sql: Sql) -> None:
    """A salt for every patient, and for every patient named by a legacy audit row, with
    the hash of that patient's legacy rows (kept for a later erasure)."""
    have = set(load_salts(sql))
    ids = {int(r[0]) for r in sql("SELECT id FROM patient")}
    ids |= {
        int(r[0])
        for r in sql("SELECT DISTINCT patient_id FROM audit_log WHERE patient_id IS NOT NULL")
    }
    for pid in sorted(ids - have):
        sql(
            "INSERT INTO audit_salt (patient_id, salt) VALUES (:p, :s)",
            {"p": pid, "s": new_salt()},
        )
    salts = load_salts(sql)
    for pid, digest in list(legacy_hashes(sql, salts, unstored=True)):
        if pid != 0 and digest is not None:
            sql(
                "UPDATE audit_salt SET legacy_hash = :h"
                " WHERE patient_id = :p AND legacy_hash IS NULL",
                {"h": digest, "p": pid},
            )


def append_checkpoint(conn: Any, *, reason: str, at: datetime) -> None:
    """Hash every record and chain a checkpoint entry (in a migration: ``op.get_bind()``)."""
    sql = scan_runner(conn)
    ensure_salts(sql)
    content = canonical(compute_checkpoint(sql, reflected_specs(conn))).decode("ascii")
    entry = Entry(
        id=next_entry_id(sql),
        at=at,
        actor="cryolog",
        action=CHECKPOINT_ACTION,
        entity=CHECKPOINT_ENTITY,
        entity_id=None,
        patient_id=None,
        reason=reason,
        row_hash=None,
        before_hash=None,
    )
    append(sql, entry, content, b"")
