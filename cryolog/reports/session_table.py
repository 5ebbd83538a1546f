"""The table of every session of a course; its two header rows repeat on every page.

Each session is one row of numbers; its reactions, abort reason and notes, when there
are any, follow on a full-width row beneath it so the numbers keep their columns.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from cryolog.reports.clinical_text import area_text, skin_drop
from cryolog.reports.styles import ACCENT, RULE, SHADE, ZEBRA, Styles, new_table
from cryolog.reports.text import DASH, iso, num, para, seconds
from cryolog.services.dto import SessionDTO

SHORT_MODALITY = {
    "wbc_chamber": "WBC chamber",
    "cryosauna_n2": "N₂ cryosauna",
    "ln2_applicator": "LN₂ applicator",
    "ln2_spray": "LN₂ spray",
    "cold_air": "Cold air",
    "co2": "CO₂",
    "ice_massage": "Ice massage",
    "cold_pack": "Cold pack",
    "cold_bath": "Cold bath",
}
GROUPS = (  # (first column, last column, label) of the upper header row
    (0, 0, "#"),
    (1, 1, "Date"),
    (2, 2, "Modality, device"),
    (3, 4, "Temp. °C"),
    (5, 5, "Duration, areas"),
    (6, 7, "BP mmHg"),
    (8, 9, "HR /min"),
    (10, 12, "Skin °C"),
    (13, 14, "NRS 0–10"),
)
SUB = (
    "",
    "",
    "",
    "set",
    "meas.",
    "",
    "before",
    "after",
    "before",
    "after",
    "before",
    "after",
    "drop",
    "before",
    "after",
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
        top[first] = Paragraph(label, styles.cell_group if last > first else styles.cell_bold)
    sub = [Paragraph(label, styles.cell_head) if label else "" for label in SUB]
    return [top, sub]


def _numbers(number: int, s: SessionDTO, styles: Styles) -> list[object]:
    """Plain strings for the numbers (fast, never wrap); paragraphs where text may wrap."""
    c = styles.cell
    return [
        str(number),
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
    label = para(SHORT_MODALITY.get(s.modality, s.modality))
    device = f"<br/><font size='6.5' color='#52606d'>{para(s.device)}</font>" if s.device else ""
    return label + device


def _duration(s: SessionDTO) -> str:
    """The exposure the patient had; the plan beside it when the timer measured another."""
    lines = [para(seconds(s.exposure_s))]
    if s.actual_exposure_s is not None and s.actual_exposure_s != s.duration_s:
        lines.append(
            f"<font size='6.5' color='#52606d'>planned {para(seconds(s.duration_s))}</font>"
        )
    lines += [para(area_text(a)) for a in s.areas]
    return "<br/>".join(lines)


def _remarks(s: SessionDTO) -> str:
    parts: list[str] = []
    if s.state != "signed":
        parts.append(f"<font color='#a61b1b'><b>Not signed yet</b> ({para(s.state)})</font>")
    if s.over_max_note:
        parts.append(f"<b>Exposure past the maximum:</b> {para(s.over_max_note)}")
    if s.aborted:
        parts.append(f"<font color='#a61b1b'><b>Aborted:</b> {para(s.abort_reason)}</font>")
    if s.reactions:
        parts.append(f"<b>Reactions:</b> {para(s.reactions)}")
    if s.notes:
        parts.append(f"<b>Notes:</b> <i>{para(s.notes)}</i>")
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
