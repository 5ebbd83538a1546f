"""A further handout language is data only: a ``language`` row and its texts in
resources/handouts/<code>/ — then the window offers it for a patient and a document, and
the handout prints in it. German is offered for handouts, never for the window."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.reports import render, resources
from cryolog.services import Services
from cryolog.services.documents import DocumentService
from cryolog.ui import language
from cryolog.ui.main_window import MainWindow
from cryolog.ui.patient_dialog import PatientDialog
from cryolog.ui.record.documents_tab import DocumentsTab
from tests.reports.pdftools import text as pdf_text
from tests.ui.record_setup import TIMEOUT_MS, seed

FRENCH_TITLE = "Votre cryothérapie : ce qui vous attend"


@pytest.fixture
def french_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The bundled resources with one more handout folder, ``fr`` (the English texts with a
    French title)."""
    real = resources.resource_dir()
    root = tmp_path / "resources"
    shutil.copytree(real / "handouts", root / "handouts")
    (root / "fonts").symlink_to(real / "fonts")
    shutil.copytree(root / "handouts" / "en", root / "handouts" / "fr")
    common = root / "handouts" / "fr" / "common.toml"
    common.write_text(
        common.read_text(encoding="utf-8").replace(
            'title = "Your cryotherapy: what to expect"', f'title = "{FRENCH_TITLE}"'
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(resources, "resource_dir", lambda: root)
    monkeypatch.setattr(language, "_handout_languages", language.handout_languages())
    resources.texts.cache_clear()
    yield root
    resources.texts.cache_clear()


def _items(combo: object) -> dict[str, str]:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def test_german_is_offered_for_handouts_not_for_the_window(qtbot: QtBot, db: Database) -> None:
    dialog = PatientDialog(Services.open(db, "dr.test"))
    qtbot.addWidget(dialog)
    offered = _items(dialog.form.language)
    assert offered == {"en": "English", "ru": "Русский", "de": "Deutsch"}
    tab = DocumentsTab()
    qtbot.addWidget(tab)
    assert "de" in _items(tab.language)
    combo = language.language_combo(language.user_settings())
    assert "de" not in {combo.itemData(i) for i in range(combo.count())}


def test_a_language_row_and_its_texts_are_offered_and_print(
    qtbot: QtBot, db: Database, french_texts: Path
) -> None:
    seeded = seed(db)
    services = seeded.services
    services.languages.add("fr", "Français")
    services.languages.add("it", "Italiano")  # a row without texts is not offered
    assert language.printable_languages(services) == {
        "de": "Deutsch",
        "en": "English",
        "fr": "Français",
        "ru": "Русский",
    }
    window = MainWindow(services)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "fr" in language.handout_languages(), timeout=TIMEOUT_MS)
    tab = DocumentsTab()
    qtbot.addWidget(tab)
    assert _items(tab.language)["fr"] == "Français"
    dialog = PatientDialog(services)
    qtbot.addWidget(dialog)
    assert "it" not in _items(dialog.form.language)
    record, pdf = DocumentService(db, "dr.test").generate(
        "handout", seeded.course_id, render, language="fr"
    )
    assert record.language == "fr"
    assert FRENCH_TITLE in " ".join(pdf_text(pdf).split())
    window.ops.shutdown()


def test_german_documents_from_the_record_and_the_summary_in_the_practitioners(
    qtbot: QtBot, db: Database
) -> None:
    from sqlalchemy import select

    from cryolog.db.models import Document
    from tests.ui.record_setup import open_record, settle

    seeded = seed(db)
    view = open_record(qtbot, seeded)
    tab = view.documents
    tab.set_language("de")
    for button in (tab.handout_button, tab.summary_button):
        with qtbot.waitSignal(view.act.launcher.opened, timeout=TIMEOUT_MS) as blocker:
            button.click()
        settle(qtbot, view)
        pdf = blocker.args[0].pdf
        content = " ".join(pdf_text(pdf).split())
        if button is tab.handout_button:
            assert "Ihre Kältetherapie" in content
        else:
            assert "Course summary" in content  # a German patient's summary: English here
    qtbot.waitUntil(lambda: tab.documents.rowCount() == 2, timeout=TIMEOUT_MS)
    with db.read() as s:
        kept = sorted((d.kind, d.language) for d in s.scalars(select(Document)))
    assert kept == [("course_summary", "en"), ("handout", "de")]
