"""The History in pages keyed on the entry id: every entry reachable, the same entries as
one long read, and a new record's "as created" still proven (or refused) when its later
changes are on newer pages."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.services.dto import AuditEntryDTO
from tests.services.conftest import patient_data


def _all_pages(services: Services, pid: int, size: int) -> list[list[AuditEntryDTO]]:
    pages: list[list[AuditEntryDTO]] = []
    before: int | None = None
    while True:
        page = services.records.history_page(pid, before, size)
        pages.append(page.entries)
        if page.older is None:
            return pages
        before = page.older


def _edited_patient(services: Services, edits: int) -> int:
    pid = services.patients.register(patient_data(notes="first")).id
    for n in range(edits):
        services.patients.edit(pid, patient_data(notes=f"note {n}"), reason=f"Note rewritten {n}")
    return pid


def test_pages_walk_the_whole_trail_newest_first(services: Services) -> None:
    pid = _edited_patient(services, 6)
    pages = _all_pages(services, pid, 2)
    assert [len(p) for p in pages] == [2, 2, 2, 1]
    flat = [e for page in pages for e in page]
    assert flat == services.records.history(pid)  # the same entries, the same content
    assert [e.id for e in flat] == sorted((e.id for e in flat), reverse=True)
    assert flat[-1].action == "create"
    assert services.records.history_page(pid, flat[-1].id, 2).entries == []


def test_a_creation_on_a_later_page_is_shown_as_created(services: Services) -> None:
    pid = _edited_patient(services, 5)
    last = _all_pages(services, pid, 2)[-1]
    created = json.loads(last[-1].after_json or "{}")
    assert last[-1].action == "create"
    assert (created["notes"], created["id"]) == ("first", pid)


@pytest.mark.tampered
def test_a_row_changed_behind_cryolog_is_refused_on_a_later_page(
    db: Database, services: Services
) -> None:
    pid = _edited_patient(services, 5)
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:
        conn.execute("UPDATE patient SET notes = 'forged' WHERE id = ?", (pid,))
        conn.commit()
    pages = _all_pages(services, pid, 2)
    assert pages[-1][-1].action == "create"
    assert pages[-1][-1].after_json is None  # unproven: not shown
    assert json.loads(pages[0][0].after_json or "{}")["notes"] == "note 4"  # as recorded


@pytest.mark.tampered
def test_a_tampered_change_on_a_newer_page_stops_the_proof(
    db: Database, services: Services
) -> None:
    """The newest change's stored before/after is rewritten: walking back through it no
    longer meets the hashes, so the creation two pages later is not shown."""
    pid = _edited_patient(services, 5)
    before = _all_pages(services, pid, 2)
    assert json.loads(before[-1][-1].after_json or "{}")["notes"] == "first"
    newest = before[0][0]
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:  # what a generic SQLite tool can do
        guards = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
        for (name,) in conn.execute(guards, ("audit_content",)).fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        (content,) = conn.execute(
            "SELECT content FROM audit_content WHERE entry_id = ?", (newest.id,)
        ).fetchone()
        forged = str(content).replace("note 3", "forged")
        assert forged != content
        conn.execute("UPDATE audit_content SET content = ? WHERE entry_id = ?", (forged, newest.id))
        conn.commit()
    pages = _all_pages(services, pid, 2)
    assert pages[-1][-1].action == "create"
    assert pages[-1][-1].after_json is None
