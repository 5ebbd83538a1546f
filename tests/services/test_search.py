"""Patient search: name parts, accents, Cyrillic, birth date, phone, archived."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from cryolog.db.database import Database
from cryolog.services import Services
from tests.services.conftest import patient_data

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

PEOPLE = [
    dict(
        family_name="Иванова",
        given_name="Мария",
        middle_name="Петровна",
        birth_date=date(1980, 5, 2),
        phone="+7 912 123-45-67",
    ),
    dict(
        family_name="Dupont",
        given_name="Sébastien",
        birth_date=date(1975, 1, 3),
        phone="06 12 34 56 78",
    ),
    dict(family_name="O'Brien", given_name="Siobhán", birth_date=date(1990, 11, 30)),
    dict(family_name="Ёлкина", given_name="Алёна", birth_date=date(1985, 7, 7)),
    dict(family_name="Müller-Lüdenscheidt", given_name="Jürgen", birth_date=date(1960, 2, 29)),
    dict(family_name="Ivanov", given_name="Ivan", birth_date=date(1970, 3, 3)),
]


@pytest.fixture(params=["plain reader", "engine"])
def services(request: pytest.FixtureRequest, db: Database) -> Iterator[Services]:
    """The search runs on the standard library's sqlite3 for a file, on the engine for a
    server; both must give the same answers, so every test here runs both ways."""
    if request.param == "plain reader":
        yield Services.open(db, actor="dr.test")
        return
    server_like = Database(db.url, None)  # no file path: reads go through the engine
    yield Services.open(server_like, actor="dr.test")
    server_like.dispose()


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    return {
        p["family_name"]: services.patients.register(patient_data(**{"phone": "", **p})).id
        for p in PEOPLE
    }


def names(services: Services, text: str, **kw: bool) -> list[str]:
    return [r.family_name for r in services.search.search(text, **kw)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("иванов", ["Иванова"]),
        ("ИВАН", ["Иванова"]),
        ("мария петр", ["Иванова"]),
        ("sebastien", ["Dupont"]),
        ("SÉBAST", ["Dupont"]),
        ("dup séb", ["Dupont"]),
        ("obrien", ["O'Brien"]),
        ("o'bri", ["O'Brien"]),
        ("brien", ["O'Brien"]),
        ("siobhan", ["O'Brien"]),
        ("елкина", ["Ёлкина"]),
        ("алена", ["Ёлкина"]),
        ("muller", ["Müller-Lüdenscheidt"]),
        ("ludensch", ["Müller-Lüdenscheidt"]),
        ("ivan", ["Ivanov"]),
        ("1980-05-02", ["Иванова"]),
        ("02.05.1980", ["Иванова"]),
        ("29/02/1960", ["Müller-Lüdenscheidt"]),
        ("4567", ["Иванова", "Dupont"]),  # by the number: ...4567 before ...45678
        ("+7 912", ["Иванова"]),
        ("0612", ["Dupont"]),
        ("56 78", ["Dupont"]),
        ("nobody", []),
        ("иванова 1980-05-02", ["Иванова"]),
        ("иванова 1981-05-02", []),
    ],
)
def test_search_finds(
    services: Services, people: dict[str, int], query: str, expected: list[str]
) -> None:
    assert names(services, query) == expected


def test_empty_query_lists_everyone_by_name(services: Services, people: dict[str, int]) -> None:
    listed = names(services, "")
    assert len(listed) == len(PEOPLE)
    assert listed.index("Dupont") < listed.index("Ivanov") < listed.index("Иванова")
    assert services.search.count("") == len(PEOPLE)


def test_archived_only_on_request(services: Services, people: dict[str, int]) -> None:
    services.patients.archive(people["Dupont"], "duplicate record")
    assert names(services, "dupont") == []
    found = services.search.search("dupont", include_archived=True)
    assert [(r.family_name, r.archived) for r in found] == [("Dupont", True)]
    assert services.search.count("", include_archived=True) == len(PEOPLE)
    assert services.search.count("") == len(PEOPLE) - 1


def test_renamed_patient_is_found_by_the_new_name_only(
    services: Services, people: dict[str, int]
) -> None:
    pid = people["Ivanov"]
    services.patients.edit(
        pid,
        patient_data(**{**PEOPLE[-1], "family_name": "Petrov"}),
        reason="married name, per passport",
    )
    assert names(services, "ivanov") == []
    assert names(services, "petrov") == ["Petrov"]


def test_rows_carry_real_dates_and_flags(services: Services, people: dict[str, int]) -> None:
    (found,) = services.search.search("иванова")
    assert found.id == people["Иванова"]
    assert found.birth_date == date(1980, 5, 2)
    assert (found.given_name, found.middle_name, found.archived) == ("Мария", "Петровна", False)


def test_paging(services: Services, people: dict[str, int]) -> None:
    first = services.search.search("", limit=4)
    rest = services.search.search("", limit=4, offset=4)
    assert len(first) == 4 and len(rest) == 2
    assert not {r.id for r in first} & {r.id for r in rest}


@pytest.mark.sqlite_only  # SQLite's query plan
def test_search_uses_indexes(services: Services, people: dict[str, int]) -> None:
    from sqlalchemy import text

    with services.db.read() as session:
        plan = " ".join(
            str(r[-1])
            for r in session.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT patient_id FROM patient_name_token"
                    " WHERE token >= 'ива' AND token < 'ива\U0010ffff'"
                )
            )
        )
    assert "USING COVERING INDEX" in plan or "USING INDEX" in plan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" ".join(f"иванова{i}" for i in range(3000)), []),  # pasted by mistake
        ("x" * 100_000, []),
        ("\x00иван", ["Иванова"]),
        ("\u202eиванова", ["Иванова"]),  # a right-to-left override in front
        ("%_*[", []),  # LIKE and glob characters mean nothing special
    ],
)
def test_odd_and_huge_queries_answer_quietly(
    services: Services, people: dict[str, int], text: str, expected: list[str]
) -> None:
    assert names(services, text) == expected
    assert services.search.count(text) == len(expected)
