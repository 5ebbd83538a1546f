"""The appointment card: a small page (A6, landscape) with the booked dates and times."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A6, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle

from cryolog import __version__
from cryolog.reports.fonts import BOLD, REGULAR, register_fonts
from cryolog.reports.localized import Language
from cryolog.reports.styles import ACCENT, SHADE, make_styles, new_table
from cryolog.reports.text import para
from cryolog.services.document_inputs import AppointmentCardInput

PAGE = landscape(A6)
MARGIN = 8 * mm
MAX_ROWS = 12  # more visits continue on the next card


def _story(data: AppointmentCardInput) -> list[object]:
    lang = Language(data.language)
    st = make_styles(10, 9)
    title = ParagraphStyle("card_title", st.title, fontSize=14, leading=17, textColor=ACCENT)
    story: list[object] = [
        Paragraph(para(lang["card_title"]), title),
        Paragraph(f"<b>{para(data.patient.display_name)}</b>", st.body),
        Spacer(1, 3 * mm),
    ]
    if not data.visits:
        text = str(lang["card_none"]).format(phone=data.practice.phone or "—")
        story.append(Paragraph(para(text), st.body))
    else:
        rows = [
            [
                Paragraph(para(lang.long_date(start.date())), st.body),
                Paragraph(f"<b>{start:%H:%M}</b>", st.body),
                Paragraph(para(place), st.small),
            ]
            for start, place in data.visits
        ]
        table = new_table(rows, colWidths=[72 * mm, 16 * mm, 40 * mm], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, SHADE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story += [table, Spacer(1, 2 * mm), Paragraph(para(lang["card_note"]), st.small)]
    phone = ParagraphStyle("card_phone", st.body, fontName=BOLD, fontSize=12, leading=15)
    story += [
        Spacer(1, 3 * mm),
        Paragraph(para(data.practice.name), st.body),
        Paragraph(para(data.practice.phone), phone),
    ]
    return story


def render_appointment_card(data: AppointmentCardInput) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=str(Language(data.language)["card_title"]),
        author=data.practice.name or "cryolog",
        creator=f"cryolog {__version__}",
        producer="cryolog",
        invariant=1,
        initialFontName=REGULAR,
    )
    doc.build(_story(data))
    return buffer.getvalue()
