"""Outcomes chart: pain NRS before and after each session, and the skin-temperature drop.

Drawn with QPainter (PySide6-Essentials has no QtCharts). ``nrs_points`` and
``drop_points`` are exactly what is plotted, for tests and for the reader.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cryolog.domain import locale as loc
from cryolog.services.dto import SessionDTO

PRE = QColor("#b3261e")
POST = QColor("#1565c0")
DROP = QColor("#7e57c2")
GRID = QColor("#dddddd")
MARGIN = 40


class OutcomeChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.nrs_points: list[tuple[int, int | None, int | None]] = []
        self.drop_points: list[tuple[int, float]] = []

    def set_sessions(self, sessions: Sequence[SessionDTO]) -> None:
        """Sessions in any order; plotted oldest first and numbered from 1."""
        ordered = sorted((s for s in sessions if s.counts), key=lambda s: s.started_at)  # no drafts
        self.nrs_points = [
            (n, s.nrs_pre, s.nrs_post)
            for n, s in enumerate(ordered, 1)
            if s.nrs_pre is not None or s.nrs_post is not None
        ]
        self.drop_points = [
            (n, round(s.skin_temp_before_c - s.skin_temp_after_c, 1))
            for n, s in enumerate(ordered, 1)
            if s.skin_temp_before_c is not None and s.skin_temp_after_c is not None
        ]
        self._count = len(ordered)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        area = QRectF(MARGIN, 16, self.width() - 2 * MARGIN, self.height() - 62)
        if not (self.nrs_points or self.drop_points):
            painter.setPen(QColor("#777"))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No scores recorded yet.")
            )
            return
        count = max(getattr(self, "_count", 1), 1)
        top_drop = 5.0 * math.ceil(max([15.0, *(d for _, d in self.drop_points)]) / 5)
        self._grid(painter, area, count, top_drop)
        nrs = [(n, pre) for n, pre, _ in self.nrs_points if pre is not None]
        self._line(painter, area, count, nrs, 10, PRE)
        post = [(n, v) for n, _, v in self.nrs_points if v is not None]
        self._line(painter, area, count, post, 10, POST)
        self._line(painter, area, count, self.drop_points, top_drop, DROP, dashed=True)
        self._legend(painter, area, top_drop)

    def _x(self, area: QRectF, count: int, n: int) -> float:
        return area.left() + (area.width() * (n - 0.5) / count)

    def _grid(self, p: QPainter, area: QRectF, count: int, top_drop: float) -> None:
        p.setPen(QPen(GRID))
        for v in range(0, 11, 2):  # NRS 0-10 on the left, the drop on the right
            y = area.bottom() - area.height() * v / 10
            p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            p.setPen(QColor("#666"))
            p.drawText(QPointF(4, y + 4), str(v))
            p.drawText(QPointF(area.right() + 6, y + 4), f"{loc.shown(top_drop * v / 10, 'g')}°")
            p.setPen(QPen(GRID))
        p.setPen(QColor("#666"))
        step = max(1, count // 15)
        for n in range(1, count + 1, step):
            p.drawText(QPointF(self._x(area, count, n) - 4, area.bottom() + 15), str(n))

    def _line(
        self,
        p: QPainter,
        area: QRectF,
        count: int,
        points: Sequence[tuple[int, float]],
        top: float,
        color: QColor,
        dashed: bool = False,
    ) -> None:
        pen = QPen(color, 2)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(color)
        xy = [
            QPointF(self._x(area, count, n), area.bottom() - area.height() * v / top)
            for n, v in points
        ]
        for a, b in itertools.pairwise(xy):
            p.drawLine(a, b)
        for point in xy:
            p.drawEllipse(point, 3.5, 3.5)

    def _legend(self, p: QPainter, area: QRectF, top_drop: float) -> None:
        x = area.left()
        y = self.height() - 6
        for color, text in (
            (PRE, "Pain before (NRS, left)"),
            (POST, "Pain after"),
            (DROP, "Skin temperature drop (°C, right)"),
        ):
            p.setPen(QPen(color, 3))
            p.drawLine(QPointF(x, y - 4), QPointF(x + 16, y - 4))
            p.setPen(QColor("#333"))
            p.drawText(QPointF(x + 20, y), text)
            x += 30 + p.fontMetrics().horizontalAdvance(text)
