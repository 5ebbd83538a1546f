"""Small pieces of the session form: the temperature field with its unit, typed decimals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from cryolog.domain.units import TempUnit, c_to_f, to_celsius
from cryolog.ui.forms import number, number_edit


def decimal(text: str) -> Any:
    """Typed text to a float ('' -> None); text that is no number is passed on as typed."""
    value = number(text, integer=False)
    return float(value) if isinstance(value, int) else value


def shown(value: float | int | None) -> str:
    """A stored number as the form shows it ('' for nothing)."""
    return "" if value is None else f"{value:g}"


class TemperatureField(QWidget):
    """Value, explicit °C/°F choice, and the converted value beside it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = number_edit("°", 70)
        self.unit = QComboBox()
        self.unit.addItem("°C", TempUnit.C.value)
        self.unit.addItem("°F", TempUnit.F.value)
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
        self.unit.setCurrentIndex(self.unit.findData(unit))
        if value is None:
            self.value.clear()
        else:
            converted = c_to_f(value) if unit == "F" else value
            self.value.setText(f"{converted:g}" if unit == "C" else f"{converted:.0f}")

    def _changed(self) -> None:
        value = decimal(self.value.text())
        if isinstance(value, float):
            if self.unit.currentData() == TempUnit.F.value:
                self.converted.setText(f"= {to_celsius(value, TempUnit.F):.1f} °C")
            else:
                self.converted.setText(f"= {c_to_f(value):.0f} °F")
        else:
            self.converted.clear()
        self.changed.emit()
