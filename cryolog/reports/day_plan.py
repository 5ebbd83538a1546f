"""The printed day plan: each resource's appointments in time order, then who is due but
not booked (for the practitioner's desk; English like the other practitioner's pages)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from cryolog.reports.base import CONTENT_WIDTH, Renderer
from cryolog.reports.styles import grid_style, new_table
from cryolog.reports.text import para
from cryolog.services.appointments_dto import AppointmentDTO, DayPlan
from cryolog.services.dto import PracticeDTO

STATUS = {"booked": "", "attended": "attended", "cancelled": "cancelled", "no_show": "no-show"}


@dataclass(frozen=True, slots=True)
class DayPlanInput:
    practice: PracticeDTO
    plan: DayPlan


class DayPlanReport(Renderer):
    title = "Day plan"

    def __init__(self, data: DayPlanInput) -> None:
        day = data.plan.day
        super().__init__(data.practice, f"{day.day} {day:%B %Y}")
        self.data = data

    def subject(self) -> str:
        return f"Day plan {self.data.plan.day.isoformat()}"

    def story(self) -> list[Flowable]:
        plan, st = self.data.plan, self.styles
        story: list[Flowable] = [
            Paragraph(para(f"Day plan — {plan.day:%A} {plan.day.day} {plan.day:%B %Y}"), st.title),
            Paragraph(para(f"Open {plan.open_label}"), st.body),
        ]
        heading = ParagraphStyle("resource", st.h2, keepWithNext=1)
        for part in plan.resources:
            title = Paragraph(para(part.resource.name), heading)
            if not part.appointments:
                story.append(KeepTogether([title, Paragraph("No appointments.", st.small)]))
            elif len(part.appointments) < 25:
                story.append(KeepTogether([title, self._table(part.appointments)]))
            else:
                story += [title, self._table(part.appointments)]
        story.append(Paragraph(para(f"Due but not booked ({len(plan.due_unbooked)})"), heading))
        rows: list[list[object]] = [
            [Paragraph(h, st.cell_head) for h in ("Patient", "Course", "Sessions", "When")]
        ]
        for due in plan.due_unbooked:
            when = f"overdue by {due.days_late} days" if due.overdue else "due"
            sessions = f"{due.sessions_done} of {due.sessions_planned or '–'}"
            rows.append(
                [
                    Paragraph(para(v), st.cell)
                    for v in (due.patient_name, due.protocol_label, sessions, when)
                ]
            )
        if len(rows) > 1:
            table = new_table(
                rows, colWidths=[CONTENT_WIDTH - 95 * mm, 40 * mm, 20 * mm, 35 * mm], repeatRows=1
            )
            table.setStyle(grid_style())
            story.append(table)
        else:
            story.append(Paragraph("Nobody.", st.small))
        story.append(Spacer(1, 4 * mm))
        return story

    def _table(self, items: tuple[AppointmentDTO, ...]) -> Flowable:
        st = self.styles
        rows: list[list[object]] = [
            [Paragraph(h, st.cell_head) for h in ("Time", "Patient", "Phone", "Course", "Status")]
        ]
        for a in items:
            end = a.start + timedelta(minutes=a.length_min)
            rows.append(
                [
                    Paragraph(f"{a.start:%H:%M}–{end:%H:%M}", st.cell_bold),
                    Paragraph(para(a.patient_name), st.cell),
                    Paragraph(para(a.patient_phone), st.cell),
                    Paragraph(para(a.protocol_label or "one-off"), st.cell),
                    Paragraph(para(STATUS.get(a.status, a.status)), st.cell),
                ]
            )
        widths = [22 * mm, CONTENT_WIDTH - 112 * mm, 32 * mm, 36 * mm, 22 * mm]
        table = new_table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(grid_style())
        return table


def render_day_plan(data: DayPlanInput) -> bytes:
    return DayPlanReport(data).render()
