"""Render the first page of every document type to PNG under docs/documents/.

    python scripts/render_documents.py            # PDFs + PNGs into docs/documents/
    python scripts/render_documents.py --golden   # also refresh tests/reports/golden/*.sha256

The documents are built from the fixed sample inputs the tests use, so the pictures show
exactly what the tests check. Needs pdftoppm (Poppler).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryolog.reports import render  # noqa: E402
from tests.reports.test_pdf_files import DOCUMENTS, GOLDEN, build_stamp  # noqa: E402

OUT = ROOT / "docs" / "documents"
DPI = 100


def first_page_png(pdf: bytes, target: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm (Poppler) is needed to render the pages")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        prefix = Path(tmp) / "page"
        subprocess.run(
            [
                pdftoppm,
                "-r",
                str(DPI),
                "-f",
                "1",
                "-l",
                "1",
                "-png",
                "-singlefile",
                str(source),
                str(prefix),
            ],
            check=True,
        )
        shutil.copyfile(prefix.with_suffix(".png"), target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", action="store_true", help="refresh the golden hashes")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in sorted(DOCUMENTS.items()):
        pdf = render(make())
        first_page_png(pdf, OUT / f"{name}.png")
        digest = hashlib.sha256(pdf).hexdigest()
        if args.golden:
            GOLDEN.mkdir(exist_ok=True)
            (GOLDEN / f"{name}.sha256").write_text(f"{digest}  {name}.pdf  {build_stamp()}\n")
        print(f"{name:16} {len(pdf):>8} bytes  sha256 {digest[:16]}…  → {OUT / name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
