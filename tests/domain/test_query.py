"""What the search field understands: name words, a birth date, phone digits."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cryolog.domain.query import MAX_WORDS, PatientQuery, parse_query


def test_words_dates_and_phones() -> None:
    assert parse_query("  ") == PatientQuery()
    assert parse_query("Иванова 02.05.1980") == PatientQuery(
        words=("иванова",), birth_date=date(1980, 5, 2)
    )
    assert parse_query("+7 (912) 123") == PatientQuery(phone_digits="7912123")
    assert parse_query("12").words == ("12",)  # too few digits for a phone number


def test_pasted_text_is_cut_to_a_few_words() -> None:
    query = parse_query(" ".join(f"word{i}" for i in range(2000)))
    assert len(query.words) == MAX_WORDS
    assert query.words[0] == "word0"


@given(st.text(max_size=400))
def test_any_text_gives_a_bounded_query(text: str) -> None:
    query = parse_query(text)
    assert len(query.words) <= MAX_WORDS
    assert all(query.words)
