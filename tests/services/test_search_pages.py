"""Keyed pages of the patient search: walking them gives the whole list once, in order,
on either path (a dense word walks the name index, a rare one sorts its matches)."""

from __future__ import annotations

from datetime import date

import pytest

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.services.search import PageKey, SearchService

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

FAMILIES = ["Marsh", "Martin", "Mills", "Martin", "Adams", "Moss", "Martin", "Zorn", "Muñoz"]


@pytest.fixture
def services(db: Database) -> Services:
    s = Services.open(db, actor="dr.test")
    for n, family in enumerate(FAMILIES * 3):  # the same names again: ties broken by id
        pid = s.patients.register(
            {"family_name": family, "given_name": f"Maria{n}", "birth_date": date(1980, 1, 1)}
        ).id
        if n % 5 == 0:
            s.patients.archive(pid, "moved away, no longer treated here")
    return s


def _walk(search: SearchService, text: str, archived: bool, size: int) -> list[int]:
    ids: list[int] = []
    after: PageKey | None = None
    while True:
        page = search.search_page(text, include_archived=archived, limit=size, after=after)
        assert len(page.rows) <= size
        ids += [p.id for p in page.rows]
        if page.after is None:
            return ids
        assert len(page.rows) == size
        after = page.after


@pytest.mark.parametrize("dense", [True, False], ids=["walk the name index", "sort matches"])
def test_walking_the_pages_gives_the_whole_list_in_order(
    services: Services, monkeypatch: pytest.MonkeyPatch, dense: bool
) -> None:
    monkeypatch.setattr(SearchService, "_dense_at", lambda _self: 1 if dense else 10**9)
    search = services.search
    for text in ("", "m", "mar", "martin maria1", "zorn", "nobody"):
        for archived in (False, True):
            whole = [p.id for p in search.search(text, include_archived=archived, limit=1000)]
            for size in (1, 4, 7):
                assert _walk(search, text, archived, size) == whole, (text, archived, size)
            assert len(set(whole)) == len(whole)
            if text in ("", "m"):
                assert len(whole) == (27 if archived else 21)
            if text == "martin maria1":
                assert len(whole) == (5 if archived else 3)


def test_the_dense_path_is_chosen_by_the_number_of_matches(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryolog.domain.query import parse_query

    monkeypatch.setattr(SearchService, "_dense_at", lambda _self: 10)
    search = services.search
    assert search._dense(parse_query("maria"))  # 27 given names
    assert not search._dense(parse_query("zorn"))  # 3
    assert not search._dense(parse_query("maria zorn"))  # every word must be dense
    assert not search._dense(parse_query("maria 01.01.1980"))  # a birth date narrows


def test_the_count_stops_at_its_cap(services: Services) -> None:
    assert services.search.count("m") == 21
    assert services.search.count("m", cap=5) == 6  # "5+"
    assert services.search.count("m", include_archived=True, cap=100) == 27
