"""Phone search as numbers are dictated: any run of 3+ digits, national forms, near misses."""

from __future__ import annotations

from datetime import date

import pytest

from cryolog.db.database import Database
from cryolog.services import Services

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

NUMBERS = {
    "Russian": "+7 912 385-67-89",
    "French": "+33 6 12 34 56 78",
    "Local": "8 (903) 555-12-34",  # typed nationally; the practice is in Russia
    "German": "+49 30 1234567",
}


@pytest.fixture
def services(db: Database) -> Services:
    s = Services.open(db, "dr.test")
    s.practice.update_practice({"country": "RU"})
    for n, (family, phone) in enumerate(NUMBERS.items()):
        s.patients.register(
            {"family_name": family, "birth_date": date(1970 + n, 1, 2), "phone": phone}
        )
    return s


def found(services: Services, text: str) -> set[str]:
    return {p.family_name for p in services.search.search(text)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("385-67", {"Russian"}),
        ("38567", {"Russian"}),
        ("(912) 385", {"Russian"}),
        ("+7 912 385 67 89", {"Russian"}),
        ("8 912 385-67-89", {"Russian"}),  # trunk 8 for the country code 7
        ("89123856789", {"Russian"}),
        ("06 12 34 56 78", {"French"}),  # trunk 0 for +33
        ("0612", {"French"}),
        ("+33 612", {"French"}),
        ("33612345678", {"French"}),
        ("+7 903 555", {"Local"}),  # typed "8 (903)…", found in the international form
        ("79035551234", {"Local"}),
        ("555-12", {"Local"}),
        ("030 123", {"German"}),
        ("+49301234567", {"German"}),
        ("789", {"Russian"}),
        # near misses that must not match
        ("912 386", set()),
        ("8 913 385", set()),
        ("7 06 12", set()),
        ("+7 612 385", set()),
        ("0903 555", set()),  # a French-style trunk on a Russian number
        ("12", set()),  # too few digits to be a phone search
        ("385-68", set()),
    ],
)
def test_phone_search_formats_and_near_misses(
    services: Services, query: str, expected: set[str]
) -> None:
    assert found(services, query) == expected


def test_changing_the_practice_country_reads_local_numbers_again(services: Services) -> None:
    services.practice.update_practice({"country": "FR"})
    assert found(services, "+7 903 555") == set()  # "8 (903)…" is no longer a Russian number
    assert found(services, "903 555") == {"Local"}  # as typed it is still found
    services.practice.update_practice({"country": "RU"})
    assert found(services, "+7 903 555") == {"Local"}


def test_an_edited_number_is_found_by_the_new_digits_only(services: Services) -> None:
    (patient,) = services.search.search("385-67")
    full = services.patients.get_patient(patient.id)
    data = {"family_name": full.family_name, "birth_date": full.birth_date, "phone": "+7 999 1"}
    services.patients.edit(patient.id, data, reason="the patient has a new phone number")
    assert found(services, "385-67") == set()
    assert found(services, "9991") == {"Russian"}


@pytest.mark.sqlite_only  # SQLite's query plan (EXPLAIN QUERY PLAN)
def test_the_phone_search_runs_on_the_index(services: Services, db: Database) -> None:
    from cryolog.domain.query import parse_query
    from cryolog.services.search import _where

    where, params = _where(parse_query("345-67"), False)
    plan = db.rows(f"EXPLAIN QUERY PLAN SELECT id FROM patient{where}", params)
    text = " ".join(str(row[-1]) for row in plan)
    # the key's own B-tree (a table without a rowid, 0019) or an index on it
    assert "SEARCH patient_phone_key USING" in text, text
    assert "PRIMARY KEY (key" in text or "INDEX" in text, text
    assert "SCAN patient_phone_key" not in text, text
