"""Paragraph and table styles shared by every document (all in the bundled font)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Table, TableStyle

from cryolog.reports.fonts import BOLD, ITALIC, REGULAR

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT_HEX = "#1d5c8c"
ACCENT = colors.HexColor(ACCENT_HEX)
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e8eef4")
ZEBRA = colors.HexColor("#f5f7fa")
ALERT_HEX = "#a61b1b"
ALERT = colors.HexColor(ALERT_HEX)
ALERT_SHADE = colors.HexColor("#fbeaea")


@dataclass(frozen=True)
class Styles:
    """One document's styles, scaled from its body size."""

    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_group: ParagraphStyle
    title: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    bullet: ParagraphStyle
    note: ParagraphStyle
    center: ParagraphStyle


def make_styles(body_size: float = 9.5, cell_size: float = 7.5) -> Styles:
    lead = body_size * 1.3
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        bulletFontName=REGULAR,
        fontSize=body_size,
        leading=lead,
        textColor=INK,
    )
    cell = ParagraphStyle("cell", body, fontSize=cell_size, leading=cell_size * 1.22)
    return Styles(
        body=body,
        small=ParagraphStyle(
            "small", body, fontSize=body_size * 0.82, leading=body_size * 1.05, textColor=MUTED
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", cell, fontName=BOLD),
        cell_right=ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle(
            "cell_head", cell, alignment=TA_RIGHT, textColor=MUTED, fontSize=cell_size * 0.84
        ),
        cell_group=ParagraphStyle("cell_group", cell, fontName=BOLD, alignment=TA_CENTER),
        title=ParagraphStyle(
            "title",
            body,
            fontName=BOLD,
            fontSize=body_size * 1.75,
            leading=body_size * 2.15,
            textColor=ACCENT,
            spaceAfter=body_size * 0.5,
        ),
        h2=ParagraphStyle(
            "h2",
            body,
            fontName=BOLD,
            fontSize=body_size * 1.22,
            leading=body_size * 1.55,
            textColor=ACCENT,
            spaceBefore=body_size * 1.1,
            spaceAfter=body_size * 0.35,
            keepWithNext=1,
        ),
        h3=ParagraphStyle("h3", body, fontName=BOLD, spaceBefore=body_size * 0.5, keepWithNext=1),
        bullet=ParagraphStyle(
            "bullet",
            body,
            leftIndent=body_size * 1.4,
            bulletIndent=body_size * 0.3,
            spaceAfter=body_size * 0.2,
        ),
        note=ParagraphStyle("note", body, fontName=ITALIC, textColor=MUTED),
        center=ParagraphStyle("center", body, alignment=TA_CENTER),
    )


def grid_style(header_rows: int = 1, zebra: bool = True) -> TableStyle:
    """A light data table: shaded header, thin rules, alternate row shading."""
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    return TableStyle(commands)


def key_value_style() -> TableStyle:
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )


def new_table(data: list[list[object]], **kwargs: object) -> Table:
    """A Table whose every cell, even an empty one, uses the bundled font."""
    table = Table(data, **kwargs)
    table.setStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR)])
    return table
