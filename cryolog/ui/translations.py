"""Translations of the window: ``resources/translations/cryolog_<language>.qm``.

Found through the package's resource folder (never the working directory), so a wheel and
a built application find them the same way. A language is offered only when cryolog has a
file for it; Qt's own catalog for that language (standard buttons, file dialogs) is loaded
with it, so a window is never half in one language and half in another.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from cryolog.reports.resources import ResourceMissing, resource_dir

PREFIX = "cryolog_"
SUFFIX = ".qm"


def translations_dir() -> Path:
    folder = resource_dir() / "translations"
    if not folder.is_dir():
        raise ResourceMissing(f"cryolog's translations folder is missing ({folder})")
    return folder


def available_languages(folder: Path | None = None) -> dict[str, Path]:
    """Language code -> its compiled translation."""
    folder = folder or translations_dir()
    return {
        path.name[len(PREFIX) : -len(SUFFIX)]: path
        for path in sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))
        if path.is_file()
    }


def load_translation(path: Path) -> QTranslator:
    """A translator holding ``path``; ResourceMissing when Qt cannot read it."""
    translator = QTranslator()
    if not translator.load(str(path)):
        raise ResourceMissing(f"the translation {path.name} cannot be read")
    return translator


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load ``language`` into ``app``; English (the plural forms of the texts written in
    the code) for English or a language without a file. Keep the returned translators
    alive as long as the app uses them."""
    available = available_languages()
    path = available.get(language)
    if path is None:
        language = "en"
        path = available.get(language)
    if path is None:
        return []
    translators = [load_translation(path)]
    qt_base = QTranslator()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_base.load(f"qtbase_{language}", qt_folder):
        translators.append(qt_base)
    for translator in translators:
        app.installTranslator(translator)
    return translators
