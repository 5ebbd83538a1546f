"""The table of every session of a course; its two header rows repeat on every page.

Each session is one row of numbers; its reactions, abort reason and notes, when there
are any, follow on a full-width row beneath it so the numbers keep their columns.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from cryolog.domain.messages import Ref
from cryolog.reports.clinical_text import area_text, skin_drop
from cryolog.reports.styles import ACCENT, RULE, SHADE, ZEBRA, Styles, new_table
from cryolog.reports.text import DASH, iso, num, para, seconds
from cryolog.reports.words import w
from cryolog.services.dto import SessionDTO

GROUPS = (  # (first column, last column, summary.<key>) of the upper header row
    (0, 0, "col_number"),
    (1, 1, "col_date"),
    (2, 2, "col_modality"),
    (3, 4, "col_temp"),
    (5, 5, "col_duration"),
    (6, 7, "col_bp"),
    (8, 9, "col_hr"),
    (10, 12, "col_skin"),
    (13, 14, "col_nrs"),
)
SUB = (  # summary.<key> of each column's lower header, "" for none
    "",
    "",
    "",
    "col_set",
    "col_measured",
    "",
    "col_before",
    "col_after",
    "col_before",
    "col_after",
    "col_before",
    "col_after",
    "col_drop",
    "col_before",
    "col_after",
)
WIDTHS_MM = (6, 18.5, 0, 10.5, 10.5, 16, 12, 12, 9.5, 9.5, 9, 9, 9, 9.5, 9.5)
HEADER_ROWS = 2


def column_widths(total: float) -> list[float]:
    widths = [w * mm for w in WIDTHS_MM]
    widths[2] = total - sum(widths)  # the modality column takes what is left
    return widths


def session_table(sessions: tuple[SessionDTO, ...], styles: Styles, width: float) -> Table:
    rows, remarks = _header(styles), []
    for number, s in enumerate(sessions, start=1):
        rows.append(_numbers(number, s, styles))
        note = _remarks(s)
        if note:
            remarks.append(len(rows))
            rows.append(["", Paragraph(note, styles.cell), *[""] * (len(SUB) - 2)])
    table = new_table(rows, colWidths=column_widths(width), repeatRows=HEADER_ROWS, hAlign="LEFT")
    table.setStyle(_style(rows, remarks, sessions, styles))
    return table


def _header(styles: Styles) -> list[list[object]]:
    top: list[object] = [""] * len(SUB)
    for first, last, label in GROUPS:
        top[first] = Paragraph(w(label), styles.cell_group if last > first else styles.cell_bold)
    sub = [Paragraph(w(label), styles.cell_head) if label else "" for label in SUB]
    return [top, sub]


def _numbers(number: int, s: SessionDTO, styles: Styles) -> list[object]:
    """Plain strings for the numbers (fast, never wrap); paragraphs where text may wrap."""
    c = styles.cell
    return [
        num(number),
        iso(s.session_date),
        Paragraph(_modality(s), c),
        num(s.set_temp_c),
        num(s.measured_temp_c),
        Paragraph(_duration(s), c),
        _bp_before(s),
        _bp(s.bp_post_sys, s.bp_post_dia),
        num(s.hr_pre),
        num(s.hr_post),
        num(s.skin_temp_before_c),
        num(s.skin_temp_after_c),
        num(skin_drop(s)),
        num(s.nrs_pre),
        num(s.nrs_post),
    ]


def _bp(systolic: int | None, diastolic: int | None) -> str:
    return DASH if systolic is None or diastolic is None else f"{systolic}/{diastolic}"


def _bp_before(s: SessionDTO) -> str:
    """Every reading before the session, one a line, oldest first: the last is the one the
    safety checks used. (Plain text: a reading never wraps inside the narrow column.)"""
    if len(s.bp_readings) < 2:
        return _bp(s.bp_pre_sys, s.bp_pre_dia)
    return "\n".join(f"{r.systolic}/{r.diastolic}" for r in s.bp_readings)


def _modality(s: SessionDTO) -> str:
    label = para(Ref("modality_short", s.modality).render())
    device = f"<br/><font size='6.5' color='#52606d'>{para(s.device)}</font>" if s.device else ""
    return label + device


def _duration(s: SessionDTO) -> str:
    """The exposure the patient had; the plan beside it when the timer measured another."""
    lines = [para(seconds(s.exposure_s))]
    if s.actual_exposure_s is not None and s.actual_exposure_s != s.duration_s:
        lines.append(
            f"<font size='6.5' color='#52606d'>"
            f"{para(w('planned_duration', duration=seconds(s.duration_s)))}</font>"
        )
    lines += [para(area_text(a)) for a in s.areas]
    return "<br/>".join(lines)


def _remarks(s: SessionDTO) -> str:
    parts: list[str] = []
    if s.state != "signed":
        state = para(Ref("session_state", s.state).render())
        parts.append(f"<font color='#a61b1b'><b>{w('not_signed')}</b> ({state})</font>")
    if s.over_max_note:
        parts.append(f"<b>{w('remark_over_max')}</b> {para(s.over_max_note)}")
    if s.aborted:
        aborted = f"<b>{w('remark_aborted')}</b> {para(s.abort_reason)}"
        parts.append(f"<font color='#a61b1b'>{aborted}</font>")
    if s.reactions:
        parts.append(f"<b>{w('remark_reactions')}</b> {para(s.reactions)}")
    if s.notes:
        parts.append(f"<b>{w('remark_notes')}</b> <i>{para(s.notes)}</i>")
    return " &nbsp; ".join(parts)


def _style(
    rows: list[list[object]], remarks: list[int], sessions: tuple[SessionDTO, ...], styles: Styles
) -> TableStyle:
    last = len(SUB) - 1
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 1), "BOTTOM"),
        ("FONTSIZE", (0, HEADER_ROWS), (-1, -1), styles.cell.fontSize),
        ("LEADING", (0, HEADER_ROWS), (-1, -1), styles.cell.leading),
        ("TEXTCOLOR", (0, HEADER_ROWS), (-1, -1), styles.cell.textColor),
        ("ALIGN", (3, HEADER_ROWS), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 1), SHADE),
        ("LINEBELOW", (0, 1), (-1, 1), 0.8, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    for first, end, _ in GROUPS:
        commands.append(("SPAN", (first, 0), (end, 0) if end > first else (first, 1)))
        if end > first:
            commands.append(("LINEBELOW", (first, 0), (end, 0), 0.3, RULE))
    shade = False
    for index in range(HEADER_ROWS, len(rows)):
        if index in remarks:
            commands.append(("SPAN", (1, index), (last, index)))
            commands.append(("TOPPADDING", (0, index), (-1, index), 0))
        else:
            shade = not shade
            if index > HEADER_ROWS:
                commands.append(("LINEABOVE", (0, index), (-1, index), 0.25, RULE))
        if not shade:
            commands.append(("BACKGROUND", (0, index), (-1, index), ZEBRA))
    commands.append(("LINEBELOW", (0, -1), (-1, -1), 0.25, RULE))
    return TableStyle(commands)
