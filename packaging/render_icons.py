"""Render the app icon's PNG sizes and the Windows/macOS icon files from the SVGs.

    python packaging/render_icons.py      (needs rsvg-convert: Debian's librsvg2-bin)

The drawings are resources/icons/cryolog.svg and, simplified for 16-24 pixels,
cryolog-small.svg. Output (committed): packaging/icons/hicolor/<N>x<N>/apps/<id>.png,
packaging/icons/cryolog.ico and packaging/icons/cryolog.icns. Run it after changing a
drawing; tests/packaging/test_icons.py checks the results are there at every size.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons"
OUT = ROOT / "packaging" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SMALL = (16, 22, 24)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def app_id() -> str:
    sys.path.insert(0, str(ROOT))
    from cryolog import APP_ID

    return APP_ID


def png_path(size: int, name: str) -> Path:
    return OUT / "hicolor" / f"{size}x{size}" / "apps" / f"{name}.png"


def render(size: int, name: str) -> Path:
    drawing = SOURCE / ("cryolog-small.svg" if size in SMALL else "cryolog.svg")
    target = png_path(size, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["rsvg-convert", "-w", str(size), "-h", str(size), str(drawing), "-o", str(target)],
        check=True,
    )
    return target


def main() -> int:
    if shutil.which("rsvg-convert") is None:
        print("render_icons: rsvg-convert is missing (apt-get install librsvg2-bin)")
        return 1
    name = app_id()
    images = {size: Image.open(render(size, name)).convert("RGBA") for size in SIZES}
    largest = images[max(SIZES)]
    smaller = [images[s] for s in ICO_SIZES]
    largest.save(OUT / "cryolog.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=smaller)
    largest.save(OUT / "cryolog.icns", append_images=[images[s] for s in ICNS_SIZES])
    print(f"rendered {len(SIZES)} PNG sizes, cryolog.ico and cryolog.icns into {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
