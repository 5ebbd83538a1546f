"""Keeping a generated PDF in an SQLite file with plain SQL: the document row and its
audit entry in one write transaction, then the anchor, as ``DocumentService.record`` does
through the ORM (the same checks, the same row, the same chained entry).

For ``cryolog report``: a fresh process per document, where importing SQLAlchemy and
configuring every model cost more than the rest of the command. The entry is chained by
``db.audit_chain`` over the file's own connection, the row's state read back the way
``cryolog verify`` reads it (tests/services/test_document_record.py verifies the chain).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from datetime import UTC, datetime
from typing import Any

from cryolog.db.audit_anchor import plan_anchor, write_planned
from cryolog.db.audit_chain import Entry, append_after, chain_tail, runner, sqlite_time, state_hash
from cryolog.db.audit_checkpoint import salt_for
from cryolog.db.audit_rows import read_state
from cryolog.db.audit_state import EntitySpec, build_specs, declared_kind
from cryolog.db.database import Database
from cryolog.domain.documents import check_document
from cryolog.domain.errors import FieldError, InvalidInput, RecordNotFound, said
from cryolog.domain.messages import Message, Ref
from cryolog.services.document_inputs import CourseSummaryInput, DocumentDTO
from cryolog.services.summary_read import read_course_summary


def generate_course_summary(
    db: Database,
    actor: str,
    course_id: int,
    render: Callable[[CourseSummaryInput], bytes],
    *,
    language: str | None = None,
    deliver: Callable[[bytes], None] | None = None,
) -> tuple[DocumentDTO, bytes]:
    """``DocumentService.generate`` for a course summary on an SQLite file: read (one read
    transaction), render, ``deliver(pdf)`` (nothing is recorded when it fails), record."""
    storage = db.storage
    try:
        with closing(storage.connect()) as conn:
            data = read_course_summary(conn, course_id, language=language)
    except (sqlite3.Error, OverflowError) as exc:
        raise storage.translate(exc) from exc
    pdf = render(data)
    if deliver is not None:
        deliver(pdf)
    made = record_document(
        db, actor, data.patient.id, course_id, "course_summary", pdf, data.language
    )
    return made, pdf


def utcnow() -> datetime:
    """Now, aware UTC (``db.types.utcnow``, which comes with SQLAlchemy's column types)."""
    return datetime.now(UTC)


def record_document(
    db: Database,
    actor: str,
    patient_id: int,
    course_id: int | None,
    kind: str,
    pdf: bytes,
    language: str,
) -> DocumentDTO:
    """Keep the exact PDF in the patient's documents, with an audit entry; the database's
    problems come back as its DatabaseProblem sentences, and nothing is written then."""
    check_document(kind, pdf)
    storage = db.storage
    conn = storage.connect(write=True)  # DatabaseReadOnly when the file cannot be written
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            made, planned = _record(conn, db, actor, patient_id, course_id, kind, pdf, language)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except (sqlite3.Error, OverflowError) as exc:
        raise storage.translate(exc) from exc
    finally:
        conn.close()
    if planned is not None and db.path is not None:
        write_planned(db.path, planned)
    return made


def _record(
    conn: sqlite3.Connection,
    db: Database,
    actor: str,
    patient_id: int,
    course_id: int | None,
    kind: str,
    pdf: bytes,
    language: str,
) -> tuple[DocumentDTO, Any]:
    sql = runner(conn)
    _check_language(conn, language)
    if not _exists(conn, "patient", patient_id):
        raise _not_found("patient", patient_id)
    if course_id is not None:
        owner = conn.execute("SELECT patient_id FROM course WHERE id = ?", (course_id,)).fetchone()
        if owner is None:
            raise _not_found("course", course_id)
        if owner[0] != patient_id:
            raise InvalidInput([FieldError("course_id", said("not_patient_course"))])
    created = utcnow()
    digest = hashlib.sha256(pdf).hexdigest()
    cursor = conn.execute(
        "INSERT INTO document (patient_id, course_id, kind, language, created_at, actor,"
        " sha256, pdf) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (patient_id, course_id, kind, language, sqlite_time(created), actor, digest, pdf),
    )
    document_id = int(cursor.lastrowid or 0)
    salt = salt_for(sql, patient_id)
    state = read_state(sql, document_spec(conn), document_id)
    assert state is not None  # inserted just now, in this transaction
    next_id, head = chain_tail(sql)
    entry = Entry(
        id=next_id,
        at=utcnow(),
        actor=actor,
        action="generate",
        entity="document",
        entity_id=document_id,
        patient_id=patient_id,
        reason=None,
        row_hash=state_hash(salt, state),
        before_hash=None,
    )
    append_after(sql, head, entry, None, salt)
    planned = None
    if db.path is not None and not db.read_only:

        def rows(text: str, params: Mapping[str, object]) -> list[Sequence[Any]]:
            return conn.execute(text, dict(params)).fetchall()

        planned = plan_anchor(db.path, rows)
    made = DocumentDTO(
        id=document_id,
        patient_id=patient_id,
        course_id=course_id,
        kind=kind,
        language=language,
        created_at=created,
        actor=actor,
        sha256=digest,
        size=len(pdf),
    )
    return made, planned


def document_spec(conn: sqlite3.Connection) -> EntitySpec:
    """What a document's state is, from the file's own description of the table (at the
    head revision the same as the models', which tests/db/test_audit_state.py keeps)."""
    info = conn.execute("PRAGMA table_info('document')").fetchall()
    columns = [(row[1], declared_kind(row[2])) for row in info]
    keys = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
    return build_specs({"document": (columns, keys)})["document"]


def _exists(conn: sqlite3.Connection, table: str, record_id: int) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is not None


def _not_found(table: str, record_id: int) -> RecordNotFound:
    return RecordNotFound(Message("db.not_found", what=Ref("record", table), id=record_id))


def _check_language(conn: sqlite3.Connection, code: str) -> None:
    """``code`` must be a language documents are printed in (``services.languages``)."""
    codes = tuple(
        str(row[0])
        for row in conn.execute("SELECT code FROM language WHERE for_handouts ORDER BY code")
    )
    if code not in codes:
        raise InvalidInput([FieldError("language", said("one_of", choices=", ".join(codes)))])
