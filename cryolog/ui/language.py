"""The window's language: the practitioner's choice in Preferences, else the system's.

The choice is the user's (kept in the user's settings, not in the database: two
practitioners may share a database and read it in their own languages). It takes effect
when cryolog starts: Qt's translations of the window and the keyed messages below it
(``domain.locale``) switch together, so a window is never half in one language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QComboBox, QWidget

from cryolog.domain import locale as loc
from cryolog.ui.translations import install_translations

if TYPE_CHECKING:
    from cryolog.services import Services
    from cryolog.ui.tasks import TaskRunner

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


# the languages documents are printed in (data: the database's ``language`` table) ---------

_handout_languages: dict[str, str] = {"en": "English", "ru": "Русский", "de": "Deutsch"}
"""Code → own name of each language handouts and forms can be printed in. Until the
database's list has been read (``refresh_handout_languages``, in the background), the
languages cryolog ships texts for."""


def handout_languages() -> dict[str, str]:
    return dict(_handout_languages)


def language_label(code: str) -> str:
    """A language by its own name ("Deutsch"), or its code when cryolog does not know it."""
    return _handout_languages.get(code) or LANGUAGE_NAMES.get(code) or code


def printable_languages(services: Services) -> dict[str, str]:
    """The database's handout languages whose texts are on disk (a worker's job)."""
    from cryolog.reports.resources import ResourceMissing, resource_dir

    try:
        folder = resource_dir() / "handouts"
    except ResourceMissing:
        return {}
    listed = services.languages.list()
    return {
        lang.code: lang.name for lang in listed if lang.handouts and (folder / lang.code).is_dir()
    }


def keep_handout_languages(languages: dict[str, str]) -> None:
    if languages:  # never an empty choice: the shipped list stays until one is read
        _handout_languages.clear()
        _handout_languages.update(languages)


def refresh_handout_languages(lane: TaskRunner, services: Services) -> None:
    """Read the list on ``lane``; combos made after it has arrived offer it."""
    lane.submit("handout-languages", lambda: printable_languages(services), keep_handout_languages)


def fill_language_combo(combo: QComboBox) -> None:
    """The handout languages, each by its own name, the code as the item's data."""
    for code, name in _handout_languages.items():
        combo.addItem(name, code)


def weekday_name(index: int, short: bool = False) -> str:
    """Monday (0) … Sunday (6) in the window's language ("Пн", "понедельник")."""
    form = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    name = QLocale(loc.window_locale().language).dayName(index + 1, form)
    return name[:1].upper() + name[1:]
