"""The one reason rule: what is refused, what is accepted, and nothing silently changed."""

from __future__ import annotations

import pytest

from cryolog.domain.errors import InvalidInput
from cryolog.domain.reasons import (
    REASON_MAX_CHARS,
    check_reason,
    has_visible_letter,
    reason_problem,
)

REFUSED = [
    "",
    "   ",
    "x",
    "...",
    "\u200d",
    "\u200d" * 20,
    "\x00",
    "abc\x00defghijkl",
    "1234567890123",
    "!!!!!!!!!!!!!!!!",
    "too short",
    "\u202ereversed text here",
    "a" * (REASON_MAX_CHARS + 1),
    None,
    42,
]

ACCEPTED = [
    "Patient re-measured after 10 minutes of rest",
    "Ошибка ввода: не та дата",
    "Typed 30 instead of 3.",
    "  keeps the words inside  ",
    "Line one\nline two of the reason",
]


@pytest.mark.parametrize("text", REFUSED)
def test_refused(text: object) -> None:
    assert reason_problem(text) is not None
    with pytest.raises(InvalidInput) as caught:
        check_reason(text, "overrides.bp_high")
    assert caught.value.errors[0].path == "overrides.bp_high"


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted_and_only_trimmed(text: str) -> None:
    assert reason_problem(text) is None
    assert check_reason(text) == text.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Ann", True), ("Ёж", True), ("\u200d", False), ("", False), ("- 12", False), ("李", True)],
)
def test_visible_letter(text: str, expected: bool) -> None:
    assert has_visible_letter(text) is expected
