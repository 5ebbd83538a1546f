"""Spreadsheet formula guards: text that would run as a formula is neutralised, numbers
are not, and the import takes the guard away again exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cryolog.services.export.cells import RISKY_FIRST, csv_cell, guard, unguard


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+7 912 123", "'+7 912 123"),
        ("-110.5", "'-110.5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'quoted", "''quoted"),
        ("Иванова", "Иванова"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_guard_table(text: str, guarded: str) -> None:
    assert guard(text) == guarded
    assert unguard(guarded) == text


@given(st.text())
def test_guard_round_trips_and_never_starts_risky(text: str) -> None:
    safe = guard(text)
    assert unguard(safe) == text
    assert not safe or safe[0] not in RISKY_FIRST


def test_numbers_stay_numbers_and_text_is_guarded() -> None:
    assert csv_cell(-110.5) == "-110.5"
    assert csv_cell(-5) == "-5"
    assert csv_cell("-110.5") == "'-110.5"
    assert csv_cell(True) == "true"
    assert csv_cell(None) == ""
    assert csv_cell(date(1980, 5, 2)) == "1980-05-02"
    assert csv_cell(datetime(2024, 1, 2, 3, 4, tzinfo=UTC)) == "2024-01-02T03:04:00+00:00"


def test_unguard_leaves_plain_apostrophes() -> None:
    assert unguard("'hello") == "'hello"  # not something guard() would have written
    assert unguard("O'Brien") == "O'Brien"
