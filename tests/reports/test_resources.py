"""The bundled resources are found, and ship in the wheel with every package."""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import find_packages

from cryolog.reports.fonts import register_fonts
from cryolog.reports.resources import resource, resource_dir

ROOT = Path(__file__).resolve().parents[2]


def test_fonts_and_licence_are_bundled() -> None:
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
        "LICENSE",
    ):
        assert resource("fonts", name).stat().st_size > 1000
    register_fonts()
    register_fonts()  # a second call is harmless


def test_pyproject_lists_every_package_and_maps_resources() -> None:
    """setuptools is given the packages by name; a new package must be added there."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = set(find_packages(str(ROOT), include=["cryolog", "cryolog.*"]))
    assert found | {"cryolog.resources"} == set(config["packages"])
    assert config["package-dir"]["cryolog.resources"] == "resources"
    assert resource_dir() == ROOT / "resources"


def test_every_resource_file_is_package_data() -> None:
    """setuptools takes exactly the package-data globs (include-package-data is off): they
    must match every file of resources/, in every folder it has or will have."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert setuptools["include-package-data"] is False
    base = ROOT / "resources"
    matched = {
        path
        for pattern in setuptools["package-data"]["cryolog.resources"]
        for path in base.glob(pattern)
        if path.is_file()
    }
    files = {p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert files - matched == set()
    assert {base / "translations" / "README.md", base / "icons" / "cryolog.svg"} <= files
