"""The patient list model pages by key: scrolling to the end shows every patient once, in
the search's order, each page fetched after the previous one's last row; a count past the
cap shows as "N+"."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.services import search as search_module
from cryolog.ui import models, patient_list
from cryolog.ui.main_window import MainWindow
from cryolog.ui.models import ROW_ROLE


def test_scrolling_to_the_end_fetches_keyed_pages(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "PAGE", 4)
    s = Services.open(db, "tester")
    for i in range(11):  # the same name twice over (other people): ties go by id
        born = date(1980 + i, 1, 1)
        s.patients.register({"family_name": f"Name{i % 6}", "birth_date": born})
    asked: list[object] = []
    real = search_module.SearchService.search_page

    def spy(self: search_module.SearchService, text: str, **kw: object) -> object:
        asked.append(kw.get("after"))
        return real(self, text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(search_module.SearchService, "search_page", spy)
    window = MainWindow(s)
    qtbot.addWidget(window)
    model = window.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    # the first page; the window's own view may already be fetching the next ones
    qtbot.waitUntil(lambda: model.rowCount() >= 4)

    def scrolled_to_the_end() -> bool:  # as the view does when there is room for more
        if model.canFetchMore():
            model.fetchMore()
        return model.rowCount() == 11

    qtbot.waitUntil(scrolled_to_the_end)
    qtbot.wait(50)
    assert not model.canFetchMore()  # the last page said so
    shown = [model.index(r, 0).data(ROW_ROLE).id for r in range(model.rowCount())]
    assert shown == [p.id for p in s.search.search("", limit=100)]
    assert len(set(shown)) == 11
    keys = [a for a in asked if a is not None]
    assert sorted({k.shown for k in keys}) == [4, 8]  # type: ignore[attr-defined]


def test_a_count_past_the_cap_says_so(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "PAGE", 2)
    monkeypatch.setattr(patient_list, "COUNT_CAP", 3)
    real_count = search_module.SearchService.count
    monkeypatch.setattr(
        search_module.SearchService,
        "count",
        lambda self, text, **kw: real_count(self, text, include_archived=False, cap=3),
    )
    s = Services.open(db, "tester")
    for i in range(6):
        s.patients.register({"family_name": f"Name{i}", "birth_date": date(1980, 1, 1)})
    window = MainWindow(s)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.patients.status.text() == "3+ patients", timeout=10_000)
