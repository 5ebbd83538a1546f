"""Every document type: qpdf finds no damage, Poppler renders it, builds are reproducible."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import reportlab

from cryolog.reports import render
from cryolog.services.document_inputs import DocumentInput
from tests.reports import samples
from tests.reports.pdftools import qpdf_check, render_png

GOLDEN = Path(__file__).parent / "golden"

DOCUMENTS: dict[str, Callable[[], DocumentInput]] = {
    "course_summary": lambda: samples.summary_input(40),
    "handout_ru": lambda: samples.handout_input("ru"),
    "handout_en": lambda: samples.handout_input("en", "ln2_applicator", "acne"),
    "consent": lambda: samples.consent_input("en"),
    "screening_blank": lambda: samples.screening_input("ru", blank=True),
    "screening": lambda: samples.screening_input("en"),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_qpdf_check_passes(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(render(DOCUMENTS[name]()))
    result = qpdf_check(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_pdftoppm_renders_every_page(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.pdf"
    pdf = render(DOCUMENTS[name]())
    path.write_bytes(pdf)
    pngs = render_png(path, tmp_path / name)
    assert pngs
    assert all(p.stat().st_size > 1000 for p in pngs)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_same_input_gives_identical_bytes(name: str) -> None:
    first = render(DOCUMENTS[name]())
    second = render(DOCUMENTS[name]())
    assert first == second


def build_stamp() -> str:
    """What else decides the bytes: the ReportLab and zlib versions."""
    return f"reportlab-{reportlab.Version} zlib-{zlib.ZLIB_RUNTIME_VERSION}"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_matches_the_golden_hash(name: str) -> None:
    """A change in layout shows up here: re-run scripts/render_documents.py --golden."""
    expected, _, stamp = (GOLDEN / f"{name}.sha256").read_text().strip().split("  ")
    if stamp != build_stamp():
        pytest.skip(f"golden hashes were made with {stamp}, this is {build_stamp()}")
    assert hashlib.sha256(render(DOCUMENTS[name]())).hexdigest() == expected
