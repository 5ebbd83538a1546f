"""The window's one number formatter (domain.locale.shown*): Russian writes a decimal
comma and a true minus, English a point and a hyphen-minus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cryolog.domain import locale as loc


@pytest.fixture
def language() -> Iterator[None]:
    yield
    loc.use_language(None)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ru", "−110,5 °C"), ("en", "-110.5 °C")],
)
def test_a_temperature(language: None, lang: str, expected: str) -> None:
    loc.use_language(lang)
    assert loc.shown_with_unit(-110.5, "°C") == expected


@pytest.mark.parametrize(
    ("lang", "number", "rng", "size"),
    [
        ("ru", "14,5", "−160 … −110 °C", "3,4 MB"),
        ("en", "14.5", "-160 … -110 °C", "3.4 MB"),
    ],
)
def test_numbers_ranges_and_sizes(
    language: None, lang: str, number: str, rng: str, size: str
) -> None:
    loc.use_language(lang)
    assert loc.shown(14.5) == number
    assert loc.shown(160) == "160" and loc.shown(2.0) == "2"
    assert loc.shown_range(-160, -110, "°C") == rng
    assert loc.shown_size(int(3.4 * 1024 * 1024)) == size
    assert loc.shown_size(2048) == "2 KB"


def test_the_window_form_reads_back(language: None) -> None:
    loc.use_language("ru")
    assert loc.window_locale().parse_number(loc.shown(-110.5)) == -110.5
