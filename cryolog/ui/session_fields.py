"""Small pieces of the session form: the temperature field with its unit, typed decimals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from cryolog.domain import locale as loc
from cryolog.domain.units import (
    DURATION_HINT,
    DurationError,
    TempUnit,
    c_to_f,
    describe_duration,
    format_duration,
    parse_duration,
    to_celsius,
)
from cryolog.ui.forms import number, number_edit


def decimal(text: str) -> Any:
    """Typed text to a float ('' -> None); text that is no number is passed on as typed."""
    value = number(text, integer=False)
    return float(value) if isinstance(value, int) else value


def shown(value: float | int | None) -> str:
    """A stored number as the form shows it ('' for nothing)."""
    return "" if value is None else loc.window_locale().number(value)


class TemperatureField(QWidget):
    """Value, explicit °C/°F choice, and the converted value beside it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = number_edit("°", 70)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("°C"), TempUnit.C.value)
        self.unit.addItem(self.tr("°F"), TempUnit.F.value)
        self.converted = QLabel()
        self.converted.setStyleSheet("color:#555;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.value, self.unit, self.converted):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.value.textChanged.connect(self._changed)
        self.unit.currentIndexChanged.connect(self._changed)

    def payload(self) -> dict[str, Any] | None:
        value = decimal(self.value.text())
        return None if value is None else {"value": value, "unit": self.unit.currentData()}

    def set_celsius(self, value: float | None, unit: str = "C") -> None:
        """Show a stored °C value in the unit it was typed in. °F is shown to a tenth, so
        that reading it back gives the stored °C again (°C are kept to a tenth)."""
        self.unit.setCurrentIndex(self.unit.findData(unit))
        if value is None:
            self.value.clear()
        elif unit == "F":
            self.value.setText(shown(round(c_to_f(value), 1)))
        else:
            self.value.setText(shown(value))

    def _changed(self) -> None:
        value = decimal(self.value.text())
        if isinstance(value, float):
            if self.unit.currentData() == TempUnit.F.value:
                self.converted.setText(
                    self.tr("= {0} °C").format(
                        loc.window_locale().number(to_celsius(value, TempUnit.F), ".1f")
                    )
                )
            else:
                self.converted.setText(
                    self.tr("= {0} °F").format(loc.window_locale().number(c_to_f(value), ".0f"))
                )
        else:
            self.converted.clear()
        self.changed.emit()


class DurationField(QWidget):
    """A duration typed as minutes and seconds ("2:30", "2 min", "150 s"), with what it
    was read as beside it. ``problem`` says why the text is not a duration."""

    changed = Signal()

    def __init__(self, placeholder: str = "2:30", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = number_edit(placeholder, 80)
        self.edit.setFixedWidth(80)  # what it was read as, beside it, never squeezes it
        self.edit.setToolTip(self.tr("Type {0}; a number alone is seconds").format(DURATION_HINT))
        self.read_as = QLabel()
        self.read_as.setStyleSheet("color:#555;")
        widest = f"= {describe_duration(119 * 60 + 59)}"  # the room taken whatever it says
        self.read_as.setFixedWidth(self.read_as.fontMetrics().horizontalAdvance(widest) + 4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.read_as)
        layout.addStretch(1)
        self.problem = ""
        self.edit.textChanged.connect(self._changed)

    def value(self) -> int | str | None:
        """Seconds; None when empty; the text itself when it is not a duration."""
        text = self.edit.text()
        if not text.strip():
            return None
        try:
            return parse_duration(text)
        except DurationError:
            return text

    def set_seconds(self, seconds: int | None) -> None:
        self.edit.setText("" if seconds is None else format_duration(seconds))

    def _changed(self) -> None:
        text = self.edit.text()
        self.problem = ""
        if not text.strip():
            self.read_as.clear()
        else:
            try:
                self.read_as.setText(f"= {describe_duration(parse_duration(text))}")
            except DurationError as exc:
                self.problem = str(exc)
                self.read_as.setText("?")
        self.changed.emit()
