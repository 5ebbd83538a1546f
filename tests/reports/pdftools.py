"""Reading generated PDFs back: text per page, fonts, and the Poppler/qpdf checks."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader


def pages_text(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [_normal(page.extract_text()) for page in reader.pages]


def text(pdf: bytes) -> str:
    return "\n".join(pages_text(pdf))


def _normal(value: str) -> str:
    return value.replace("\xa0", " ")


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use, and whether its program is embedded."""
    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def qpdf_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("qpdf"), "--check", str(path)], capture_output=True, text=True, check=False
    )


def render_png(path: Path, out_prefix: Path, dpi: int = 40) -> list[Path]:
    subprocess.run(
        [tool("pdftoppm"), "-r", str(dpi), "-png", str(path), str(out_prefix)],
        check=True,
        capture_output=True,
    )
    return sorted(out_prefix.parent.glob(out_prefix.name + "*.png"))
