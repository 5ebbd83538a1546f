"""Name search and list order are the same on a file and on a server of any collation."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from cryolog.db.database import Database
from cryolog.services import Services
from tests.conftest import POSTGRESQL

pytestmark = pytest.mark.both_backends

NAMES = ("Smith", "Иванова", "Zeta", "Äbel", "abe", "O'Brien", "Ob-Rien", "ёлкина", "Елкин")


def _register(services: Services) -> None:
    for n, name in enumerate(NAMES):
        services.patients.register(
            {"family_name": name, "given_name": "Test", "birth_date": date(1950 + n, 1, 1)}
        )


def test_the_list_is_in_code_point_order_of_the_folded_name(
    services: Services, db: Database, backend_kind: str
) -> None:
    _register(services)
    if backend_kind == POSTGRESQL:  # the server's own collation would order them otherwise
        with db.read() as s:
            assert s.execute(text("SELECT 'smith' < 'иванова'")).scalar() is False
    listed = [p.family_name for p in services.search.search("", limit=50)]
    latin = ["abe", "Äbel", "O'Brien", "Ob-Rien", "Smith", "Zeta"]
    assert listed == [*latin, "Елкин", "ёлкина", "Иванова"]  # Latin before Cyrillic


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("ab", {"abe", "Äbel"}),
        ("ел", {"ёлкина", "Елкин"}),
        ("obrien", {"O'Brien", "Ob-Rien"}),
        ("z", {"Zeta"}),
        ("ив", {"Иванова"}),
    ],
)
def test_prefix_search_finds_the_same_patients(
    services: Services, typed: str, found: set[str]
) -> None:
    _register(services)
    assert {p.family_name for p in services.search.search(typed)} == found
    assert services.search.count(typed) == len(found)
