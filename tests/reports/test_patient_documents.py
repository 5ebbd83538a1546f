"""Handout, consent form and screening questionnaire read back from the PDF."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cryolog.reports import render
from cryolog.reports.handout import modality_group
from cryolog.reports.localized import Language
from tests.reports import samples
from tests.reports.pdftools import fonts, pages_text, text


@pytest.mark.parametrize("language", ["en", "ru"])
def test_handout_lists_remaining_dates_and_phone(language: str) -> None:
    data = samples.handout_input(language)
    content = " ".join(text(render(data)).split())
    lang = Language(language)
    for start in data.visits:
        assert f"{lang.long_date(start.date())} {start:%H:%M}" in content
    assert samples.PHONE in content
    assert "Ёлкина Анна Сергеевна" in content


def test_handout_is_one_or_two_pages_with_large_type() -> None:
    for group in ("wbc_chamber", "ln2_spray", "cold_pack"):
        pdf = render(samples.handout_input("ru", group))
        assert 1 <= len(pages_text(pdf)) <= 2
    from cryolog.reports.handout import Handout

    assert Handout(samples.handout_input()).styles.body.fontSize >= 12


def test_handout_warning_signs_in_both_languages() -> None:
    en = " ".join(text(render(samples.handout_input("en"))).split())
    ru = " ".join(text(render(samples.handout_input("ru"))).split())
    assert "Blisters on the treated skin." in en
    assert "more than 24 hours" in en
    assert "white or grey" in en
    assert "Пузыри на обработанной коже." in ru
    assert "дольше 24 часов" in ru


def test_handout_texts_cover_every_group_and_protocol() -> None:
    from cryolog.domain.catalog import PROTOCOLS, ModalityGroup

    for code in ("en", "ru"):
        lang = Language(code)
        for group in ModalityGroup:
            texts = lang.file(group.value)
            assert texts["what"] and texts["feel"] and texts["aftercare"]
        assert set(lang.file("protocols")) == set(PROTOCOLS)
    assert modality_group(None) == "local_moderate"


def test_handout_without_booked_visits_says_so_with_the_phone() -> None:
    data = replace(samples.handout_input("en"), visits=())
    content = " ".join(text(render(data)).split())
    assert f"No visits are booked yet. Call us to book them: {samples.PHONE}." in content


@pytest.mark.parametrize("language", ["en", "ru"])
def test_consent_shows_version_name_and_signature_lines(language: str) -> None:
    data = samples.consent_input(language)
    content = text(render(data))
    assert "Lefèvre-Núñez Chloé Ångström" in content
    version = "Consent form, version 3" if language == "en" else "Форма согласия, версия 3"
    assert version in content
    signature = "Patient's signature" if language == "en" else "Подпись пациента"
    assert signature in content


def test_blank_consent_form_has_no_name() -> None:
    data = replace(samples.consent_input("en"), patient=None, consent=None)
    content = text(render(data))
    assert "Núñez" not in content
    assert "Consent form, version 3" in content


def test_screening_prefilled_ticks_the_answers() -> None:
    content = text(render(samples.screening_input("en")))
    assert "Lefèvre-Núñez Chloé Ångström" in content
    assert content.count("☒") == 4
    assert "Diabetes" in content and "Don't know" in content
    assert " ".join(samples.TRICKY_NOTE.split()) in " ".join(content.split())


def test_screening_blank_ticks_nothing() -> None:
    content = text(render(samples.screening_input("ru", blank=True)))
    assert "☒" not in content
    assert content.count("☐") == 3 * 20
    assert "Сахарный диабет" in content


def test_forms_embed_their_fonts() -> None:
    for pdf in (
        render(samples.consent_input()),
        render(samples.screening_input()),
        render(samples.handout_input()),
    ):
        used = fonts(pdf)
        assert used and all(used.values()), used


def test_the_three_handout_languages_have_the_same_keys() -> None:
    from cryolog.reports.resources import resource_dir, texts

    def keys(table: dict[str, object], prefix: str = "") -> set[str]:
        out: set[str] = set()
        for name, value in table.items():
            out.add(prefix + name)
            if isinstance(value, dict):
                out |= keys(value, f"{prefix}{name}.")
        return out

    names = sorted(p.stem for p in (resource_dir() / "handouts" / "en").glob("*.toml"))
    assert names
    for name in names:
        english = keys(texts("en", name))
        for code in ("ru", "de"):
            assert keys(texts(code, name)) == english, (code, name)


def test_a_german_handout_prints_its_german_texts() -> None:
    content = " ".join(text(render(samples.handout_input("de"))).split())
    assert "Ihre Kältetherapie: Was Sie erwartet" in content
    assert "Rufen Sie uns sofort an, wenn Sie Folgendes bemerken" in content
    assert "Blasen auf der behandelten Haut." in content
