"""The patient handout: plain language, large type, in the patient's language."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.reports.base import CONTENT_WIDTH, Renderer
from cryolog.reports.fonts import BOLD
from cryolog.reports.localized import Language
from cryolog.reports.styles import ACCENT, ACCENT_HEX, ALERT, ALERT_SHADE, SHADE, new_table
from cryolog.reports.text import para
from cryolog.services.document_inputs import HandoutInput

BODY_PT = 12.5


def modality_group(modality: str | None) -> str:
    spec = MODALITIES.get(modality or "")
    return (spec.group if spec else ModalityGroup.LOCAL_MODERATE).value


class Handout(Renderer):
    body_size = BODY_PT
    cell_size = BODY_PT

    def __init__(self, data: HandoutInput) -> None:
        self.lang = Language(data.language)
        self.page_label = self.lang["page"]
        self.generated_label = self.lang["generated"]
        self.title = self.lang["title"]
        super().__init__(data.practice, self.lang.short_date(data.generated_on))
        self.data = data
        self.group = self.lang.file(modality_group(data.modality))

    def footer_left(self) -> str:
        return self.data.patient.display_name

    def story(self) -> list[Flowable]:
        st, lang, group = self.styles, self.lang, self.group
        about = self.lang.file("protocols").get(self.data.course.protocol_id, {}).get("about", "")
        name = para(self.data.patient.display_name)
        story: list[Flowable] = [
            Paragraph(para(lang["title"]), st.title),
            Paragraph(
                f"{para(lang['for_patient'])}: <b>{name}</b> — {para(group['name'])}", st.body
            ),
        ]
        if about:
            story += [Paragraph(para(lang["about_course"]), st.h2), Paragraph(para(about), st.body)]
        story += self._section(lang["what_heading"], group["what"], bullets=False)
        story += self._section(lang["feel_heading"], group["feel"])
        story += self._section(lang["aftercare_heading"], group["aftercare"])
        story.append(self._warnings())
        story.append(self._appointments())
        story.append(self._phone())
        return story

    def _section(self, heading: str, items: list[str], *, bullets: bool = True) -> list[Flowable]:
        style = self.styles.bullet if bullets else self.styles.body
        out: list[Flowable] = [Paragraph(para(heading), self.styles.h2)]
        for item in items:
            out.append(Paragraph(para(item), style, bulletText="•" if bullets else None))
            if not bullets:
                out.append(Spacer(1, 4))
        return out

    def _boxed(self, flowables: list[Flowable], border: object, fill: object) -> Table:
        table = new_table([[flowables]], colWidths=[CONTENT_WIDTH])
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.4, border),
                    ("BACKGROUND", (0, 0), (-1, -1), fill),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return table

    def _warnings(self) -> Flowable:
        signs = [*self.lang["warning_signs"], *self.group.get("warning_signs", [])]
        heading = ParagraphStyle("alert_h2", self.styles.h2, textColor=ALERT)
        content: list[Flowable] = [Paragraph(para(self.lang["warning_heading"]), heading)]
        style = ParagraphStyle(
            "alert_bullet", self.styles.bullet, bulletColor=ALERT, bulletFontName=BOLD
        )
        content += [Paragraph(f"<b>{para(s)}</b>", style, bulletText="!") for s in signs]
        content.append(Paragraph(self._phone_line(), self.styles.body))
        return KeepTogether([Spacer(1, 6), self._boxed(content, ALERT, ALERT_SHADE)])

    def _appointments(self) -> Flowable:
        d, lang = self.data, self.lang
        out: list[Flowable] = [Paragraph(para(lang["appointments_heading"]), self.styles.h2)]
        if not d.visits:
            text = str(lang["no_appointments"]).format(phone=d.practice.phone or "—")
            out.append(Paragraph(para(text), self.styles.body))
            return KeepTogether(out)
        rows = [
            [
                Paragraph(f"{i}.", self.styles.body),
                Paragraph(para(lang.long_date(start.date())), self.styles.body),
                Paragraph(f"<b>{start:%H:%M}</b>", self.styles.body),
            ]
            for i, start in enumerate(d.visits, start=1)
        ]
        table = new_table(
            rows, colWidths=[10 * mm, 100 * mm, CONTENT_WIDTH - 110 * mm], hAlign="LEFT"
        )
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, SHADE),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        planned = d.sessions_planned if d.sessions_planned is not None else "–"
        note = str(lang["appointments_note"]).format(done=d.sessions_done, planned=planned)
        out += [table, Spacer(1, 4), Paragraph(para(note), self.styles.small)]
        return KeepTogether(out)

    def _phone_line(self) -> str:
        practice = self.data.practice
        phone = f"{para(self.lang['phone_label'])}: <b>{para(practice.phone)}</b>"
        return f"<font color='{ACCENT_HEX}'>{para(practice.name)}<br/>{phone}</font>"

    def _phone(self) -> Flowable:
        practice = self.data.practice
        heading = Paragraph(para(self.lang["phone_heading"]), self.styles.h2)
        big = ParagraphStyle(
            "phone",
            self.styles.body,
            fontName=BOLD,
            fontSize=BODY_PT * 1.6,
            leading=BODY_PT * 2,
            textColor=ACCENT,
        )
        return KeepTogether(
            [
                heading,
                Paragraph(para(practice.name), self.styles.body),
                Paragraph(para(practice.phone), big),
            ]
        )


def render_handout(data: HandoutInput) -> bytes:
    return Handout(data).render()
