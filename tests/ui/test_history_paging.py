"""The History tab shows the newest page of the trail and reads the next, older page on the
read lane when the practitioner scrolls to its end, down to the record's creation."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.services.audit_history import PAGE_SIZE
from tests.ui.record_setup import TIMEOUT_MS, open_record, seed, settle


def test_scrolling_to_the_end_loads_older_entries(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    s, pid = seeded.services, seeded.patient_id
    with s.unit() as unit:
        for n in range(PAGE_SIZE + 10):
            unit.patients.edit(
                pid,
                {
                    "family_name": "Иванова",
                    "given_name": "Мария",
                    "birth_date": date(1985, 3, 14),
                    "notes": f"visit note {n}",
                },
                reason=f"Notes brought up to date {n}",
            )
    s.patients.edit(
        pid,
        {"family_name": "Иванова", "given_name": "Мария", "birth_date": date(1985, 3, 14)},
        reason="The notes were moved to the paper file at the patient's request; " * 6,
    )
    total = len(s.records.history(pid))
    assert total > PAGE_SIZE + 10
    view = open_record(qtbot, seeded)
    view.tabs.setCurrentWidget(view.history_table)
    qtbot.waitUntil(lambda: view.history.rowCount() >= PAGE_SIZE, timeout=TIMEOUT_MS)
    settle(qtbot, view)
    assert view.history.rowCount() == PAGE_SIZE  # one page, not the whole trail
    assert "visit note" in view.history.data(view.history.index(1, 1))
    table = view.history_table
    default = table.verticalHeader().defaultSectionSize()
    qtbot.waitUntil(lambda: table.rowHeight(0) > default, timeout=TIMEOUT_MS)  # wrapped, fitted
    assert table.rowHeight(PAGE_SIZE - 1) == default  # out of view: not written yet
    bar = view.history_table.verticalScrollBar()
    bar.setValue(bar.maximum())  # the practitioner scrolls to the end
    qtbot.waitUntil(lambda: view.history.rowCount() == total, timeout=TIMEOUT_MS)
    settle(qtbot, view)
    assert not view.history.canFetchMore()
    texts = [view.history.data(view.history.index(r, 1)) for r in range(total)]
    assert [e.id for e in view.history.rows] == [e.id for e in s.records.history(pid)]
    assert texts[-1].endswith("recorded the patient details")  # the creation, last
    bar.setValue(0)
    view.reload()  # a change elsewhere: the newest page again
    settle(qtbot, view)
    assert view.history.rowCount() == PAGE_SIZE
