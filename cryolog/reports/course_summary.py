"""The course summary: for the patient file or the referring doctor (domain.md §8)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from cryolog.domain.locale import in_locale
from cryolog.reports import course_sections as sec
from cryolog.reports.base import CONTENT_WIDTH, Renderer
from cryolog.reports.chart import outcome_chart
from cryolog.reports.clinical_text import protocol_label
from cryolog.reports.session_table import session_table
from cryolog.reports.text import iso, para
from cryolog.reports.words import w as word
from cryolog.services.document_inputs import CourseSummaryInput


class CourseSummary(Renderer):
    """Rendered in the document's language (``data.language``): its words, labels of the
    catalog, dates and numbers."""

    def __init__(self, data: CourseSummaryInput) -> None:
        self.title = word("title")
        # the footer's templates; {n}, {m} and {date} are filled on every page
        self.page_label = word("page", n="{n}", m="{m}")
        self.generated_label = word("generated", date="{date}")
        super().__init__(data.practice, iso(data.generated_on))
        self.data = data

    def footer_left(self) -> str:
        p = self.data.patient
        return word(
            "footer", name=p.display_name, born=iso(p.birth_date), course=str(self.data.course.id)
        )

    def subject(self) -> str:
        return word("subject", name=self.data.patient.display_name)

    def story(self) -> list[Flowable]:
        d, st, w = self.data, self.styles, CONTENT_WIDTH
        label = protocol_label(d.course.protocol_id)
        says_course = any(word in label.lower() for word in ("course", "курс"))
        heading = para(label if says_course else word("course_heading", protocol=label))
        story: list[Flowable] = [
            Paragraph(heading, st.title),
            sec.patient_identity(d, st, w),
            *sec.pretreatment(d, st, w),
            *sec.cold_tests(d, st, w),
            *sec.protocol_section(d, st, w),
            CondPageBreak(90),
            Paragraph(
                word("sessions_heading", n=len(d.sessions)),
                ParagraphStyle("h2free", st.h2, keepWithNext=0),
            ),
        ]
        if d.sessions:
            story.append(session_table(d.sessions, st, w))
        else:
            story.append(Paragraph(word("no_sessions"), st.note))
        story += sec.overrides(d, st, w)
        story += sec.adverse_events(d, st, w)
        story += [
            CondPageBreak(260),
            Paragraph(word("outcome"), st.h2),
            KeepTogether([outcome_chart(d.sessions, w)]),
            Spacer(1, 6),
            *sec.assessments(d, st, w),
            Spacer(1, 18),
            KeepTogether([sec.signature(d, st, w)]),
        ]
        return story


def render_course_summary(data: CourseSummaryInput) -> bytes:
    with in_locale(data.language):
        return CourseSummary(data).render()
