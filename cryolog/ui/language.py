"""The window's language: the practitioner's choice in Preferences, else the system's.

The choice is the user's (kept in the user's settings, not in the database: two
practitioners may share a database and read it in their own languages). It takes effect
when cryolog starts: Qt's translations of the window and the keyed messages below it
(``domain.locale``) switch together, so a window is never half in one language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtWidgets import QComboBox, QWidget

from cryolog.domain import locale as loc
from cryolog.ui.translations import install_translations

SETTING = "window/language"
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "ru": "Русский"}
"""Each window language by its own name (a Russian speaker looks for "Русский")."""


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 (the name lupdate reads)
    """Marks a text made at import time (a column title) for translation; it is translated
    where it is shown, with ``QCoreApplication.translate(context, source)``."""
    return source


def user_settings() -> QSettings:
    return QSettings("cryolog", "cryolog")


def stored_choice(settings: QSettings) -> str:
    """The language chosen in Preferences, or "" for the system's."""
    value = str(settings.value(SETTING, "") or "")
    return value if value in loc.WINDOW_LANGUAGES else ""


def chosen_language(settings: QSettings | None = None) -> str:
    """The language the window speaks: the choice, else the system's (LANG), else English."""
    choice = stored_choice(settings or user_settings())
    return choice or loc.system_language()


def store_choice(settings: QSettings, language: str) -> bool:
    """Keep ``language`` ("" = the system's); True when it differs from what was kept."""
    if language and language not in loc.WINDOW_LANGUAGES:
        raise ValueError(f"cryolog's window does not speak {language!r}")
    changed = stored_choice(settings) != language
    settings.setValue(SETTING, language)
    settings.sync()
    return changed


def apply_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Switch the window's texts and the messages below it to ``language``."""
    loc.use_language(language)
    return install_translations(app, language)


def language_combo(settings: QSettings, parent: QWidget | None = None) -> QComboBox:
    """The choice of languages, each named in itself; the current choice selected."""
    combo = QComboBox(parent)
    system = LANGUAGE_NAMES.get(loc.system_language(), "English")
    combo.addItem(
        QCoreApplication.translate("language", "The system's language ({0})").format(system), ""
    )
    for code, name in LANGUAGE_NAMES.items():
        combo.addItem(name, code)
    combo.setCurrentIndex(max(combo.findData(stored_choice(settings)), 0))
    return combo
