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


def test_every_handout_text_file_is_packaged() -> None:
    from fnmatch import fnmatch

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["cryolog.resources"]
    base = ROOT / "resources"
    for path in (base / "handouts").rglob("*"):
        if path.is_file():
            relative = path.relative_to(base).as_posix()
            assert any(
                fnmatch(relative, p) and relative.count("/") == p.count("/") for p in patterns
            ), relative
