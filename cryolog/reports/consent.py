"""The consent form, blank or with the patient's details, showing its version."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from cryolog.reports.forms import SignedForm, patient_fields, signature_block
from cryolog.reports.text import para
from cryolog.services.document_inputs import ConsentFormInput


class ConsentForm(SignedForm):
    body_size = 10.5
    cell_size = 10

    def __init__(self, data: ConsentFormInput) -> None:
        super().__init__(data.practice, data.language, "consent", data.generated_on)
        self.data = data

    def footer_left(self) -> str:
        version = str(self.text["version"]).format(version=self.data.form_version)
        name = self.data.patient.display_name if self.data.patient else ""
        return " · ".join(p for p in (name, version) if p)

    def story(self) -> list[Flowable]:
        st, t, d = self.styles, self.text, self.data
        version = str(t["version"]).format(version=d.form_version)
        story: list[Flowable] = [
            Paragraph(para(t["title"]), st.title),
            Paragraph(f"<b>{para(version)}</b>", st.body),
            Spacer(1, 4),
            Paragraph(para(t["intro"]), st.note),
            Paragraph(para(t["patient_heading"]), st.h2),
            patient_fields(d.patient, t, self.lang, st),
            Paragraph(para(t["statements_heading"]), st.h2),
        ]
        practice = d.practice.name or "the practice"
        for statement in t["statements"]:
            text = str(statement).format(practice=practice)
            story.append(Paragraph(para(text), st.bullet, bulletText="☐"))
        story += self._on_record()
        pairs = [(t["patient_signature"], t["date"]), (t["practitioner_signature"], t["date"])]
        story.append(KeepTogether(signature_block(pairs, st)))
        if d.practice.practitioner:
            story.append(
                Paragraph(f"{para(t['practitioner'])}: {para(d.practice.practitioner)}", st.small)
            )
        return story

    def _on_record(self) -> list[Flowable]:
        consent = self.data.consent
        if consent is None or self.data.patient is None:
            return []
        line = str(self.text["on_record"]).format(
            date=self.lang.short_date(consent.signed_on), version=consent.form_version
        )
        if consent.form_version < self.data.form_version:
            line += " " + str(self.text["outdated"])
        return [Spacer(1, 6), Paragraph(para(line), self.styles.small)]


def render_consent(data: ConsentFormInput) -> bytes:
    return ConsentForm(data).render()
