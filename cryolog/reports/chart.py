"""The outcome chart: pain (NRS) before and after each session, and the skin-temperature drop."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from cryolog.reports.clinical_text import skin_drop
from cryolog.reports.fonts import BOLD, REGULAR
from cryolog.reports.styles import ACCENT, ALERT, INK, MUTED, RULE
from cryolog.reports.text import short
from cryolog.reports.words import w
from cryolog.services.dto import SessionDTO

PRE_COLOUR = ALERT
POST_COLOUR = ACCENT
DROP_COLOUR = colors.HexColor("#4f8fc0")
TARGET_DROP_C = 15.0
HEIGHT = 165.0


def outcome_chart(sessions: tuple[SessionDTO, ...], width: float) -> Drawing:
    drawing = Drawing(width, HEIGHT, initialFontName=REGULAR)
    half = (width - 24) / 2
    _nrs_plot(drawing, sessions, 0, half)
    _drop_bars(drawing, sessions, half + 24, half)
    return drawing


def _title(drawing: Drawing, x: float, text: str) -> None:
    drawing.add(String(x, HEIGHT - 10, text, fontName=BOLD, fontSize=8.5, fillColor=INK))


def _legend(drawing: Drawing, x: float, items: list[tuple[str, colors.Color]]) -> None:
    for label, colour in items:
        drawing.add(Line(x, HEIGHT - 23, x + 12, HEIGHT - 23, strokeColor=colour, strokeWidth=1.6))
        drawing.add(String(x + 15, HEIGHT - 26, label, fontName=REGULAR, fontSize=7, fillColor=INK))
        x += 20 + 4.2 * len(label)


def _axis_fonts(axis: object, size: float = 6.5) -> None:
    axis.labels.fontName = REGULAR  # type: ignore[attr-defined]
    axis.labels.fontSize = size  # type: ignore[attr-defined]
    axis.labels.fillColor = MUTED  # type: ignore[attr-defined]
    axis.strokeColor = RULE  # type: ignore[attr-defined]


def _step(count: int) -> int:
    return 1 if count <= 12 else 2 if count <= 24 else 5


def _nrs_plot(drawing: Drawing, sessions: tuple[SessionDTO, ...], x: float, width: float) -> None:
    _title(drawing, x, w("chart_pain"))
    _legend(drawing, x, [(w("col_before"), PRE_COLOUR), (w("col_after"), POST_COLOUR)])
    pre = [(i, s.nrs_pre) for i, s in enumerate(sessions, 1) if s.nrs_pre is not None]
    post = [(i, s.nrs_post) for i, s in enumerate(sessions, 1) if s.nrs_post is not None]
    if not pre and not post:
        _empty(drawing, x, width, w("chart_no_pain"))
        return
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = x + 18, 18, width - 22, HEIGHT - 52
    plot.data = [pre or [(1, 0)], post or [(1, 0)]]
    for index, (colour, points) in enumerate(((PRE_COLOUR, pre), (POST_COLOUR, post))):
        line = plot.lines[index]
        line.strokeColor = colour if points else colors.transparent
        line.strokeWidth = 1.4
        line.symbol = makeMarker("FilledCircle", size=3, fillColor=colour, strokeColor=colour)
        if not points:
            line.symbol = None
    count = max(len(sessions), 1)
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0.5, count + 0.5
    plot.xValueAxis.valueSteps = list(range(1, count + 1, _step(count)))
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = 0, 10
    plot.yValueAxis.valueSteps = [0, 2, 4, 6, 8, 10]
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#e4e7eb")
    plot.xValueAxis.labelTextFormat = "%d"
    _axis_fonts(plot.xValueAxis)
    _axis_fonts(plot.yValueAxis)
    drawing.add(plot)


def _drop_bars(drawing: Drawing, sessions: tuple[SessionDTO, ...], x: float, width: float) -> None:
    _title(drawing, x, w("chart_skin"))
    _legend(drawing, x, [(w("chart_target", target=short(TARGET_DROP_C)), MUTED)])
    drops = [skin_drop(s) for s in sessions]
    if all(d is None for d in drops):
        _empty(drawing, x, width, w("chart_no_skin"))
        return
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = x + 18, 18, width - 22, HEIGHT - 52
    chart.data = [[d if d is not None else 0 for d in drops]]
    chart.bars[0].fillColor = DROP_COLOUR
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    top = max([TARGET_DROP_C + 5, *[d for d in drops if d is not None]])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, _nice(top)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e4e7eb")
    step = _step(len(sessions))
    chart.categoryAxis.categoryNames = [
        str(i) if (i - 1) % step == 0 else "" for i in range(1, len(sessions) + 1)
    ]
    _axis_fonts(chart.categoryAxis)
    _axis_fonts(chart.valueAxis)
    drawing.add(chart)
    target_y = chart.y + chart.height * TARGET_DROP_C / chart.valueAxis.valueMax
    drawing.add(
        Line(
            chart.x,
            target_y,
            chart.x + chart.width,
            target_y,
            strokeColor=MUTED,
            strokeWidth=0.8,
            strokeDashArray=[3, 2],
        )
    )


def _nice(value: float) -> float:
    return float(int(value / 5) + 1) * 5


def _empty(drawing: Drawing, x: float, width: float, text: str) -> None:
    drawing.add(
        String(
            x + width / 2,
            HEIGHT / 2,
            text,
            fontName=REGULAR,
            fontSize=8,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
