"""History entries in the practitioner's words, in English and Russian."""

from __future__ import annotations

from cryolog.domain import locale as loc
from cryolog.domain.history import history_message


def test_a_change_names_the_field_and_never_says_none() -> None:
    message = history_message(
        "dr.test",
        "update",
        "patient",
        {"phone": "+7 900 000-00-00", "email": None, "birth_date": "1980-05-02", "version": 1},
        {"phone": "+7 912 123-45-67", "email": "a@b.ru", "birth_date": "1980-05-03", "version": 2},
        "typo in the phone",
    )
    english = message.render(loc.ENGLISH)
    assert english == (
        "dr.test changed the patient details (birth date: 02.05.1980 → 03.05.1980;"
        " e-mail: — → a@b.ru; phone: +7 900 000-00-00 → +7 912 123-45-67)"
        " — reason: typo in the phone"
    )
    assert "None" not in english and "version" not in english
    russian = message.render(loc.RUSSIAN)
    assert russian.startswith("dr.test: изменено — данные пациента (дата рождения: 02.05.1980")
    assert russian.endswith("— причина: typo in the phone")


def test_a_generated_document_is_said_as_such() -> None:
    message = history_message(
        "dr.test", "generate", "document", None, {"kind": "course_summary"}, None
    )
    assert message.render(loc.ENGLISH) == "dr.test generated the course summary"
    assert message.render(loc.RUSSIAN) == "dr.test: создан документ «итоги курса»"


def test_an_unknown_action_still_reads() -> None:
    message = history_message("dr.test", "merge", "patient", None, None, None)
    assert message.render(loc.ENGLISH) == "dr.test: merge — patient details"
