"""The sections of the course summary other than the session table and the chart."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from cryolog.domain.catalog import PROTOCOLS
from cryolog.domain.messages import Ref
from cryolog.domain.schedule import short_gap, too_many_in_window
from cryolog.reports.clinical_text import (
    cold_test_name,
    cold_test_result,
    condition_label,
    modality_label,
    protocol_label,
    valid_until,
)
from cryolog.reports.styles import Styles, grid_style, key_value_style, new_table
from cryolog.reports.text import DASH, humanize, iso, joined, para, short
from cryolog.reports.words import w
from cryolog.services.document_inputs import CourseSummaryInput
from cryolog.services.dto import SessionDTO

Rows = list[tuple[str, str]]
SEXES = ("female", "male", "other", "unknown")


def key_values(rows: Rows, styles: Styles, width: float, key_mm: float = 38) -> Table:
    """Label/value lines; values are markup already escaped by the caller."""
    data = [[Paragraph(k, styles.cell_bold), Paragraph(v, styles.body)] for k, v in rows]
    table = new_table(data, colWidths=[key_mm * mm, width - key_mm * mm], hAlign="LEFT")
    table.setStyle(key_value_style())
    return table


def grid(
    header: list[str], rows: list[list[str]], styles: Styles, widths_mm: list[float], width: float
) -> Table:
    """A data table; cells are markup already escaped by the caller."""
    fixed = [w * mm for w in widths_mm]
    widths = [*fixed, width - sum(fixed)]
    data = [[Paragraph(h, styles.cell_bold) for h in header]]
    data += [[Paragraph(c, styles.cell) for c in row] for row in rows]
    table = new_table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style())
    return table


def patient_identity(data: CourseSummaryInput, styles: Styles, width: float) -> Table:
    p = data.patient
    age = p.age_on(data.generated_on)
    rows: Rows = [
        (w("patient"), f"<b>{para(p.display_name)}</b>"),
        (w("birth"), w("birth_value", born=iso(p.birth_date), age=age)),
        (w("sex"), para(w(f"sex_{p.sex}") if p.sex in SEXES else p.sex)),
        (w("patient_no"), str(p.id)),
    ]
    return key_values(rows, styles, width, key_mm=30)


def pretreatment(data: CourseSummaryInput, styles: Styles, width: float) -> list[Flowable]:
    rows: Rows = [
        (w("screening"), _screening(data)),
        (w("clearance"), _clearance(data)),
        (w("consent"), _consent(data)),
    ]
    return [Paragraph(w("pretreatment"), styles.h2), key_values(rows, styles, width)]


def _expired(day: date, data: CourseSummaryInput) -> str:
    expired = w("expired")
    return f" <font color='#a61b1b'><b>{expired}</b></font>" if day < data.generated_on else ""


def _screening(data: CourseSummaryInput) -> str:
    s = data.screening
    if s is None:
        return f"<font color='#a61b1b'>{w('no_screening')}</font>"
    until = valid_until(s.screened_on, data.screening_valid_days)
    text = w("screening_text", answered=iso(s.screened_on), until=iso(until))
    text += f"{_expired(until, data)}."
    yes = [condition_label(c) for c, a in sorted(s.answers.items()) if a == "yes"]
    unknown = [condition_label(c) for c, a in sorted(s.answers.items()) if a == "unknown"]
    text += f"<br/><b>{w('answered_yes')}</b> {para(joined(yes)) if yes else w('none')}."
    if unknown:
        text += f"<br/><b>{w('answered_unknown')}</b> {para(joined(unknown))}."
    if s.notes:
        text += f"<br/><i>{para(s.notes)}</i>"
    return text


def _clearance(data: CourseSummaryInput) -> str:
    c = data.clearance
    if c is None:
        return w("no_clearance")
    tests = joined(
        str(Ref("clearance_test", name))
        for name, ok in (("ecg", c.ecg), ("blood", c.blood), ("urine", c.urine))
        if ok
    )
    by = w("clearance_by", name=para(c.issued_by)) if c.issued_by else ""
    text = w("clearance_text", issued=iso(c.issued_on), by=by, until=iso(c.valid_until))
    return f"{text}{_expired(c.valid_until, data)}; {w('tests', tests=tests or w('none'))}."


def _consent(data: CourseSummaryInput) -> str:
    c = data.consent
    current = data.consent_form_version
    if c is None:
        return f"<font color='#a61b1b'>{w('no_consent')}</font>"
    text = w("consent_text", signed=iso(c.signed_on), version=c.form_version)
    if c.form_version < current:
        newer = w("consent_newer", current=current)
        return text + f" <font color='#a61b1b'><b>{newer}</b></font>."
    return text + f" {w('consent_current')}."


def cold_tests(data: CourseSummaryInput, styles: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(w("cold_tests"), styles.h2)]
    if not data.cold_tests:
        return [*out, Paragraph(w("no_cold_tests"), styles.note)]
    rows = []
    for t in data.cold_tests:
        result, details = cold_test_result(t, data.cold_pressor_max_rise_mmhg)
        notes = f"<br/><i>{para(t.notes)}</i>" if t.notes else ""
        rows.append(
            [
                iso(t.performed_on),
                cold_test_name(t.kind),
                para(result),
                para(details) + notes,
            ]
        )
    header = [w("date"), w("test"), w("result"), w("details")]
    return [*out, grid(header, rows, styles, [20, 40, 42], width)]


def protocol_section(data: CourseSummaryInput, styles: Styles, width: float) -> list[Flowable]:
    c = data.course
    spec = PROTOCOLS.get(c.protocol_id)
    done = [s for s in data.sessions if not s.aborted]
    aborted = len(data.sessions) - len(done)
    modalities = sorted({modality_label(s.modality) for s in data.sessions})
    rows: Rows = [
        (
            w("protocol"),
            f"<b>{para(protocol_label(c.protocol_id))}</b>"
            + (f" — {para(spec.indication)}" if spec else ""),
        ),
        (w("indication"), para(joined([c.indication, c.body_area], " · ")) or DASH),
        (w("recommended"), _recommended(c.protocol_id)),
        (
            w("sessions_row"),
            w("sessions_done", planned=c.planned_sessions or DASH, done=len(done))
            + (w("sessions_aborted", n=aborted) if aborted else ""),
        ),
        (w("dates"), _dates(data)),
        (w("modalities"), para(joined(modalities)) or DASH),
        (w("deviations"), _deviations(data.sessions, c.protocol_id)),
    ]
    if c.notes:
        rows.append((w("course_notes"), para(c.notes)))
    return [Paragraph(w("protocol_heading"), styles.h2), key_values(rows, styles, width)]


def _recommended(protocol_id: str) -> str:
    spec = PROTOCOLS.get(protocol_id)
    if spec is None or spec.sessions_max is None:
        return w("set_by_practitioner")
    parts = [
        w("recommended_sessions", low=spec.sessions_min, n=spec.sessions_max),
        spec.frequency.lower(),
    ]
    if spec.min_interval_days:
        parts.append(w("interval_apart", n=spec.min_interval_days))
    if spec.max_per_7_days:
        parts.append(w("per_seven_days", n=spec.max_per_7_days))
    return para(joined(parts)) + (f"<br/><i>{para(spec.notes)}</i>" if spec.notes else "")


def _dates(data: CourseSummaryInput) -> str:
    c = data.course
    text = w("dates_started", day=iso(c.started_on))
    if data.sessions:
        first, last = data.sessions[0].session_date, data.sessions[-1].session_date
        text += w("dates_sessions", first=iso(first), last=iso(last))
    known = c.status in ("open", "completed", "stopped")
    status = w(f"status_{c.status}") if known else c.status
    ended = w("dates_ended", day=iso(c.ended_on)) if c.ended_on else ""
    return f"{text}; {para(status)}{ended}"


def interval_deviations(sessions: tuple[SessionDTO, ...], protocol_id: str) -> list[str]:
    """Plain sentences for sessions closer together than the protocol allows: the same
    judgement (domain.schedule) and the same sessions (every one that counts, stopped
    ones included) as the warnings given when each session was recorded."""
    spec = PROTOCOLS.get(protocol_id)
    if spec is None:
        return []
    days = [s.session_date for s in sessions]
    out: list[str] = []
    for number, day in enumerate(days, start=1):
        gap = short_gap(days[number - 2], day, spec) if number > 1 else None
        if gap is not None:
            out.append(
                w(
                    "deviation_gap",
                    number=number,
                    day=iso(day),
                    gap=gap,
                    minimum=spec.min_interval_days,
                )
            )
        in_week = too_many_in_window(days[:number], day, spec)
        if in_week is not None:
            out.append(
                w(
                    "deviation_week",
                    number=number,
                    day=iso(day),
                    count=in_week,
                    limit=spec.max_per_7_days,
                )
            )
    return out


def _deviations(sessions: tuple[SessionDTO, ...], protocol_id: str) -> str:
    found = interval_deviations(sessions, protocol_id)
    if not found:
        return w("none_found")
    return "<br/>".join(f"<font color='#a61b1b'>{para(line)}</font>" for line in found)


def overrides(data: CourseSummaryInput, styles: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(w("overrides_heading"), styles.h2)]
    rows: list[list[str]] = []
    for number, s in enumerate(data.sessions, start=1):
        for f in s.findings:
            if f.level == "info":
                continue
            reason = para(f.override_reason) if f.override_reason else DASH
            known = f.level in ("warning", "hard_stop", "info")
            plain = w(f"level_{f.level}") if known else humanize(f.level)
            level = f"<b>{w('override')}</b>" if f.override_reason else para(plain)
            rows.append(
                [f"{number} · {iso(s.session_date)}", level, para(f.rule), para(f.text), reason]
            )
    if not rows:
        return [*out, Paragraph(w("no_overrides"), styles.note)]
    header = [w("session"), w("kind"), w("rule"), w("finding"), w("reason_given")]
    table = grid(header, rows, styles, [24, 17, 30, 55], width)
    return [*out, table]


def adverse_events(data: CourseSummaryInput, styles: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(w("adverse_heading"), styles.h2)]
    if not data.adverse_events:
        return [*out, Paragraph(w("no_adverse"), styles.note)]
    numbers = {s.id: n for n, s in enumerate(data.sessions, start=1)}
    rows = []
    for e in data.adverse_events:
        session = str(numbers[e.session_id]) if e.session_id in numbers else DASH
        extra = w("device_malfunction") if e.device_malfunction else ""
        rows.append(
            [
                iso(e.onset_on),
                para(Ref("adverse_event", e.event_type).render()),
                para(Ref("severity", e.severity).render()) + extra,
                session,
                iso(e.resolved_on) if e.resolved_on else w("not_yet"),
                para(e.description) or DASH,
            ]
        )
    header = [w("onset"), w("event"), w("severity"), w("session"), w("resolved"), w("description")]
    return [*out, grid(header, rows, styles, [19, 30, 24, 14, 19], width)]


def assessments(data: CourseSummaryInput, styles: Styles, width: float) -> list[Flowable]:
    if not data.assessments:
        return []
    rows = [
        [iso(a.assessed_on), para(a.kind.upper()), short(a.value), para(a.notes) or DASH]
        for a in data.assessments
    ]
    header = [w("date"), w("measure"), w("value"), w("notes")]
    table = grid(header, rows, styles, [20, 28, 18], width)
    return [Paragraph(w("measures"), styles.h3), table, Spacer(1, 4)]


def signature(data: CourseSummaryInput, styles: Styles, width: float) -> Table:
    who = para(data.practice.practitioner) or "&nbsp;"
    line = "_" * 34
    cells = [
        [
            Paragraph(w("practitioner", name=f"<b>{who}</b>"), styles.body),
            Paragraph(w("signature", line=line), styles.body),
        ],
        [
            Paragraph(w("prepared", day=iso(data.generated_on)), styles.small),
            Paragraph(w("signed_date", line="_" * 20), styles.body),
        ],
    ]
    table = new_table(cells, colWidths=[width / 2, width / 2], hAlign="LEFT")
    table.setStyle(key_value_style())
    return table
