"""The window's translations: every .ts entry translated and current with the code, the
.qm built from it, and the window, a finding, a field error in Russian."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.domain.rules import evaluate
from cryolog.ui import language
from cryolog.ui.findings_panel import FindingsPanel
from cryolog.ui.main_window import MainWindow
from cryolog.ui.patient_dialog import PatientDialog
from cryolog.ui.preferences import PreferencesDialog
from cryolog.ui.translations import install_translations, translations_dir
from tests.domain.rule_cases import clean_case, with_session
from tests.ui.record_setup import seed

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FORMS = {"ru": 3, "en": 2}  # plural forms Qt uses for each language


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


def _entries(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name") or "", m.findtext("source") or "")
        for ctx in root.iter("context")
        for m in ctx.iter("message")
    }


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_every_entry_is_translated_none_unfinished_or_obsolete(lang: str) -> None:
    ts = translations_dir() / f"cryolog_{lang}.ts"
    messages = _messages(ts)
    assert messages
    for message in messages:
        translation = message.find("translation")
        assert translation is not None
        source = message.findtext("source")
        assert translation.get("type") is None, (source, translation.get("type"))
        if message.get("numerus") == "yes":
            forms = [f.text or "" for f in translation.iter("numerusform")]
            assert len(forms) == FORMS[lang] and all(forms), source
        else:
            assert lang != "ru" or (translation.text or "").strip(), source


def _lupdate(target: Path, *options: str) -> None:
    sources = sorted(str(p) for p in (ROOT / "cryolog" / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *options,
            *sources,
            "-ts",
            str(target),
        ],
        check=True,
        capture_output=True,
    )


def test_the_sources_hold_every_text_of_the_window_and_no_other(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh_ru.ts"
    _lupdate(fresh)
    assert _entries(fresh) == _entries(translations_dir() / "cryolog_ru.ts"), "make translations"
    plurals = tmp_path / "fresh_en.ts"
    _lupdate(plurals, "-pluralonly")
    assert _entries(plurals) == _entries(translations_dir() / "cryolog_en.ts")


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_the_shipped_qm_is_built_from_its_source(tmp_path: Path, lang: str) -> None:
    ts = translations_dir() / f"cryolog_{lang}.ts"
    built = tmp_path / f"cryolog_{lang}.qm"
    shutil.copy(ts, tmp_path / ts.name)
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(tmp_path / ts.name), "-qm", str(built)],
        check=True,
        capture_output=True,
    )
    assert built.read_bytes() == (translations_dir() / built.name).read_bytes(), "make translations"


def test_the_window_menus_and_tabs_speak_russian(qtbot: QtBot, db: Database, russian: None) -> None:
    window = MainWindow(seed(db).services)
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Файл" in menus and "&Вид" in menus and "&Справка" in menus
    assert window.tabs.tabText(0) == "Пациенты" and window.tabs.tabText(1) == "Сегодня"
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.patients.status.text() == "1 пациент")


def test_a_finding_and_a_field_error_in_russian(qtbot: QtBot, db: Database, russian: None) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    assert panel.title.text() == "<b>Проверки безопасности</b>"
    panel.show_findings(evaluate(with_session(clean_case(), bp_pre=None)))
    assert any(
        "Перед общей процедурой не записано артериальное давление." in text
        for text in panel.texts()
    )

    dialog = PatientDialog(seed(db).services)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Новый пациент"
    dialog.form.given.setText("Анна")
    dialog.save()  # no family name, no birth date
    label = dialog.form.errors._labels["family_name"]
    qtbot.waitUntil(lambda: "обязательно для заполнения" in label.text())


def test_preferences_keep_the_language_and_say_when_it_applies(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(language, "user_settings", lambda: settings)
    monkeypatch.setattr("cryolog.ui.preferences.user_settings", lambda: settings)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert language.chosen_language(settings) == "ru"  # the system's by default
    dialog = PreferencesDialog(seed(db).services)
    qtbot.addWidget(dialog)
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names[1:] == ["English", "Русский"] and "Русский" in names[0]
    assert "next time cryolog starts" in dialog.language_note.text()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save()
    assert dialog.language_changed
    assert language.chosen_language(settings) == "en"


def test_english_plurals_come_from_the_english_file(qapp: QApplication) -> None:
    """No German window: English, with its plural forms."""
    translators = install_translations(qapp, "de")
    try:
        assert translators
        texts = [QCoreApplication.translate("DocumentDialog", "%n page(s)", "", n) for n in (1, 2)]
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert texts == ["1 page", "2 pages"]
