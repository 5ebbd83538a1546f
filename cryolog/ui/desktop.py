"""What the desktop needs to know about the app: its id, icon, log, crash handler, language.

``APP_ID`` (cryolog/__init__.py) is the name the desktop entry and the AppStream file carry
(packaging/linux/); on Wayland the window is matched to its desktop entry, and so to its
icon, through it.
"""

from __future__ import annotations

import logging
import platform

from PySide6.QtCore import QCoreApplication, QSize, QTranslator, qVersion
from PySide6.QtGui import QGuiApplication, QIcon

from cryolog import APP_ID, __version__, logs
from cryolog.reports.resources import resource
from cryolog.ui.crash import CrashHandler, install_crash_handler
from cryolog.ui.language import apply_language, chosen_language

_SMALL_SIZES = (16, 22, 24)

log = logging.getLogger("cryolog.app")
_translators: list[QTranslator] = []  # alive as long as the app


def app_icon() -> QIcon:
    """The snowflake icon: a simplified drawing at the smallest sizes, the full one above."""
    icon = QIcon()
    small = str(resource("icons", "cryolog-small.svg"))
    for size in _SMALL_SIZES:
        icon.addFile(small, QSize(size, size))
    icon.addFile(str(resource("icons", "cryolog.svg")))
    return icon


def prepare_application(app: QCoreApplication) -> CrashHandler:
    """Log file, crash handler, identity, icon and translations for the window app."""
    logs.setup_logging(deferred=True)  # written from when the first page is on screen
    handler = install_crash_handler()
    app.setApplicationVersion(__version__)
    if isinstance(app, QGuiApplication):
        app.setDesktopFileName(APP_ID)
        app.setWindowIcon(app_icon())
    _translators[:] = apply_language(app, chosen_language())
    log.info(
        "window started: %s; Qt %s; platform plugin %s",
        logs.environment_summary(),
        qVersion(),
        QGuiApplication.platformName() or platform.system(),
    )
    return handler
