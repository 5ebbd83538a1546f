"""The week's calendar grid: seven day columns, each split into one lane per resource,
time running down. Appointments are blocks; a booked one is moved with the mouse (press,
move, release: it snaps to the resource's slot grid) or with the keyboard (Up/Down: the
previous or next slot, Left/Right: the day before or after, Enter: move there, Esc: stay;
Ctrl+Up/Down selects the previous or next appointment). The grid only emits what the
practitioner asked for; the week view checks and writes it on the worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cryolog.domain.booking.week import (
    PracticeWeek,
    Resource,
    at_minutes,
    clock,
    minutes_of,
    nearest_slot,
)
from cryolog.services.appointments_dto import AppointmentDTO

GUTTER = 52.0
HEADER = 40.0
PX_PER_MIN = 2.0
MIN_BLOCK_PX = 14.0
COLORS = {"booked": "#cfe3f7", "attended": "#d5ecd4", "cancelled": "#eeeeee", "no_show": "#f6dede"}


@dataclass(frozen=True, slots=True)
class Place:
    """Where an appointment is, or would go: the day, the resource and the start."""

    day: date
    resource_id: int
    start_min: int

    def moment(self) -> datetime:
        return at_minutes(self.day, self.start_min)


def place_of(a: AppointmentDTO) -> Place:
    return Place(a.day, a.resource_id, minutes_of(a.start))


class WeekGrid(QWidget):
    move_requested = Signal(int, object, int)  # appointment id, new start, resource id
    book_requested = Signal(int, object)  # resource id, start
    selection_changed = Signal(object)  # AppointmentDTO or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.week = PracticeWeek()
        self.monday = date.today() - timedelta(days=date.today().weekday())
        self.appointments: list[AppointmentDTO] = []
        self.selected: AppointmentDTO | None = None
        self.pending: Place | None = None
        self.booking_enabled = False
        self._dragging = False
        self._grab_min = 0
        self.first_min, self.last_min = 8 * 60, 20 * 60
        self.seat_of: dict[int, int] = {}

    # --- data and geometry ---------------------------------------------------------------

    @property
    def lanes(self) -> list[Resource]:
        return [r for r in self.week.resources if r.active] or list(self.week.resources)

    def set_data(self, week: PracticeWeek, monday: date, items: list[AppointmentDTO]) -> None:
        self.week, self.monday, self.appointments = week, monday, items
        self.seat_of = {}
        runs: dict[tuple[int, datetime], int] = {}
        for a in sorted(items, key=lambda a: (not a.holds_place, a.id)):
            key = (a.resource_id, a.start)
            self.seat_of[a.id] = runs.get(key, 0)
            runs[key] = self.seat_of[a.id] + 1
        starts = [i.start_min for i in week.hours] or [8 * 60]
        ends = [i.end_min for i in week.hours] or [20 * 60]
        self.first_min, self.last_min = min(starts), max(ends)
        keep = self.selected.id if self.selected else None
        self.selected = next((a for a in items if a.id == keep), None)
        self.pending = None
        self.setMinimumHeight(int(HEADER + (self.last_min - self.first_min) * PX_PER_MIN) + 2)
        self.update()

    def _day_width(self) -> float:
        return max((self.width() - GUTTER) / 7, 10.0)

    def _lane_width(self) -> float:
        return self._day_width() / max(len(self.lanes), 1)

    def _lane_index(self, resource_id: int) -> int:
        ids = [r.id for r in self.lanes]
        return ids.index(resource_id) if resource_id in ids else 0

    def rect_of(self, place: Place, length_min: int) -> QRectF:
        x = GUTTER + (place.day - self.monday).days * self._day_width()
        x += self._lane_index(place.resource_id) * self._lane_width()
        y = HEADER + (place.start_min - self.first_min) * PX_PER_MIN
        return QRectF(x + 1, y, self._lane_width() - 2, max(length_min * PX_PER_MIN, 4))

    def block_rect(self, a: AppointmentDTO) -> QRectF:
        """The block of ``a``; patients sharing a run sit side by side in the lane."""
        rect = self.rect_of(place_of(a), a.length_min)
        rect.setHeight(max(rect.height(), MIN_BLOCK_PX))
        resource = self.week.resource(a.resource_id)
        places = resource.capacity if resource is not None else 1
        if places > 1:
            width = rect.width() / places
            seat = min(self.seat_of.get(a.id, 0), places - 1)
            rect = QRectF(rect.left() + seat * width, rect.top(), width, rect.height())
        return rect

    def point_of(self, place: Place) -> QPointF:
        """A point inside the slot at ``place`` (for the keyboard and for tests)."""
        rect = self.rect_of(place, 1)
        return QPointF(rect.center().x(), rect.top() + 1)

    def _cell(self, pos: QPointF) -> tuple[date, Resource, int] | None:
        if pos.x() < GUTTER or pos.y() < HEADER or not self.lanes:
            return None
        column = int((pos.x() - GUTTER) // self._day_width())
        lane = int(((pos.x() - GUTTER) % self._day_width()) // self._lane_width())
        if not 0 <= column < 7:
            return None
        minutes = int(self.first_min + (pos.y() - HEADER) / PX_PER_MIN)
        return (
            self.monday + timedelta(days=column),
            self.lanes[min(lane, len(self.lanes) - 1)],
            minutes,
        )

    def _block_at(self, pos: QPointF) -> AppointmentDTO | None:
        hits = [a for a in self.appointments if self.block_rect(a).contains(pos)]
        hits.sort(key=lambda a: not a.holds_place)
        return hits[0] if hits else None

    # --- moving --------------------------------------------------------------------------

    def _fits(self, a: AppointmentDTO, resource: Resource) -> bool:
        return a.modality is None or a.modality in resource.modalities

    def _snap(self, a: AppointmentDTO, day: date, resource: Resource, minutes: int) -> Place | None:
        if not self._fits(a, resource):
            resource = next((r for r in self.lanes if r.id == a.resource_id), resource)
        start = nearest_slot(self.week, resource, day, minutes)
        return None if start is None else Place(day, resource.id, start)

    def _select(self, a: AppointmentDTO | None) -> None:
        self.selected, self.pending = a, None
        self.selection_changed.emit(a)
        self.update()

    def _movable(self) -> bool:
        return self.selected is not None and self.selected.status == "booked"

    def _commit(self) -> None:
        a, target = self.selected, self.pending
        if a is None or target is None or target == place_of(a):
            self.pending = None
            self.update()
            return
        self.move_requested.emit(a.id, target.moment(), target.resource_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.setFocus()
        pos = event.position()
        block = self._block_at(pos)
        if block is not None:
            self._select(block)
            self._dragging = self._movable()
            self._grab_min = int((pos.y() - self.block_rect(block).top()) / PX_PER_MIN)
            return
        self._select(None)
        cell = self._cell(pos)
        if cell is not None and self.booking_enabled:
            day, resource, minutes = cell
            start = nearest_slot(self.week, resource, day, minutes)
            if start is not None:
                self.book_requested.emit(resource.id, at_minutes(day, start))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._dragging or self.selected is None:
            return
        cell = self._cell(event.position())
        if cell is not None:
            day, resource, minutes = cell
            self.pending = self._snap(self.selected, day, resource, minutes - self._grab_min)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging and event.button() == Qt.MouseButton.LeftButton:
            self._dragging = False
            self._commit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._select_next(1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step(key)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._commit()
        elif key == Qt.Key.Key_Escape:
            self.pending = None
            self.update()
        else:
            super().keyPressEvent(event)

    def _select_next(self, step: int) -> None:
        order = sorted(self.appointments, key=lambda a: (a.start, a.resource_id))
        if not order:
            return
        index = order.index(self.selected) + step if self.selected in order else 0
        self._select(order[max(0, min(index, len(order) - 1))])

    def _step(self, key: int) -> None:
        a = self.selected
        if a is None or not self._movable():
            return
        here = self.pending or place_of(a)
        resource = next((r for r in self.week.resources if r.id == here.resource_id), None)
        if resource is None:
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            day = here.day + timedelta(days=-1 if key == Qt.Key.Key_Left else 1)
            while self.monday <= day < self.monday + timedelta(days=7) and not self.week.is_open(
                day
            ):
                day += timedelta(days=-1 if key == Qt.Key.Key_Left else 1)
            if self.monday <= day < self.monday + timedelta(days=7):
                self.pending = self._snap(a, day, resource, here.start_min) or self.pending
        else:
            starts = list(self.week.slot_starts(resource, here.day))
            if here.start_min in starts:
                index = starts.index(here.start_min) + (-1 if key == Qt.Key.Key_Up else 1)
                if 0 <= index < len(starts):
                    self.pending = Place(here.day, resource.id, starts[index])
        self.update()

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f2f2f2"))
        self._paint_days(painter)
        for a in sorted(self.appointments, key=lambda a: a.holds_place):
            self._paint_block(painter, a)
        if self.pending is not None and self.selected is not None:
            rect = self.rect_of(self.pending, self.selected.length_min)
            painter.setPen(QPen(QColor("#1565c0"), 2, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(21, 101, 192, 60))
            painter.drawRect(rect)
        painter.end()

    def _paint_days(self, painter: QPainter) -> None:
        day_w = self._day_width()
        for n in range(7):
            day = self.monday + timedelta(days=n)
            x = GUTTER + n * day_w
            for interval in self.week.intervals(day):
                top = HEADER + (interval.start_min - self.first_min) * PX_PER_MIN
                height = (interval.end_min - interval.start_min) * PX_PER_MIN
                painter.fillRect(QRectF(x, top, day_w, height), QColor("white"))
            painter.setPen(QColor("#333" if day != date.today() else "#1565c0"))
            closed = self.week.closed_on(day)
            label = f"{day:%a %d.%m}" + (f" — {closed.label or 'closed'}" if closed else "")
            painter.drawText(QRectF(x, 2, day_w, 18), Qt.AlignmentFlag.AlignCenter, label)
            for k, res in enumerate(self.lanes):
                lane = QRectF(x + k * self._lane_width(), 20, self._lane_width(), 18)
                painter.setPen(QColor("#777"))
                painter.drawText(lane, Qt.AlignmentFlag.AlignCenter, res.name[:10])
            painter.setPen(QColor("#bbb"))
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        painter.setPen(QColor("#999"))
        for minute in range(self.first_min - self.first_min % 60 + 60, self.last_min + 1, 60):
            y = HEADER + (minute - self.first_min) * PX_PER_MIN
            painter.drawText(
                QRectF(0, y - 8, GUTTER - 6, 16), Qt.AlignmentFlag.AlignRight, clock(minute)
            )
            painter.drawLine(QPointF(GUTTER, y), QPointF(self.width(), y))

    def _paint_block(self, painter: QPainter, a: AppointmentDTO) -> None:
        rect = self.block_rect(a)
        chosen = self.selected is not None and self.selected.id == a.id
        painter.setPen(QPen(QColor("#0d47a1" if chosen else "#7a9cc6"), 2 if chosen else 1))
        painter.setBrush(QColor(COLORS.get(a.status, "#ddd")))
        painter.drawRect(rect)
        painter.setPen(QColor("#222" if a.holds_place else "#888"))
        text = f"{a.start:%H:%M} {a.patient_name.split()[0] if a.patient_name else ''}"
        painter.drawText(
            rect.adjusted(2, 0, -1, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text
        )
