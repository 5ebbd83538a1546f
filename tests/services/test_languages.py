"""Languages are data: the seeded list, a patient in German, an unknown code refused next
to its field, and a further language added as a row (with an audit event)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from cryolog.domain.errors import InvalidInput
from cryolog.services import Services
from tests.services.conftest import patient_data

pytestmark = pytest.mark.both_backends


def test_the_seeded_languages(services: Services) -> None:
    listed = {lang.code: lang for lang in services.languages.list()}
    assert sorted(listed) == ["de", "en", "ru"]
    assert listed["de"].handouts and not listed["de"].window
    assert listed["ru"].window and listed["ru"].name == "Русский"


def test_a_patient_can_have_german_handouts_but_not_an_unknown_language(
    services: Services,
) -> None:
    patient = services.patients.register(patient_data(handout_language="de"))
    assert patient.handout_language == "de"
    for code in ("fr", "EN", "xx-yy-zz", ""):
        with pytest.raises(InvalidInput) as caught:
            services.patients.register(patient_data(handout_language=code, family_name="B"))
        assert caught.value.for_field("handout_language"), code
    with pytest.raises(InvalidInput) as caught:
        services.patients.edit(patient.id, patient_data(handout_language="fr"), reason="x" * 12)
    assert caught.value.for_field("handout_language")
    assert services.patients.get_patient(patient.id).handout_language == "de"


def test_a_further_language_is_a_row(services: Services) -> None:
    added = services.languages.add("fr", "  Français ")
    assert (added.code, added.name, added.handouts, added.window) == ("fr", "Français", True, False)
    patient = services.patients.register(patient_data(handout_language="fr"))
    assert patient.handout_language == "fr"
    with services.db.read() as s:
        entry = s.execute(
            text(
                "SELECT a.action, c.content FROM audit_log a JOIN audit_content c"
                " ON c.entry_id = a.id WHERE a.entity = 'language'"
            )
        ).one()
    assert entry[0] == "create"
    assert json.loads(entry[1])["after"] == {"code": "fr", "handouts": True, "name": "Français"}


@pytest.mark.parametrize(
    ("code", "name", "field"),
    [
        ("f", "Français", "code"),
        ("FR", "Français", "code"),
        ("fr;drop", "Français", "code"),
        ("en", "English again", "code"),
        ("fr", "   ", "name"),
        ("fr", "123", "name"),
        ("fr", "F" * 61, "name"),
    ],
)
def test_a_bad_language_is_refused(services: Services, code: str, name: str, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.languages.add(code, name)
    assert caught.value.for_field(field)
    assert sorted(lang.code for lang in services.languages.list()) == ["de", "en", "ru"]
