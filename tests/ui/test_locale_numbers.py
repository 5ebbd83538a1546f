"""Numbers in the window follow its language: Russian "−110,5 °C" (true minus, decimal
comma), English "-110.5 °C" — the session form's ranges, a session's temperature in the
course table, a course's "4 of 15", a backup's size, the clinical limits in Preferences."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.domain import locale as loc
from cryolog.ui import language
from cryolog.ui.models import RowsModel
from cryolog.ui.preferences import PreferencesDialog
from cryolog.ui.record.courses_tab import SESSION_COLUMNS
from cryolog.ui.restore_dialog import size_text
from cryolog.ui.session_form import SessionFormView
from tests.ui.record_setup import seed

EXPECTED = {
    "ru": {
        "range": "−196 … −20 °C",
        "temp": "−110,5",
        "size": "3,4 MB",
        "hint": "температура −196 … −20 °C",
    },
    "en": {
        "range": "-196 … -20 °C",
        "temp": "-110.5",
        "size": "3.4 MB",
        "hint": "temperature -196 … -20 °C",
    },
}


@pytest.fixture(params=sorted(EXPECTED))
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translators = language.apply_language(qapp, request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    loc.use_language(None)


def test_the_session_form_and_tables_write_numbers_the_languages_way(
    qtbot: QtBot, db: Database, lang: str
) -> None:
    want = EXPECTED[lang]
    form = SessionFormView()
    qtbot.addWidget(form)
    form.modality.setCurrentIndex(form.modality.findData("wbc_chamber"))
    assert want["hint"] in form.duration_hint.text()
    assert form.errors._hints["set_temp"] == want["range"]
    seeded = seed(db)
    session = seeded.services.records.patient_record(seeded.patient_id).sessions[0]
    model = RowsModel(SESSION_COLUMNS)
    model.set_rows([replace(session, set_temp_c=-110.5)])
    column = next(i for i, c in enumerate(SESSION_COLUMNS) if c.title == "Temp °C")
    shown = model.data(model.index(0, column), Qt.ItemDataRole.DisplayRole)
    assert shown == want["temp"]
    assert size_text(int(3.4 * 1024 * 1024)) == want["size"]


def test_preferences_show_the_limits_the_languages_way(
    qtbot: QtBot, db: Database, lang: str
) -> None:
    services = seed(db).services
    services.practice.set_thresholds({"skin_drop_min_c": 12.5}, reason="Practice policy change")
    dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    edit = dialog.limits["skin_drop_min_c"]
    assert edit.text() == ("12,5" if lang == "ru" else "12.5")
    default = "по умолчанию 15" if lang == "ru" else "default 15"
    assert edit.toolTip() == f"0 … 45 °C; {default}"
    assert dialog.limit_errors._hints["skin_drop_min_c"] == "0 … 45 °C"
    # what the window shows reads back as the same value: saving changes nothing
    dialog.save()
    assert services.practice.thresholds()["skin_drop_min_c"] == 12.5


def test_weekdays_are_named_in_the_windows_language(qtbot: QtBot, lang: str) -> None:
    from cryolog.ui.appointments.prefs_fields import PreferenceFields

    fields = PreferenceFields()
    qtbot.addWidget(fields)
    names = [box.text() for box in fields.days]
    assert names[0] == ("Пн" if lang == "ru" else "Mon") and len(set(names)) == 7
