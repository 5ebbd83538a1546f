"""The printed day plan: each resource's appointments in time order, then who is due but
not booked (for the practitioner's desk), in the window's language (``day_plan.*`` keys)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from cryolog.domain import locale as loc
from cryolog.domain.messages import Message
from cryolog.reports.base import CONTENT_WIDTH, Renderer
from cryolog.reports.localized import Language
from cryolog.reports.styles import grid_style, new_table
from cryolog.reports.text import para
from cryolog.services.appointments_dto import AppointmentDTO, DayPlan
from cryolog.services.dto import PracticeDTO

COLUMNS = ("time", "patient", "phone", "course", "status")  # day_plan.<key> of each column
STATUS = ("attended", "cancelled", "no_show")  # day_plan.status_<status>; booked says nothing


def w(key: str, /, **values: object) -> str:
    return Message(f"day_plan.{key}", **values).render()


def _long_date(day: date) -> str:
    language = loc.current().language
    return Language(language if language in loc.WINDOW_LANGUAGES else "en").long_date(day)


@dataclass(frozen=True, slots=True)
class DayPlanInput:
    practice: PracticeDTO
    plan: DayPlan


class DayPlanReport(Renderer):
    def __init__(self, data: DayPlanInput) -> None:
        self.title = w("title")
        self.page_label = w("page", n="{n}", m="{m}")
        self.generated_label = w("generated", date="{date}")
        super().__init__(data.practice, loc.current().date(data.plan.day))
        self.data = data

    def subject(self) -> str:
        return w("subject", day=self.data.plan.day.isoformat())

    def story(self) -> list[Flowable]:
        plan, st = self.data.plan, self.styles
        story: list[Flowable] = [
            Paragraph(para(w("heading", day=_long_date(plan.day))), st.title),
            Paragraph(para(w("open", hours=plan.open_label)), st.body),
        ]
        heading = ParagraphStyle("resource", st.h2, keepWithNext=1)
        for part in plan.resources:
            title = Paragraph(para(part.resource.name), heading)
            if not part.appointments:
                story.append(KeepTogether([title, Paragraph(w("no_appointments"), st.small)]))
            elif len(part.appointments) < 25:
                story.append(KeepTogether([title, self._table(part.appointments)]))
            else:
                story += [title, self._table(part.appointments)]
        story.append(Paragraph(para(w("due_heading", n=len(plan.due_unbooked))), heading))
        rows: list[list[object]] = [
            [Paragraph(w(h), st.cell_head) for h in ("patient", "course", "sessions", "when")]
        ]
        for due in plan.due_unbooked:
            late = Message("unit.days", n=due.days_late).render()
            when = w("overdue", days=late) if due.overdue else w("due")
            sessions = w("done_of", done=due.sessions_done, planned=due.sessions_planned or "–")
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
            story.append(Paragraph(w("nobody"), st.small))
        story.append(Spacer(1, 4 * mm))
        return story

    def _table(self, items: tuple[AppointmentDTO, ...]) -> Flowable:
        st = self.styles
        rows: list[list[object]] = [
            [
                Paragraph(w(h), st.cell_head)
                for h in ("time", "patient", "phone", "course", "status")
            ]
        ]
        for a in items:
            end = a.start + timedelta(minutes=a.length_min)
            rows.append(
                [
                    Paragraph(f"{a.start:%H:%M}–{end:%H:%M}", st.cell_bold),
                    Paragraph(para(a.patient_name), st.cell),
                    Paragraph(para(a.patient_phone), st.cell),
                    Paragraph(para(a.protocol_label or w("one_off")), st.cell),
                    Paragraph(para(_status(a.status)), st.cell),
                ]
            )
        widths = [22 * mm, CONTENT_WIDTH - 112 * mm, 32 * mm, 36 * mm, 22 * mm]
        table = new_table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(grid_style())
        return table


def _status(status: str) -> str:
    if status in STATUS:
        return w(f"status_{status}")
    return "" if status == "booked" else status


def render_day_plan(data: DayPlanInput) -> bytes:
    return DayPlanReport(data).render()
