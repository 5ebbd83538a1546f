"""The icon in every size the desktops ask for, and in the Windows and macOS formats."""

from __future__ import annotations

import pytest
from PIL import Image

from cryolog import APP_ID
from tests.packaging.conftest import ROOT, load

render_icons = load("render_icons")


@pytest.mark.parametrize("size", render_icons.SIZES)
def test_png_at_every_size(size: int) -> None:
    with Image.open(render_icons.png_path(size, APP_ID)) as image:
        assert image.size == (size, size) and image.mode == "RGBA"
        corner, centre = image.getpixel((0, 0)), image.getpixel((size // 2, size // 2))
        assert corner[3] < 128 < centre[3]  # rounded corners are clear, the middle is drawn


def test_windows_icon_holds_every_size() -> None:
    with Image.open(render_icons.OUT / "cryolog.ico") as image:
        assert image.format == "ICO"
        assert set(render_icons.ICO_SIZES) <= {w for w, _h in image.info["sizes"]}


def test_macos_icon_opens() -> None:
    with Image.open(render_icons.OUT / "cryolog.icns") as image:
        assert image.format == "ICNS" and image.size[0] >= 512


def test_the_drawings_are_svg_of_our_own() -> None:
    for name in ("cryolog.svg", "cryolog-small.svg"):
        text = (ROOT / "resources" / "icons" / name).read_text()
        assert text.lstrip().startswith("<?xml") and "<svg" in text
        assert "<image" not in text  # drawn, not an embedded picture
