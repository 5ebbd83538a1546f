"""A document kept with plain SQL (``cryolog report course`` on an SQLite file) is the same
row and the same chained audit entry as one kept through the ORM: the trail verifies, the
anchor names the new entry, and bad input writes nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from cryolog.db.audit_anchor import read_anchor
from cryolog.db.audit_chain import HASH_BYTES
from cryolog.db.audit_state import model_specs
from cryolog.db.backends import Access, SqliteFileBackend
from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseReadOnly
from cryolog.domain.errors import InvalidInput, RecordNotFound
from cryolog.reports import render
from cryolog.services import Services
from cryolog.services.document_record import (
    document_spec,
    generate_course_summary,
    record_document,
)
from cryolog.services.documents import DocumentService
from cryolog.services.verify import verify_file
from tests.reports.pdftools import text

ENTRY = "SELECT actor, action, entity, entity_id, patient_id, reason, before_hash IS NULL,"
ENTRY += " content_hash IS NULL, length(row_hash) FROM audit_log WHERE id = ?"


def _counts(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as conn:
        docs = conn.execute("SELECT count(*) FROM document").fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return int(docs), int(entries)


def _ids(db: Database) -> tuple[int, int, int]:
    services = Services.open(db, actor="test")
    pid = services.patients.register(
        {"family_name": "Ørsted", "given_name": "Ваня", "birth_date": date(1980, 5, 6)}
    ).id
    other = services.patients.register(
        {"family_name": "Other", "given_name": "One", "birth_date": date(1970, 1, 2)}
    ).id
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": date.today()})
    return pid, other, course.id


def test_the_document_spec_is_the_models(db: Database) -> None:
    with closing(db.storage.connect()) as conn:
        assert document_spec(conn) == model_specs()["document"]


def test_a_summary_kept_with_plain_sql_is_what_the_orm_keeps(db: Database, db_path: Path) -> None:
    pid, _, cid = _ids(db)
    orm_record, orm_pdf = DocumentService(db, "cli.user").generate("course_summary", cid, render)
    delivered: list[bytes] = []
    plain_record, plain_pdf = generate_course_summary(
        db, "cli.user", cid, render, deliver=delivered.append
    )
    assert delivered == [plain_pdf]
    assert plain_pdf == orm_pdf  # same day, same data: the same bytes
    assert "Ørsted Ваня" in text(plain_pdf)
    kept = DocumentService(db, "x").documents(pid)
    assert kept[0] == plain_record and kept[1] == orm_record
    assert DocumentService(db, "x").pdf(plain_record.id) == plain_pdf
    with closing(sqlite3.connect(db_path)) as conn:
        orm_id, plain_id = (
            r[0]
            for r in conn.execute(
                "SELECT id FROM audit_log WHERE entity = 'document' ORDER BY id"
            ).fetchall()
        )
        orm_entry = conn.execute(ENTRY, (orm_id,)).fetchone()
        plain_entry = conn.execute(ENTRY, (plain_id,)).fetchone()
    assert orm_entry[3] == orm_record.id and plain_entry[3] == plain_record.id
    assert orm_entry[:3] + orm_entry[4:] == plain_entry[:3] + plain_entry[4:]
    assert plain_entry[8] == HASH_BYTES
    report = verify_file(db_path)
    assert report.ok, [b.line() for b in report.breaks]
    anchor = read_anchor(db_path)
    assert anchor is not None and anchor.head.entry_id == plain_id


def test_bad_input_writes_nothing(db: Database, db_path: Path) -> None:
    pid, other, cid = _ids(db)
    pdf = b"%PDF-1.4 a small stand-in"
    before = _counts(db_path)
    with pytest.raises(InvalidInput):
        record_document(db, "u", pid, cid, "course_summary", pdf, "xx")
    with pytest.raises(InvalidInput):
        record_document(db, "u", other, cid, "course_summary", pdf, "en")  # not theirs
    with pytest.raises(RecordNotFound):
        record_document(db, "u", 10**12, None, "course_summary", pdf, "en")
    with pytest.raises(RecordNotFound):
        record_document(db, "u", pid, 10**12, "course_summary", pdf, "en")
    with pytest.raises(InvalidInput):
        record_document(db, "u", pid, cid, "course_summary", b"not a pdf", "en")
    with pytest.raises(InvalidInput):
        record_document(db, "u", pid, cid, "letter", pdf, "en")
    with pytest.raises(RecordNotFound):
        generate_course_summary(db, "u", 10**12, render)
    assert _counts(db_path) == before


def test_a_file_opened_read_only_is_refused_with_its_reason(db: Database, db_path: Path) -> None:
    _, _, cid = _ids(db)
    before = _counts(db_path)
    backend = SqliteFileBackend(db_path)
    backend.open_read_only(Access.READ_ONLY, "The disk is full (a test says so).")
    ro = open_database(backend, create=False, verify=False)
    try:
        assert ro.read_only
        with pytest.raises(DatabaseReadOnly, match="disk is full"):
            generate_course_summary(ro, "u", cid, render)
    finally:
        ro.dispose()
    assert _counts(db_path) == before


@pytest.mark.tampered
def test_an_anchor_the_file_no_longer_holds_is_kept_as_evidence(
    db: Database, db_path: Path
) -> None:
    _, _, cid = _ids(db)
    anchor = read_anchor(db_path)
    assert anchor is not None
    raw = anchor.path.read_bytes().replace(
        f'"entry_id": {anchor.head.entry_id}'.encode(), b'"entry_id": 999999'
    )
    anchor.path.write_bytes(raw)  # as if the newest entries had been cut off the file
    generate_course_summary(db, "u", cid, render)
    assert anchor.path.read_bytes() == raw
    assert verify_file(db_path).breaks  # and verify reports it
