"""The window's part of ``cryolog self-test``: Qt's platform plugins, the icon, the
translations folder and the main window on the demo database (all offscreen)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLibraryInfo, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QLabel

from cryolog.cli.self_checks import CheckFailed, Workspace

WINDOW_TIMEOUT_MS = 30_000
log = logging.getLogger("cryolog.self_test")

# The platform plugin a desktop session loads, by system (file name patterns).
DESKTOP_PLUGINS: dict[str, tuple[str, ...]] = {
    "linux": ("libqxcb.so", "libqwayland*.so"),
    "win32": ("qwindows.dll",),
    "darwin": ("libqcocoa.dylib",),
}
OFFSCREEN_PLUGIN = {"linux": "libqoffscreen.so", "win32": "qoffscreen.dll"}


def system_key(platform: str = sys.platform) -> str:
    return "linux" if platform.startswith("linux") else platform


def plugins_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"


def missing_plugins(folder: Path, platform: str = sys.platform) -> list[str]:
    """The platform plugins this system needs that ``folder`` lacks."""
    key = system_key(platform)
    wanted = (*DESKTOP_PLUGINS.get(key, ()), OFFSCREEN_PLUGIN.get(key, "libqoffscreen.dylib"))
    return [pattern for pattern in wanted if not any(folder.glob(pattern))]


def application() -> QApplication:
    """The running QApplication, or a new one on the offscreen platform."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    qInstallMessageHandler(_to_log)  # the offscreen platform's remarks are not for the reader
    return QApplication(["cryolog", "-platform", "offscreen"])


def _to_log(kind: QtMsgType, _context: object, message: str) -> None:
    if kind != QtMsgType.QtDebugMsg:
        log.info("Qt: %s", message)


def check_qt(_ws: Workspace) -> str:
    folder = plugins_dir()
    missing = missing_plugins(folder)
    if missing:  # checked before Qt would stop the program over a missing plugin
        raise CheckFailed(f"Qt platform plugins missing from {folder}: {', '.join(missing)}")
    app = application()
    label = QLabel("Иванова Мария, 1985")
    label.adjustSize()
    if label.grab().isNull():
        raise CheckFailed("Qt could not draw a widget")
    return f"platform plugin {app.platformName()} loaded; desktop plugins present"


def check_icon(_ws: Workspace) -> str:
    from cryolog.ui.desktop import app_icon

    application()
    icon = app_icon()
    sizes = (16, 48, 256)
    if icon.isNull() or any(icon.pixmap(size).isNull() for size in sizes):
        raise CheckFailed("the application icon cannot be drawn (Qt's SVG support missing?)")
    return "application icon drawn at 16, 48 and 256 pixels"


def check_translations(_ws: Workspace) -> str:
    from cryolog.domain.locale import WINDOW_LANGUAGES
    from cryolog.reports.resources import ResourceMissing
    from cryolog.ui.translations import available_languages, load_translation, translations_dir

    application()
    folder = translations_dir()
    languages = available_languages(folder)
    for path in languages.values():
        load_translation(path)
    missing = sorted(set(WINDOW_LANGUAGES) - set(languages))
    if missing:
        raise ResourceMissing(f"the window's translation is missing: {', '.join(missing)}")
    return f"{len(languages)} translations loaded: {', '.join(sorted(languages))}"


def check_window(ws: Workspace) -> str:
    """The main window opens on the demo database and lists its patients."""
    from cryolog.services import Services
    from cryolog.ui.main_window import MainWindow

    db, summary = ws.demo()
    application()
    window = MainWindow(Services.open(db, "self-test"))
    try:
        window.show()
        loop = QEventLoop()
        window.model.loaded.connect(loop.quit)
        window.model.failed.connect(loop.quit)
        QTimer.singleShot(WINDOW_TIMEOUT_MS, loop.quit)
        if window.runner.is_busy():
            loop.exec()
        rows = window.model.rowCount()
        if rows == 0:
            raise CheckFailed("the main window listed no patients of the demo database")
        if window.grab().isNull():
            raise CheckFailed("the main window could not be drawn")
    finally:
        window.close()  # ends its workers
        window.deleteLater()
    return f"main window opened, {rows} of {summary.patients} patients listed"
