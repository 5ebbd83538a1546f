"""The course summary read with plain SQL equals the ORM read, DTO for DTO, for every course
of a demo practice (and for the records a demo leaves out: archived rows, legacy findings,
a missing course)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from cryolog.db.database import Database, open_database
from cryolog.domain.errors import InvalidInput, RecordNotFound
from cryolog.services.demo import generate_demo
from cryolog.services.documents import DocumentService
from cryolog.services.summary_read import read_course_summary

DAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("summary-read") / "practice.db"
    db = open_database(path)
    try:
        generate_demo(db, 25, seed=7)
        yield db
    finally:
        db.dispose()


def _plain(db: Database, course_id: int, language: str = "en") -> object:
    assert db.path is not None
    with closing(db.storage.connect()) as conn:
        return read_course_summary(conn, course_id, DAY, language)


def _course_ids(path: Path) -> list[int]:
    with closing(sqlite3.connect(path)) as conn:
        return [int(r[0]) for r in conn.execute("SELECT id FROM course ORDER BY id")]


def test_every_course_of_a_demo_practice_reads_the_same(demo: Database) -> None:
    assert demo.path is not None
    ids = _course_ids(demo.path)
    assert len(ids) > 20
    service = DocumentService(demo, "test")
    shown = {"sessions": 0, "events": 0, "findings": 0, "cold": 0, "screening": 0}
    for course_id in ids:
        orm = service.course_summary(course_id, DAY, "en")
        plain = _plain(demo, course_id)
        assert plain == orm, course_id
        shown["sessions"] += len(orm.sessions)
        shown["events"] += len(orm.adverse_events)
        shown["findings"] += sum(len(s.findings) for s in orm.sessions)
        shown["cold"] += len(orm.cold_tests)
        shown["screening"] += orm.screening is not None
    assert all(shown.values()), shown  # the comparison met every kind of row


@pytest.mark.tampered
def test_archived_rows_and_unkeyed_findings_read_the_same(demo: Database) -> None:
    assert demo.path is not None
    course_id = _course_ids(demo.path)[0]
    with closing(sqlite3.connect(demo.path)) as conn, conn:
        # behind the services on purpose: states no window makes (an archived session, a
        # finding saved before keyed messages, a Russian summary)
        first = conn.execute(
            "SELECT id FROM treatment_session WHERE course_id = ? ORDER BY id", (course_id,)
        ).fetchone()[0]
        conn.execute(
            "UPDATE treatment_session SET archived_at = '2026-01-02 03:04:05.000006' WHERE id = ?",
            (first,),
        )
        conn.execute(
            "UPDATE session_finding SET message_key = NULL, message_values = NULL"
            " WHERE session_id IN (SELECT id FROM treatment_session WHERE course_id = ?)",
            (course_id,),
        )
    orm = DocumentService(demo, "test").course_summary(course_id, DAY, "ru")
    assert first not in {s.id for s in orm.sessions}
    assert _plain(demo, course_id, "ru") == orm


def test_a_missing_course_and_a_wrong_language_are_refused(demo: Database) -> None:
    with pytest.raises(RecordNotFound) as missing:
        _plain(demo, 10**9)
    with pytest.raises(RecordNotFound) as orm_missing:
        DocumentService(demo, "test").course_summary(10**9, DAY, "en")
    assert str(missing.value) == str(orm_missing.value)
    with pytest.raises(InvalidInput):
        _plain(demo, _course_ids(demo.path or Path())[0], "xx")
