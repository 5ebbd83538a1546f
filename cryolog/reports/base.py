"""The page every document shares: practice header, footer with "Page N of M", fonts.

A renderer subclass gives its title, the patient line for the footer, its styles and
``story()``; ``render()`` returns the PDF bytes. Builds are invariant: the same input
gives byte-identical output (no creation time or random file id in the PDF).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from cryolog import __version__
from cryolog.reports.faces import faces_in
from cryolog.reports.fonts import BOLD, REGULAR, UPRIGHT, missing_face, register_fonts
from cryolog.reports.styles import ACCENT, INK, MUTED, RULE, Styles, make_styles
from cryolog.services.dto import PracticeDTO

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 30 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

Footer = Callable[[Canvas, int, int], None]
log = logging.getLogger(__name__)


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page back until the end so the footer can say how many there are."""

    def __init__(self, *args: Any, footer: Footer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()


class Renderer:
    """Base of every document renderer."""

    title = ""
    body_size = 9.5
    cell_size = 7.5
    page_label = "Page {n} of {m}"
    generated_label = "Generated {date}"

    def __init__(self, practice: PracticeDTO, generated_on_text: str) -> None:
        register_fonts(UPRIGHT)  # the header and footer; the story's others in ``render``
        self.practice = practice
        self.generated_on_text = generated_on_text
        self.styles: Styles = make_styles(self.body_size, self.cell_size)

    # subclasses ------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def footer_left(self) -> str:
        """Who the document is about, repeated on every page (empty for blank forms)."""
        return ""

    def subject(self) -> str:
        return self.title

    # building --------------------------------------------------------------------------
    def render(self) -> bytes:
        """The PDF, with the faces the story draws registered first (``faces``)."""
        story = self.story()
        register_fonts(faces_in(story))
        try:
            return self._build(story)
        except KeyError as exc:
            if not missing_face(exc):
                raise
            log.warning("a document drew a face its story did not name: %s", exc)
            register_fonts()
            return self._build(self.story())

    def _build(self, story: list[Flowable]) -> bytes:
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=self.title,
            author=self.practice.name or "cryolog",
            subject=self.subject(),
            creator=f"cryolog {__version__}",
            producer="cryolog",
            invariant=1,
            initialFontName=REGULAR,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            CONTENT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._header)])
        doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=self._footer))
        return buffer.getvalue()

    def _header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        top = PAGE_HEIGHT - 14 * mm
        canvas.setFillColor(ACCENT)
        canvas.setFont(BOLD, 12)
        room = CONTENT_WIDTH - canvas.stringWidth(self.title, BOLD, 10.5) - 8 * mm
        canvas.drawString(MARGIN_X, top, _fit(canvas, self.practice.name or " ", BOLD, 12, room))
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 7.8)
        line = top - 11
        for text in self._practice_lines():
            canvas.drawString(MARGIN_X, line, _fit(canvas, text, REGULAR, 7.8, 105 * mm))
            line -= 9.5
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 10.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top, self.title)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        rule_y = PAGE_HEIGHT - MARGIN_TOP + 5 * mm
        canvas.line(MARGIN_X, rule_y, PAGE_WIDTH - MARGIN_X, rule_y)
        canvas.restoreState()

    def _practice_lines(self) -> list[str]:
        address = " · ".join(p.strip() for p in self.practice.address.splitlines() if p.strip())
        phone = self.practice.phone
        lines = [address[:160]] if address else []
        return [*lines, phone] if phone else lines

    def _footer(self, canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        y = MARGIN_BOTTOM - 9 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN_X, y + 10, PAGE_WIDTH - MARGIN_X, y + 10)
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        left = self.footer_left()
        if left:
            canvas.drawString(MARGIN_X, y, _fit(canvas, left, REGULAR, 7.5, 85 * mm))
        canvas.drawCentredString(
            PAGE_WIDTH / 2 + 20 * mm, y, self.generated_label.format(date=self.generated_on_text)
        )
        canvas.setFillColor(INK)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y, self.page_label.format(n=number, m=total))
        canvas.restoreState()


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
