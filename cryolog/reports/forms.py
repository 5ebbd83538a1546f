"""The parts the two signed forms share: patient fields and signature lines."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from cryolog.reports.base import CONTENT_WIDTH, Renderer
from cryolog.reports.localized import Language
from cryolog.reports.styles import INK, RULE, Styles, new_table
from cryolog.reports.text import para
from cryolog.services.dto import PatientDTO, PracticeDTO

BLANK = "&nbsp;"


class SignedForm(Renderer):
    """A form for signature in the patient's language, its texts from one resource file."""

    def __init__(self, practice: PracticeDTO, language: str, texts: str, day: date) -> None:
        self.lang = Language(language)
        self.text = self.lang.file(texts)
        self.page_label = self.lang["page"]
        self.generated_label = self.lang["generated"]
        self.title = self.text["title"]
        super().__init__(practice, self.lang.short_date(day))


def patient_fields(
    patient: PatientDTO | None,
    labels: dict[str, str],
    lang: Language,
    styles: Styles,
    *,
    phone: bool = True,
) -> Table:
    """Name, date of birth (and phone): filled in, or ruled lines to write on."""
    values = {
        "name": para(patient.display_name) if patient else BLANK,
        "birth_date": para(lang.short_date(patient.birth_date)) if patient else BLANK,
        "phone": para(patient.phone) if patient and patient.phone else BLANK,
    }
    keys = ["name", "birth_date", *(["phone"] if phone else [])]
    rows = [
        [Paragraph(para(labels[k]), styles.small), Paragraph(f"<b>{values[k]}</b>", styles.body)]
        for k in keys
    ]
    table = new_table(rows, colWidths=[38 * mm, CONTENT_WIDTH - 38 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def signature_block(pairs: list[tuple[str, str]], styles: Styles) -> list[Flowable]:
    """Lines to sign on: each pair is (signature label, date label), with room above."""
    rows: list[list[object]] = []
    for signature, when in pairs:
        rows.append(["", "", ""])
        rows.append(
            [Paragraph(para(signature), styles.small), "", Paragraph(para(when), styles.small)]
        )
    gap = 12 * mm
    width = (CONTENT_WIDTH - gap) / 3
    table = new_table(
        rows,
        colWidths=[width * 2, gap, width],
        rowHeights=[16 * mm if i % 2 == 0 else None for i in range(len(rows))],
        hAlign="LEFT",
    )
    commands: list[tuple[object, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
    ]
    for i in range(0, len(rows), 2):
        commands.append(("LINEBELOW", (0, i), (0, i), 0.8, INK))
        commands.append(("LINEBELOW", (2, i), (2, i), 0.8, INK))
    table.setStyle(TableStyle(commands))
    return [Spacer(1, 4 * mm), table]


def format_date(lang: Language, day: date) -> str:
    return lang.short_date(day)
