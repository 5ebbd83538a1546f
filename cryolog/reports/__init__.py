"""PDF renderers: DTOs in, PDF bytes out. No Qt and no database here.

Importing the package imports nothing else (the window reads its icons through
``reports.resources`` at start); each renderer is imported when its document is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryolog.services.document_inputs import DocumentInput


def render(data: DocumentInput) -> bytes:
    """The PDF of any document input (the renderer is chosen by the input's type)."""
    from cryolog.services.document_inputs import (
        AppointmentCardInput,
        ConsentFormInput,
        CourseSummaryInput,
        HandoutInput,
        ScreeningFormInput,
    )

    if isinstance(data, CourseSummaryInput):
        from cryolog.reports.course_summary import render_course_summary

        return render_course_summary(data)
    if isinstance(data, HandoutInput):
        from cryolog.reports.handout import render_handout

        return render_handout(data)
    if isinstance(data, ConsentFormInput):
        from cryolog.reports.consent import render_consent

        return render_consent(data)
    if isinstance(data, ScreeningFormInput):
        from cryolog.reports.screening import render_screening

        return render_screening(data)
    if isinstance(data, AppointmentCardInput):
        from cryolog.reports.appointment_card import render_appointment_card

        return render_appointment_card(data)
    raise TypeError(f"no renderer for {type(data).__name__}")
