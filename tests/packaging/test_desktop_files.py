"""The desktop entry and the AppStream file: valid by Debian's own validators, and agreeing
with the program (its id, version and name)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cryolog import APP_ID, __version__
from cryolog.ui.desktop import app_icon
from tests.packaging.conftest import PACKAGING

DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (scripts/system-deps.sh installs it)")
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=60)


def test_desktop_entry_passes_desktop_file_validate() -> None:
    done = _run("desktop-file-validate", str(DESKTOP))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower() and "warning" not in done.stdout.lower()


def test_metainfo_passes_appstreamcli_validate() -> None:
    done = _run("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "W:" not in done.stdout and "E:" not in done.stdout


def test_a_broken_metainfo_file_is_refused(tmp_path: Path) -> None:
    """The validator really judges: the same file without its summary fails."""
    broken = tmp_path / METAINFO.name
    broken.write_text(
        METAINFO.read_text().replace("<summary>", "<!--").replace("</summary>", "-->")
    )
    assert _run("appstreamcli", "validate", "--no-net", str(broken)).returncode != 0


def test_desktop_entry_names_the_program_and_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    fields = entry["Desktop Entry"]
    assert fields["Exec"] == "cryolog"  # install.sh writes the built folder's path in
    assert fields["Icon"] == APP_ID
    assert fields["Terminal"] == "false"
    assert (PACKAGING / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert not app_icon().isNull()


def test_metainfo_agrees_with_the_program() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name  # type: ignore[union-attr]
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == __version__
    assert root.find("content_rating") is not None
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    # no address we do not have: no screenshots, no links
    assert root.find("screenshots") is None and root.find("url") is None
    assert "http" not in METAINFO.read_text().split("-->", 1)[1]
