"""The built folder's recipe on each system (packaging/bundle.py, read by cryolog.spec):
Windows and macOS cannot be built here, so their branches are checked as data."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from cryolog import APP_ID, __version__
from tests.packaging.conftest import PACKAGING, ROOT


def test_windows_gets_a_window_program_and_a_command_line_program(bundle: ModuleType) -> None:
    opts = bundle.options("win32")
    assert opts.console is False and opts.cli_name == "cryolog-cli"
    with Image.open(opts.icon) as icon:
        assert icon.format == "ICO"
    assert opts.bundle_identifier is None


def test_macos_gets_an_app_bundle_with_its_id_and_icon(bundle: ModuleType) -> None:
    opts = bundle.options("darwin")
    assert opts.console is False and opts.bundle_identifier == APP_ID
    with Image.open(opts.icon) as icon:
        assert icon.format == "ICNS"
    assert opts.strip is False  # stripping would break the signature


def test_linux_gets_one_program_for_the_window_and_the_commands(bundle: ModuleType) -> None:
    opts = bundle.options("linux")
    assert opts.console is True and opts.cli_name is None and opts.strip is True


@pytest.mark.parametrize(
    "kept",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\Qt\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/translations/qtbase_ru.qm",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "cryolog/resources/fonts/DejaVuSans.ttf",
    ],
)
def test_what_the_program_needs_is_kept(bundle: ModuleType, kept: str) -> None:
    assert bundle.keep(kept)


@pytest.mark.parametrize(
    "dropped",
    [
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
        "PySide6/Qt/translations/qtdeclarative_ru.qm",
        "PySide6\\opengl32sw.dll",
    ],
)
def test_what_it_does_not_use_is_pruned(bundle: ModuleType, dropped: str) -> None:
    assert not bundle.keep(dropped)


def test_migrations_and_every_resource_are_collected_as_files(bundle: ModuleType) -> None:
    files = {(Path(src).name, folder) for src, folder in bundle.data_files()}
    assert ("env.py", "cryolog/db/migrations") in files
    assert ("script.py.mako", "cryolog/db/migrations") in files
    assert ("0001_initial_schema.py", "cryolog/db/migrations/versions") in files
    assert ("DejaVuSans.ttf", "cryolog/resources/fonts") in files
    assert ("common.toml", "cryolog/resources/handouts/ru") in files
    assert ("README.md", "cryolog/resources/translations") in files
    assert ("cryolog.svg", "cryolog/resources/icons") in files
    on_disk = [p for p in (ROOT / "resources").rglob("*") if p.is_file()]
    collected = [f for f in files if f[1].startswith("cryolog/resources")]
    assert len(collected) == len(on_disk)
    assert not any(name.endswith(".pyc") for name, _ in files)


def test_the_launcher_calls_freeze_support_before_anything_else() -> None:
    """In a built application a demo worker process is this program started again; only
    freeze_support() as the first thing turns that run into the worker."""
    tree = ast.parse((PACKAGING / "launcher.py").read_text())
    guard = next(node for node in tree.body if isinstance(node, ast.If))
    first = guard.body[0]
    assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Call)
    assert ast.unparse(first.value) == "multiprocessing.freeze_support()"


def test_the_launcher_runs_the_command_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "launcher.py"), "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.startswith(f"cryolog {__version__}\n")


def test_the_demo_workers_start_the_portable_way() -> None:
    """spawn (the only method on Windows, the default on macOS), also on Linux."""
    source = (ROOT / "cryolog" / "services" / "demo" / "pipeline.py").read_text()
    assert 'multiprocessing.get_context("spawn")' in source


def test_no_path_is_built_from_the_working_folder_or_a_platform_guess() -> None:
    """Data, log and resources are found through platformdirs and the package's own
    path on every system; none from the working folder, a home-relative guess or a
    platform's environment variables."""
    forbidden = ("Path.cwd(", "os.getcwd(", "Path.home(", '"~/', "'~/", "APPDATA", "XDG_")
    offenders = [
        f"{path.relative_to(ROOT)}: {word}"
        for path in (ROOT / "cryolog").rglob("*.py")
        for word in forbidden
        if word in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
