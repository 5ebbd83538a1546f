"""Input widgets that never change a value by accident.

- The mouse wheel over a spin box, date, time or combo box without keyboard focus scrolls
  the form instead (one application-wide event filter, ``install_input_guards``, installed
  once a window's first page is on screen).
- A date field selects its day on focus, so typing "15032024" replaces the whole date; it
  has no step arrows (a click never steps a date); every date reads dd.mm.yyyy.
- An optional date (a birth date) starts empty: no silent default that looks like data.
- Tab leaves a multi-line text box instead of typing a tab into it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

DATE_FORMAT = "dd.MM.yyyy"
DATE_HINT = "dd.mm.yyyy"
_TYPED_FORMATS = ("%d.%m.%Y", "%d%m%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")


def _guarded(obj: QObject) -> QWidget | None:
    """The spin box or combo box ``obj`` is (or is inside), if any."""
    widget = obj if isinstance(obj, QWidget) else None
    while widget is not None:
        if isinstance(widget, QAbstractSpinBox | QComboBox):
            return widget
        if isinstance(widget, QAbstractScrollArea):
            return None
        widget = widget.parentWidget()
    return None


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def _settle(obj: QObject) -> None:
    """What the guard does to a box when it is polished: multi-line boxes let Tab move on,
    spin and combo boxes take focus only from the keyboard or a click."""
    if isinstance(obj, QPlainTextEdit | QTextEdit):
        obj.setTabChangesFocus(True)
    elif isinstance(obj, QAbstractSpinBox | QComboBox):
        obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not take focus


class InputGuard(QObject):
    """Wheel without focus scrolls the form; multi-line boxes let Tab move on."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            target = _guarded(obj)
            if target is not None and not target.hasFocus():
                area = _scroll_area(target)
                if area is not None and isinstance(event, QWheelEvent):
                    QApplication.sendEvent(area.verticalScrollBar(), event)
                return True  # the value stays as it is
        elif kind == QEvent.Type.Polish:
            _settle(obj)
        return False


_guard: InputGuard | None = None


def install_input_guards(app: QApplication | None = None) -> InputGuard:
    """Install the guard once on the application (idempotent). The boxes that already
    exist (polished before it) are settled as a polish would have."""
    global _guard
    app = app or QApplication.instance()  # type: ignore[assignment]
    if _guard is None:
        _guard = InputGuard()
        assert app is not None
        app.installEventFilter(_guard)
        for widget in app.allWidgets():
            _settle(widget)
    return _guard


def install_input_guards_after(signals: list[Any]) -> None:
    """Install the guard when the first of ``signals`` fires (a window's first page on
    screen): an application-wide filter sees every event of every object, and the
    window's first build and show need none of it (it has no box to guard yet)."""
    done: list[bool] = []

    def install(*_args: object) -> None:
        if not done:
            done.append(True)
            install_input_guards()

    for signal in signals:
        signal.connect(install)


class DateEdit(QDateEdit):
    """A date (dd.mm.yyyy) with a calendar; focus selects the day, so typing replaces."""

    def __init__(self, day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        day = day or date.today()
        self.setDate(QDate(day.year, day.month, day.day))

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        QTimer.singleShot(0, self._select_day)

    def _select_day(self) -> None:
        if self.hasFocus():
            self.setSelectedSection(QDateEdit.Section.DaySection)

    def stepBy(self, steps: int) -> None:  # noqa: N802
        """Only the keyboard (Up/Down with focus) steps; a click or the wheel never does."""
        if self.hasFocus() and not QApplication.mouseButtons():
            super().stepBy(steps)


def parse_day(text: str) -> date | None:
    cleaned = text.strip()
    for pattern in _TYPED_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return None


class OptionalDateField(QLineEdit):
    """A date typed as dd.mm.yyyy that starts empty. ``value()`` is the date, None when
    empty, or the text as typed when it is not a date (validation then names the field)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(DATE_HINT)
        self.setMaximumWidth(120)
        self.textChanged.connect(self.changed)

    def value(self) -> Any:
        text = self.text().strip()
        if not text:
            return None
        return parse_day(text) or text

    def set_value(self, day: date | None) -> None:
        self.setText("" if day is None else day.strftime("%d.%m.%Y"))

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)
