"""The screening questionnaire: every condition of the catalog with yes / no / don't know."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from cryolog.domain.catalog import CONDITIONS, Scope
from cryolog.reports.base import CONTENT_WIDTH
from cryolog.reports.forms import SignedForm, patient_fields, signature_block
from cryolog.reports.styles import ACCENT, ACCENT_HEX, Styles, grid_style, new_table
from cryolog.reports.text import para
from cryolog.services.document_inputs import ScreeningFormInput

TICKED = "☒"
EMPTY = "☐"
ANSWERS = ("yes", "no", "unknown")
BOX_MM = 19


class ScreeningForm(SignedForm):
    body_size = 10
    cell_size = 9.5

    def __init__(self, data: ScreeningFormInput) -> None:
        super().__init__(data.practice, data.language, "screening", data.generated_on)
        self.data = data

    def footer_left(self) -> str:
        return self.data.patient.display_name if self.data.patient else ""

    def story(self) -> list[Flowable]:
        st, t, d = self.styles, self.text, self.data
        story: list[Flowable] = [
            Paragraph(para(t["title"]), st.title),
            patient_fields(d.patient, t, self.lang, st, phone=False),
            Spacer(1, 6),
            Paragraph(para(t["intro"]), st.note),
            Spacer(1, 4),
        ]
        if d.screening is not None:
            answered = str(t["answered_on"]).format(
                date=self.lang.short_date(d.screening.screened_on)
            )
            story.append(Paragraph(para(answered), st.small))
            story.append(Spacer(1, 3))
        story.append(self._table(st))
        story.append(Paragraph(f"* {para(t['general_only'])}", st.small))
        story += self._notes(st)
        pairs = [(t["patient_signature"], t["date"]), (t["checked_by"], t["date"])]
        story.append(KeepTogether(signature_block(pairs, st)))
        return story

    def _table(self, st: Styles) -> Table:
        t = self.text
        answers = self.data.screening.answers if self.data.screening else {}
        header = [Paragraph(f"<b>{para(t['question'])}</b>", st.cell)]
        header += [Paragraph(f"<b>{para(t[a])}</b>", st.cell_group) for a in ANSWERS]
        rows: list[list[object]] = [header]
        for condition_id, spec in CONDITIONS.items():
            label = para(t["conditions"].get(condition_id, spec.label))
            if spec.scope is Scope.GENERAL:
                label += " <font color='#52606d'>*</font>"
            rows.append(
                [Paragraph(label, st.cell)]
                + [
                    Paragraph(self._box(answers.get(condition_id) == a), st.cell_group)
                    for a in ANSWERS
                ]
            )
        box = BOX_MM * mm
        table = new_table(rows, colWidths=[CONTENT_WIDTH - 3 * box, box, box, box], repeatRows=1)
        style = grid_style()
        style.add("VALIGN", (0, 0), (-1, -1), "MIDDLE")
        table.setStyle(style)
        return table

    @staticmethod
    def _box(ticked: bool) -> str:
        return (
            f"<font size='13' color='{ACCENT_HEX}'>{TICKED}</font>"
            if ticked
            else f"<font size='13'>{EMPTY}</font>"
        )

    def _notes(self, st: Styles) -> list[Flowable]:
        notes = self.data.screening.notes if self.data.screening else ""
        out: list[Flowable] = [Paragraph(para(self.text["notes"]), st.h3)]
        if notes:
            out.append(Paragraph(para(notes), st.body))
            return out
        lines = new_table([[""], [""]], colWidths=[CONTENT_WIDTH], rowHeights=[9 * mm, 9 * mm])
        lines.setStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, ACCENT)])
        return [*out, lines]


def render_screening(data: ScreeningFormInput) -> bytes:
    return ScreeningForm(data).render()
