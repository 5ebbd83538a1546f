"""Messages that appear and go — error labels next to fields, a form's general message, the
session's "why not" line and its alarm strip — never move a field under the mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.domain.errors import FieldError, InvalidInput
from cryolog.services import Services
from cryolog.ui.main_window import MainWindow
from cryolog.ui.record.record_view import PatientRecordView
from tests.ui.conftest import FakeClock
from tests.ui.record_setup import open_record, seed, settle, start_panel


def _places(top: QWidget, widgets: list[QWidget]) -> list[QRect]:
    QApplication.processEvents()
    return [QRect(w.mapTo(top, QPoint(0, 0)), w.size()) for w in widgets]


def test_patient_dialog_fields_stay_put_when_errors_appear_and_go(
    qtbot: QtBot, db: Database
) -> None:
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    dialog = window.new_patient()
    qtbot.waitExposed(dialog)
    f = dialog.form
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    watched: list[QWidget] = [f.given, f.birth, f.height_cm, f.phone, save]
    before = _places(dialog, watched)
    save.click()  # nothing typed: "required" next to the family name and the birth date
    qtbot.waitUntil(lambda: "is required" in f.errors.messages("family_name"))
    assert "is required" in f.errors.messages("birth_date")
    assert _places(dialog, watched) == before
    f.height_cm.setText("1800")
    save.click()
    qtbot.waitUntil(lambda: "50 … 250 cm" in f.errors.messages("height_cm"))
    assert _places(dialog, watched) == before
    f.errors.clear()
    assert _places(dialog, watched) == before


@pytest.fixture
def view(qtbot: QtBot, db: Database) -> PatientRecordView:
    return open_record(qtbot, seed(db))


def test_consent_fields_stay_put_when_a_refusal_is_shown(
    qtbot: QtBot, view: PatientRecordView, monkeypatch: pytest.MonkeyPatch
) -> None:
    view.tabs.setCurrentWidget(view.pretreatment)
    consent = view.consent
    watched: list[QWidget] = [consent.version, consent.notes, consent.save_button]
    before = _places(consent, watched)
    long = "; ".join(["a consent cannot be signed before the patient was registered"] * 3)

    def refuse(*args: object, **kwargs: object) -> object:
        raise InvalidInput([FieldError("signed_on", long), FieldError("", long)])

    monkeypatch.setattr(type(view.services.pretreatment), "record_consent", refuse)
    consent.notes.setText("changed")
    consent.save_button.click()
    qtbot.waitUntil(lambda: consent.errors.general.isVisible(), timeout=10_000)
    assert consent.errors.messages("signed_on") == long  # whole, even where it is cut short
    assert consent.errors.general.toolTip() == long
    assert _places(consent, watched) == before
    consent.errors.clear()
    assert _places(consent, watched) == before


def test_session_form_stays_put_when_the_why_not_line_and_the_alarm_come_and_go(
    qtbot: QtBot, view: PatientRecordView
) -> None:
    panel = start_panel(qtbot, view)
    form = panel.form
    watched: list[QWidget] = [form.duration.edit, form.device, form.applicator, panel.start_button]
    shown_before = panel.reason.isVisible()
    before = _places(panel, watched)
    form.duration.edit.setText("abc")  # cannot be read: the steps say why not
    qtbot.waitUntil(lambda: panel.reason.isVisible() != shown_before or bool(panel.reason.text()))
    assert _places(panel, watched) == before
    assert "(duration (s))" in panel.reason.text()  # the field's label, not its name
    panel._ring(1)  # the exposure timer's alarm
    assert panel.alarm_strip.isVisible()
    assert _places(panel, watched) == before
    panel.stop()
    form.duration.edit.setText("5:00")
    settle(qtbot, view)
    assert _places(panel, watched) == before


def test_a_long_field_message_keeps_its_one_line_and_says_the_rest_in_its_tooltip(
    qtbot: QtBot, db: Database
) -> None:
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    dialog = window.new_patient()
    qtbot.waitExposed(dialog)
    label = dialog.form.errors._labels["family_name"]
    height = label.height()
    text = ", ".join(["must hold at least one visible letter, not only digits or signs"] * 4)
    dialog.form.errors.show(InvalidInput([FieldError("family_name", text)]))
    QApplication.processEvents()
    assert label.isVisible() and label.height() == height
    assert label.toolTip() == text and dialog.form.errors.messages("family_name") == text


def test_ice_cube_fields_stay_put_while_the_timer_calls_and_after_a_negative(
    qtbot: QtBot, view: PatientRecordView, clock: FakeClock
) -> None:
    view.tabs.setCurrentWidget(view.cold_tests)
    ice = view.cold_tests.ice
    watched: list[QWidget] = [ice.start_button, ice.remove_button, ice.day, ice.result]
    watched.append(ice.save_button)
    before = _places(ice, watched)
    ice.start_button.click()
    clock.advance(300)
    ice.timer.tick()  # the alarm: remove the cube now (red, with its padding)
    assert "⚠" in ice.mark()
    assert _places(ice, watched) == before
    ice.remove_button.click()
    clock.advance(120)
    ice.timer.tick()
    assert ice.read_early.isVisibleTo(ice)  # "read early" offered while waiting
    assert _places(ice, watched) == before
    clock.advance(480)
    ice.timer.tick()
    ice.save_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: ice.repeat_buttons[600].isVisibleTo(ice), timeout=10_000)
    assert _places(ice, watched) == before  # the repeat buttons came in their own room
