"""What goes into the built folder, for each system: read by cryolog.spec, and by the tests.

Kept apart from the spec (which only PyInstaller can run) so that the Windows and macOS
branches are checked on any machine: their icons exist in the right format, the window
program has no console, the macOS bundle carries the application id.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "packaging" / "icons"
NAME = "cryolog"

# Modules that reach the analysis through optional imports of our libraries (pydantic's
# mypy plugin, test helpers, image formats ReportLab never meets) but that the program
# never runs. Pillow itself stays: ReportLab imports it.
EXCLUDED_MODULES = (
    "mypy",
    "pydantic.mypy",
    "hypothesis",
    "pytest",
    "_pytest",
    "pytestqt",
    "pypdf",
    "ruff",
    "pip",
    "setuptools",
    "pkg_resources",
    "distutils",
    "tkinter",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "IPython",
    "numpy",
    "librt",
    "ast_serialize",
    # phonenumbers' place names, carriers and time zones (the app parses and formats only)
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    "pygments",
)

_QT = "PySide6/Qt/"
# Qt parts the program does not use: other platforms' backends, input devices, network
# plugins, Qt Quick/QML, Designer, the web engine and 3D (should a future PySide6 pull
# them in), and the software OpenGL fallback on Windows.
DROPPED = (
    _QT + "plugins/egldeviceintegrations/*",
    _QT + "plugins/generic/*",
    _QT + "plugins/networkinformation/*",
    _QT + "plugins/tls/*",
    _QT + "plugins/platformthemes/*gtk3*",
    _QT + "plugins/platforms/*eglfs*",
    _QT + "plugins/platforms/*linuxfb*",
    _QT + "plugins/platforms/*minimalegl*",
    _QT + "plugins/platforms/*vnc*",
    _QT + "plugins/platforms/*vkkhrdisplay*",
    _QT + "plugins/platforms/*direct2d*",
    _QT + "qml/*",
    "*Qt6EglFS*",
    "*Qt6EglFsKmsSupport*",
    "*Qt6Qml*",
    "*Qt6Quick*",
    "*Qt6Designer*",
    "*Qt6WebEngine*",
    "*Qt63D*",
    "*Qt6Pdf*",
    "*Qt6Multimedia*",
    "*opengl32sw.dll",
)
# Within these folders only the listed files are kept.
ONLY = {
    _QT + "plugins/imageformats/": ("*qsvg*", "*qico*"),
    # Qt's own texts in the languages the window or the handouts speak
    _QT + "translations/": ("qtbase_en.qm", "qtbase_ru.qm", "qtbase_de.qm"),
}


@dataclass(frozen=True)
class Options:
    """The executable's settings on one system."""

    icon: Path | None
    console: bool  # the window program; the command line always gets a console
    cli_name: str | None  # a second, console program for the commands (Windows)
    bundle_identifier: str | None  # macOS: the .app's id
    strip: bool  # debug symbols out of the libraries (not where signatures must hold)


def options(platform: str = sys.platform) -> Options:
    from cryolog import APP_ID

    if platform == "win32":
        return Options(ICONS / "cryolog.ico", False, f"{NAME}-cli", None, strip=False)
    if platform == "darwin":
        return Options(ICONS / "cryolog.icns", False, None, APP_ID, strip=False)
    return Options(None, True, None, None, strip=True)


def keep(destination: str) -> bool:
    """Whether a file the analysis collected belongs in the built folder."""
    path = destination.replace("\\", "/")
    if any(fnmatch(path, pattern) for pattern in DROPPED):
        return False
    for folder, patterns in ONLY.items():
        if path.startswith(folder):
            return any(fnmatch(path[len(folder) :], pattern) for pattern in patterns)
    return True


def package_files(source: Path, destination: str) -> list[tuple[str, str]]:
    """Every file under ``source`` (no caches) as PyInstaller data: (file, folder)."""
    files = []
    for path in sorted(source.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            folder = Path(destination, path.parent.relative_to(source)).as_posix()
            files.append((str(path), folder))
    return files


def data_files() -> list[tuple[str, str]]:
    """Alembic's scripts (it reads them from disk) and every resource of the package:
    fonts, handout texts, icons, translations, message catalogs."""
    from cryolog.reports.resources import resource_dir

    migrations = ROOT / "cryolog" / "db" / "migrations"
    return [
        *package_files(migrations, "cryolog/db/migrations"),
        *package_files(resource_dir(), "cryolog/resources"),
    ]
