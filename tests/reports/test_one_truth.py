"""The course summary's interval deviations are the rules' judgement on the same sessions:
a session recorded too soon after a stopped one was warned about when it was recorded, and
the summary says so too (one clinical truth, domain.schedule)."""

from __future__ import annotations

from datetime import date, timedelta

from cryolog.db.database import Database
from cryolog.domain.catalog import CONDITIONS
from cryolog.reports.course_sections import interval_deviations
from cryolog.services import Services
from tests.ui.record_setup import session_data


def test_the_summary_and_the_rules_see_the_same_short_interval(db: Database) -> None:
    s = Services.open(db, "practitioner")
    start = date.today() - timedelta(days=30)
    pid = s.patients.register(
        {"family_name": "Petrova", "given_name": "Anna", "birth_date": date(1980, 5, 6)}
    ).id
    s.pretreatment.record_screening(
        pid, {"screened_on": start, "answers": dict.fromkeys(CONDITIONS, "no")}
    )
    s.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
    s.pretreatment.record_cold_test(
        pid, "ice_cube", {"performed_on": start, "result": "negative", "contact_s": 300}
    )
    course = s.courses.open_course(
        pid, {"protocol_id": "acne", "started_on": date.today() - timedelta(days=20)}
    ).id  # acne: at least 3 days apart, at most 2 in any 7 days
    stopped = session_data(course, days_ago=4, aborted=True, abort_reason="felt faint, stopped")
    s.sessions.record_session(pid, stopped)
    second = s.sessions.record_session(pid, session_data(course, days_ago=3))
    third = s.sessions.record_session(pid, session_data(course, days_ago=0))
    warned = {f.rule for f in second.findings}
    assert "interval_short" in warned  # the stopped session counted for the rule
    assert "frequency_high" in {f.rule for f in third.findings}

    summary = s.documents.course_summary(course)
    found = interval_deviations(summary.sessions, "acne")
    assert any(line.startswith("Session 2") and "1 day(s) after" in line for line in found)
    assert any(line.startswith("Session 3") and "3 sessions in 7 days" in line for line in found)
