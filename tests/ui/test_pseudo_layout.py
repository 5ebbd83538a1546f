"""The pseudo-language layout test: with every text of the window and of the message
catalogs ~40 % longer and accented, the main window, the record's tabs, the session
panel, Preferences and the booking dialog fit 1366×768 — no label or button narrower
than its text, no form that needs a horizontal scroll bar. Every dialog is checked the
same way in test_pseudo_dialogs.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.domain import locale as loc
from cryolog.domain import messages_catalog
from cryolog.domain.messages import Message, Ref
from cryolog.ui.appointments.booking_dialog import BookingDialog
from cryolog.ui.main_window import MainWindow
from cryolog.ui.preferences import PreferencesDialog
from cryolog.ui.tasks import TaskRunner
from tests.ui.pseudo import PSEUDO_LANGUAGE, load_pseudo, pseudo, write_pseudo_catalog
from tests.ui.record_setup import TIMEOUT_MS, open_record, seed, start_panel

SCREEN = (1366, 768)


@pytest.fixture
def pseudo_language(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The window's texts and the message catalogs' (what the layers below say) in the
    pseudo-language, numbers and dates written the English way."""
    translator = load_pseudo(tmp_path)
    qapp.installTranslator(translator)
    folder = write_pseudo_catalog(tmp_path / "messages")
    monkeypatch.setattr(messages_catalog, "messages_dir", lambda: folder)
    monkeypatch.setitem(
        loc.LOCALES, PSEUDO_LANGUAGE, replace(loc.ENGLISH, language=PSEUDO_LANGUAGE)
    )
    messages_catalog.catalog.cache_clear()
    loc.use_language(PSEUDO_LANGUAGE)
    yield
    loc.use_language(None)
    monkeypatch.undo()
    messages_catalog.catalog.cache_clear()
    qapp.removeTranslator(translator)


def test_the_pseudo_catalog_lengthens_keyed_messages(pseudo_language: None) -> None:
    said = Message("booking.no_place").render()
    assert said == pseudo("No place is free") and said != "No place is free"
    assert Message("booking.patient_busy", start="09:00").render().startswith("Thé pàtîéñt")
    assert "09:00" in Message("booking.patient_busy", start="09:00").render()
    assert Ref("modality", "wbc_chamber").render() == pseudo("Whole-body cryo chamber")


def test_a_keyed_message_that_does_not_fit_is_caught(qtbot: QtBot, pseudo_language: None) -> None:
    from PySide6.QtWidgets import QHBoxLayout

    top = QWidget()
    qtbot.addWidget(top)
    layout = QHBoxLayout(top)
    english = QLabel("No practitioner is free")
    english.setFixedWidth(english.sizeHint().width() + 2)  # room for the English only
    label = QLabel(Message("booking.no_practitioner").render())
    label.setFixedWidth(english.width())
    layout.addWidget(english)
    layout.addWidget(label)
    top.show()
    assert len(clipped(top)) == 1


def test_the_pseudo_language_is_longer_and_keeps_what_is_filled_in() -> None:
    text = pseudo("&Save {0} of %n <b>sessions</b>")
    assert text.startswith("&Šàvé {0} öf %n <b>šéššîöñš</b> ẍ")
    assert len(text) >= 1.35 * len("&Save {0} of %n <b>sessions</b>") - 20


def _needs(widget: QWidget) -> int | None:
    """The width ``widget``'s text needs, for the widgets whose text must show whole: a
    label that does not wrap, a button, the chosen entry of a list to choose from, a short
    number field (not a long text field, whose text may scroll)."""
    if isinstance(widget, QLabel):
        picture = widget.pixmap()
        has_picture = picture is not None and not picture.isNull()
        plain = widget.text() and not widget.wordWrap() and not has_picture
        return widget.sizeHint().width() if plain else None
    if isinstance(widget, QAbstractButton):
        return widget.sizeHint().width() if widget.text() else None
    if isinstance(widget, QComboBox) and widget.currentText() and not widget.isEditable():
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        metrics = widget.fontMetrics()
        text = QSize(metrics.horizontalAdvance(widget.currentText()), metrics.height())
        style = widget.style()
        return style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, widget).width()
    if isinstance(widget, QLineEdit) and widget.maximumWidth() <= 200 and widget.text():
        return widget.fontMetrics().horizontalAdvance(widget.text()) + 10
    return None


def clipped(top: QWidget) -> list[str]:
    """Every visible label, button or number field of ``top`` narrower than its text."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.width() <= 1:
            continue
        needs = _needs(widget)
        if needs is not None and needs > widget.width() + 1:
            shown = widget.currentText() if isinstance(widget, QComboBox) else widget.text()  # type: ignore[attr-defined]
            text = shown[:60]
            found.append(f"{type(widget).__name__} {text!r}: {needs} > {widget.width()}")
    return found


def test_the_check_sees_a_clipped_label_and_button(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    top = QWidget()
    qtbot.addWidget(top)
    layout = QHBoxLayout(top)
    label, button = QLabel(pseudo("Patients")), QPushButton(pseudo("Save"))
    for widget in (label, button):
        widget.setFixedWidth(20)
        layout.addWidget(widget)
    top.show()
    assert len(clipped(top)) == 2


def scrolled_sideways(top: QWidget) -> list[str]:
    return [
        area.objectName() or type(area.widget()).__name__
        for area in top.findChildren(QScrollArea)
        if area.isVisibleTo(top) and area.horizontalScrollBar().isVisible()
    ]


def fits(qtbot: QtBot, top: QWidget) -> list[str]:
    top.resize(*SCREEN)
    top.show()
    qtbot.waitExposed(top)
    qtbot.wait(50)  # layouts settle
    problems = clipped(top) + [f"horizontal scroll in {s}" for s in scrolled_sideways(top)]
    if top.width() > SCREEN[0] or top.height() > SCREEN[1]:
        problems.append(f"grew to {top.width()}×{top.height()}")
    hint = top.minimumSizeHint()
    if hint.width() > SCREEN[0] or hint.height() > SCREEN[1]:
        problems.append(f"needs {hint.width()}×{hint.height()}")
    return problems


def test_the_main_window_and_the_record_fit(
    qtbot: QtBot, db: Database, pseudo_language: None
) -> None:
    seeded = seed(db)
    window = MainWindow(seeded.services)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=TIMEOUT_MS)
    assert window.tabs.tabText(0) == pseudo("Patients")  # the pseudo-language is on
    assert fits(qtbot, window) == []
    view = open_record(qtbot, seeded)
    problems = []
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        problems += [f"{view.tabs.tabText(index)}: {p}" for p in fits(qtbot, view)]
    assert problems == []
    start_panel(qtbot, view)
    assert fits(qtbot, view) == []
    window.ops.shutdown()


def test_preferences_booking_and_the_patient_form_fit(
    qtbot: QtBot, db: Database, pseudo_language: None
) -> None:
    seeded = seed(db)
    dialog = PreferencesDialog(seeded.services)
    qtbot.addWidget(dialog)
    problems = []
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        problems += fits(qtbot, dialog)
    booking = BookingDialog(seeded.services, TaskRunner(), seeded.patient_id, seeded.course_id)
    qtbot.addWidget(booking)
    problems += fits(qtbot, booking)
    from cryolog.ui.patient_dialog import PatientDialog

    patient = PatientDialog(seeded.services)
    qtbot.addWidget(patient)
    problems += [f"patient dialog: {p}" for p in fits(qtbot, patient)]
    assert problems == []
