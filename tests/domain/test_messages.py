"""Keyed messages: the catalogs agree, plurals follow CLDR, values are written per locale."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from cryolog.domain import locale as loc
from cryolog.domain.catalog import MODALITIES, PROTOCOLS
from cryolog.domain.errors import FieldError, said
from cryolog.domain.messages import Message, Ref
from cryolog.domain.messages_catalog import PLURAL_KEYS, catalog, is_plural, languages, placeholders
from cryolog.domain.ranges import SKIN_TEMP
from cryolog.domain.rules import evaluate
from cryolog.domain.units import describe_duration, parse_duration
from tests.domain.rule_cases import clean_case, with_session


def test_every_window_language_has_a_catalog() -> None:
    assert set(loc.WINDOW_LANGUAGES) <= set(languages())


@pytest.mark.parametrize("language", [lang for lang in loc.WINDOW_LANGUAGES if lang != "en"])
def test_catalogs_have_the_same_keys_and_placeholders(language: str) -> None:
    english, other = catalog("en"), catalog(language)
    assert sorted(set(english) - set(other)) == [], "keys missing"
    assert sorted(set(other) - set(english)) == [], "keys English does not have"
    differing = {
        key: (sorted(placeholders(english[key])), sorted(placeholders(other[key])))
        for key in english
        if placeholders(english[key]) != placeholders(other[key])
    }
    assert differing == {}
    for key, entry in english.items():
        assert is_plural(entry) == is_plural(other[key]), key


@pytest.mark.parametrize("language", loc.WINDOW_LANGUAGES)
def test_plural_entries_have_every_form_of_their_language(language: str) -> None:
    forms = set(loc.locale_for(language).plural_forms)
    for key, entry in catalog(language).items():
        if isinstance(entry, dict):
            assert forms <= set(entry) <= PLURAL_KEYS, (key, sorted(entry))


@pytest.mark.parametrize("language", loc.WINDOW_LANGUAGES)
def test_every_catalog_term_has_a_label(language: str) -> None:
    keys = catalog(language)
    for modality_id in MODALITIES:
        assert f"modality.{modality_id}" in keys
    for protocol_id in PROTOCOLS:
        assert f"protocol.{protocol_id}" in keys


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (0, "many"),
        (1, "one"),
        (2, "few"),
        (4, "few"),
        (5, "many"),
        (11, "many"),
        (12, "many"),
        (14, "many"),
        (21, "one"),
        (22, "few"),
        (25, "many"),
        (101, "one"),
        (111, "many"),
        (1.5, "other"),
    ],
)
def test_russian_plural_categories_follow_cldr(n: float, form: str) -> None:
    assert loc.RUSSIAN.plural(n) == form


def test_plurals_render_in_each_language() -> None:
    def days(n: int, language: str) -> str:
        return Message("unit.days", n=n).render(loc.locale_for(language))

    assert [days(n, "en") for n in (1, 2, 5)] == ["1 day", "2 days", "5 days"]
    assert [days(n, "ru") for n in (1, 3, 5, 21)] == ["1 день", "3 дня", "5 дней", "21 день"]


def test_numbers_and_dates_follow_the_locale() -> None:
    temp = Message("unit.temp_both", celsius=-110.5, fahrenheit=-166.9)
    assert temp.render(loc.RUSSIAN) == "−110,5 °C (−166,9 °F)"
    assert temp.render(loc.ENGLISH) == "-110.5 °C (-166.9 °F)"
    future = said("future", day=date(2026, 12, 1))
    assert future.render(loc.ENGLISH) == "01.12.2026 is in the future"
    assert future.render(loc.MACHINE) == "2026-12-01 is in the future"
    assert future.render(loc.RUSSIAN).startswith("01.12.2026 ")


def test_a_range_problem_names_value_and_range_in_the_language() -> None:
    problem = SKIN_TEMP.problem(-7.5)
    assert problem is not None
    assert problem.render(loc.ENGLISH) == "-7.5 °C is outside -5 … 40 °C"
    assert problem.render(loc.RUSSIAN) == "−7,5 °C вне допустимого диапазона −5 … 40 °C"


def test_a_finding_renders_in_russian_and_stays_english_by_default() -> None:
    findings = evaluate(with_session(clean_case(), bp_pre=None))
    bp = next(f for f in findings if f.rule == "bp_missing")
    assert bp.message == "No pre-session blood pressure recorded for a whole-body session."
    with loc.in_locale("ru"):
        assert bp.message == "Перед общей процедурой не записано артериальное давление."
    assert bp.text.key == "rule.bp_missing"


def test_a_message_survives_its_stored_form() -> None:
    message = Message(
        "rule.daily_limit",
        others=Message("rule.other_general_sessions", n=2),
        day=date(2026, 3, 4),
        at=datetime(2026, 3, 4, 10, 30),
        drop=Decimal("12.5"),
        listed=(Ref("modality", "cold_pack"), "typed text"),
    )
    again = Message.from_json(message.to_json())
    assert again == message
    assert again.render(loc.RUSSIAN) == message.render(loc.RUSSIAN)
    with pytest.raises(ValueError):
        Message.from_json('{"unknown": 1}')


def test_a_missing_key_falls_back_to_english_then_to_the_key() -> None:
    assert Message("rule.bp_missing").render(loc.GERMAN).startswith("No pre-session")
    assert Message("no.such.key").render(loc.RUSSIAN) == "no.such.key"
    assert Message("rule.bp_over").render(loc.ENGLISH).count("{bp}") == 1


def test_a_field_error_keeps_its_code_and_renders_per_language() -> None:
    error = FieldError("name", said("required"))
    assert error.code == "required"
    assert error.message == "is required"
    with loc.in_locale("ru"):
        assert error.message == "обязательно для заполнения"
    typed = FieldError("name", "someone's own words")
    assert typed.message == "someone's own words"


def test_durations_are_written_and_read_in_russian() -> None:
    with loc.in_locale("ru"):
        assert describe_duration(150) == "2 мин 30 с"
    assert describe_duration(150) == "2 min 30 s"
    assert parse_duration("2 мин") == 120
    assert parse_duration("2 мин 30 с") == 150


@pytest.mark.parametrize(
    ("text", "value"),
    [("−110,5", -110.5), ("-110.5", -110.5), ("1 200", 1200.0), ("36,6", 36.6), ("abc", None)],
)
def test_typed_numbers_in_the_locale_forms(text: str, value: float | None) -> None:
    assert loc.RUSSIAN.parse_number(text) == value


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({}, "en"),
    ],
)
def test_the_system_language(environ: dict[str, str], language: str) -> None:
    assert loc.system_language(environ) == language
