"""Each document registers the faces it draws and no other (a face's file costs tens of
milliseconds to read), italics still come out italic, and a face drawn some way the story
does not show is still drawn in that face. Each case runs in a fresh interpreter, since
registered faces stay for the life of a process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from reportlab.platypus import KeepTogether, Paragraph, Table

from cryolog.reports import fonts
from cryolog.reports.faces import faces_in
from cryolog.reports.styles import make_styles

_RUN = """
import json, sys
sys.path.insert(0, {root!r})
from dataclasses import replace
from cryolog.reports import fonts, render
from tests.reports import samples
from tests.reports.pdftools import fonts as pdf_fonts
{setup}
pdf = {build}
drawn = sorted({{name.split("+", 1)[-1].lstrip("/") for name in pdf_fonts(pdf)}})
print(json.dumps({{"registered": sorted(fonts.registered()), "drawn": drawn}}))
"""

CASES = {
    "summary with notes": ("", "render(samples.summary_input(6))"),
    "handout": ("", "render(samples.handout_input())"),
    "consent": ("", "render(samples.consent_input())"),
    "blank screening": ("", "render(samples.screening_input(blank=True))"),
    "screening": ("", "render(samples.screening_input())"),
}


def _fresh(setup: str, build: str) -> dict[str, list[str]]:
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    code = _RUN.format(root=root, setup=setup, build=build)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_document_registers_exactly_the_faces_it_draws(case: str) -> None:
    setup, build = CASES[case]
    found = _fresh(setup, build)
    assert found["registered"] == found["drawn"], found
    assert {fonts.REGULAR, fonts.BOLD} <= set(found["drawn"])


def test_faces_a_document_does_not_draw_are_not_read() -> None:
    summary = _fresh(*CASES["summary with notes"])
    assert fonts.ITALIC in summary["drawn"]  # the notes, in italics
    assert fonts.BOLD_ITALIC not in summary["registered"]
    handout = _fresh(*CASES["handout"])
    assert handout["registered"] == sorted(fonts.UPRIGHT)


def test_a_face_drawn_out_of_the_storys_sight_is_still_that_face() -> None:
    """A flowable that sets an italic face on the canvas itself: the first build is refused
    by ReportLab, the second (every face registered) draws it."""
    setup = (
        "from reportlab.platypus import Flowable\n"
        "from cryolog.reports.course_summary import CourseSummary\n"
        "class Slanted(Flowable):\n"
        "    def wrap(self, w, h): return (100, 12)\n"
        "    def draw(self): self.canv.setFont(fonts.BOLD_ITALIC, 9);"
        " self.canv.drawString(0, 0, 'slanted')\n"
        "class Odd(CourseSummary):\n"
        "    def story(self): return [*super().story(), Slanted()]\n"
        "data = samples.summary_input(2)\n"
        "data = replace(data, sessions=tuple(replace(s, notes='') for s in data.sessions),"
        " cold_tests=(), screening=None)\n"
    )
    found = _fresh(setup, "Odd(data).render()")
    assert fonts.BOLD_ITALIC in found["drawn"]


def test_faces_are_found_inside_tables_and_kept_groups() -> None:
    styles = make_styles(9, 7)
    cell = Paragraph("a <b><i>b</i></b>", styles.body)
    story = [KeepTogether([Table([[cell, "x"]])]), Paragraph("plain", styles.body)]
    assert faces_in(story) == {fonts.REGULAR, fonts.BOLD_ITALIC}
    assert faces_in([Paragraph("note", styles.note)]) == {fonts.ITALIC}
