"""One-word searches read the name prefixes' key: the same answers as "any name token starts
with the word", in the list's order, page after page, archived patients left out, and the
prefixes follow a renamed patient."""

from __future__ import annotations

import random
import shutil
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from cryolog.db.database import Database, open_database
from cryolog.domain.text import PREFIX_LEN, fold, name_prefixes, name_tokens
from cryolog.services import Services
from cryolog.services.search import PageKey
from tests.services.conftest import other_patient, patient_data

pytestmark = pytest.mark.both_backends

FAMILIES = ["Мартынова", "Martin", "Marková", "Müller", "Иванова", "Ivanov", "Smith", "Søren"]
GIVENS = ["Maria", "Мария", "Anna", "Mark", "Ivan", "Sophie", "Алёна", "Mårten"]


@pytest.fixture
def crowd(db: Database) -> tuple[Services, dict[int, tuple[str, set[str], bool]]]:
    """60 patients with overlapping names; every fifth archived."""
    services = Services.open(db, actor="dr.test")
    rng = random.Random(7)
    known: dict[int, tuple[str, set[str], bool]] = {}
    for n in range(60):
        family = f"{rng.choice(FAMILIES)}{'' if n % 3 else '-' + rng.choice(FAMILIES)}"
        given = rng.choice(GIVENS)
        row = services.patients.register(
            patient_data(
                family_name=family,
                given_name=given,
                middle_name="",
                phone="",
                birth_date=date(1950, 1, 1) + timedelta(days=97 * n),
            )
        )
        archived = n % 5 == 0
        if archived:
            services.patients.archive(row.id, "moved to another city")
        sort = fold(" ".join((family, given, "")))
        known[row.id] = (sort, name_tokens(family, given, ""), archived)
    return services, known


def _expected(known: dict[int, tuple[str, set[str], bool]], word: str, archived: bool) -> list[int]:
    hits = [
        (sort, pid)
        for pid, (sort, tokens, gone) in known.items()
        if (archived or not gone) and any(t.startswith(word) for t in tokens)
    ]
    return [pid for _sort, pid in sorted(hits)]


WORDS = ["m", "ma", "mar", "и", "ива", "s", "so", "maria", "MÅR", "zz"]


def test_pages_of_one_word_match_every_token_start_in_list_order(
    crowd: tuple[Services, dict[int, tuple[str, set[str], bool]]],
) -> None:
    services, known = crowd
    for word in WORDS:
        for archived in (False, True):
            seen: list[int] = []
            after: PageKey | None = None
            for _ in range(100):
                page = services.search.search_page(
                    word, include_archived=archived, limit=7, after=after
                )
                seen += [r.id for r in page.rows]
                after = page.after
                if after is None:
                    break
            assert seen == _expected(known, fold(word), archived), (word, archived)
            assert len(set(seen)) == len(seen)
    assert _expected(known, "m", False) and _expected(known, "m", True) != _expected(
        known, "m", False
    )


def _expected_all(
    known: dict[int, tuple[str, set[str], bool]], words: list[str], archived: bool
) -> list[int]:
    hits = [
        (sort, pid)
        for pid, (sort, tokens, gone) in known.items()
        if (archived or not gone) and all(any(t.startswith(w) for t in tokens) for w in words)
    ]
    return [pid for _sort, pid in sorted(hits)]


SEVERAL = ["ma an", "an ma", "m и", "mar mart", "müller-m", "s so sophie", "иванова мар", "m zz"]


def test_pages_of_several_words_match_every_word_in_list_order(
    crowd: tuple[Services, dict[int, tuple[str, set[str], bool]]],
) -> None:
    services, known = crowd
    matched = 0
    for text in SEVERAL:
        words = [w for chunk in text.split() for w in name_tokens(chunk)]
        for archived in (False, True):
            seen: list[int] = []
            after: PageKey | None = None
            for _ in range(100):
                page = services.search.search_page(
                    text, include_archived=archived, limit=3, after=after
                )
                seen += [r.id for r in page.rows]
                after = page.after
                if after is None:
                    break
            expected = _expected_all(known, words, archived)
            assert seen == expected, (text, archived)
            assert [r.id for r in services.search.search(text, include_archived=archived)] == (
                expected
            )
            matched += len(expected)
    assert matched > 20  # the words do meet: the pages above were not all empty


def test_a_word_that_begins_another_is_not_asked_for_again(
    crowd: tuple[Services, dict[int, tuple[str, set[str], bool]]],
) -> None:
    services, known = crowd
    statements: list[str] = []
    real = services.search.db.rows

    def seen(sql: str, params: Any) -> Any:
        statements.append(sql)
        return real(sql, params)

    services.search.db.rows = seen  # type: ignore[method-assign]
    try:
        rows = services.search.search_page("mar mart m").rows  # "m", "mar" begin "mart"
    finally:
        services.search.db.rows = real  # type: ignore[method-assign]
    assert [r.id for r in rows] == _expected_all(known, ["mart"], False)
    assert len(statements) == 1 and "y0" not in statements[0], statements


def test_a_renamed_patient_leaves_no_old_prefix_behind(db: Database) -> None:
    services = Services.open(db, actor="dr.test")
    row = services.patients.register(other_patient("Zabolotnaya", given_name="Xenia"))
    services.patients.edit(
        row.id,
        other_patient("Quince", given_name="Xenia") | {"phone": row.phone},
        reason="married name, per passport",
    )
    assert [r.id for r in services.search.search("zab")] == []
    assert [r.id for r in services.search.search("quin")] == [row.id]
    assert [r.id for r in services.search.search("x")] == [row.id]  # one entry, not two
    stored = db.rows(
        "SELECT prefix, search_name FROM patient_name_prefix WHERE patient_id = :p ORDER BY prefix",
        {"p": row.id},
    )
    middle = other_patient("Quince")["middle_name"]
    assert [r[0] for r in stored] == name_prefixes(name_tokens("Quince", "Xenia", middle))
    assert {r[1] for r in stored} == {fold(f"Quince Xenia {middle}")}


def test_a_word_longer_than_the_prefixes_still_finds(db: Database) -> None:
    services = Services.open(db, actor="dr.test")
    long_name = "Wolfeschlegelsteinhausenbergerdorff"
    assert len(fold(long_name)) > PREFIX_LEN
    row = services.patients.register(other_patient(long_name))
    assert [r.id for r in services.search.search(long_name[:30])] == [row.id]
    assert [r.id for r in services.search.search(long_name[:5])] == [row.id]


FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"


@pytest.mark.sqlite_only  # an old file upgraded by the real migrations
def test_an_upgraded_file_gets_the_prefixes_of_its_patients(tmp_path: Path) -> None:
    target = tmp_path / "practice.db"
    shutil.copy(FIXTURE, target)
    db = open_database(target)
    try:
        with closing(sqlite3.connect(target)) as conn:
            tokens: dict[int, set[str]] = {}
            for pid, token in conn.execute("SELECT patient_id, token FROM patient_name_token"):
                tokens.setdefault(pid, set()).add(token)
            sorts = dict(conn.execute("SELECT id, search_name FROM patient").fetchall())
            stored = set(
                conn.execute("SELECT prefix, search_name, patient_id FROM patient_name_prefix")
            )
        assert len(tokens) == 3
        assert stored == {
            (p, sorts[pid], pid) for pid, ts in tokens.items() for p in name_prefixes(ts)
        }
        services = Services.open(db, actor="dr.test")
        assert [r.family_name for r in services.search.search("o")] == ["O'Brien"]
    finally:
        db.dispose()
