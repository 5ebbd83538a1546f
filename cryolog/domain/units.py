"""Units: temperatures are stored in °C with one decimal; °F is converted explicitly."""

from __future__ import annotations

from enum import StrEnum


class TempUnit(StrEnum):
    C = "C"
    F = "F"


def f_to_c(value_f: float) -> float:
    return (value_f - 32.0) * 5.0 / 9.0


def c_to_f(value_c: float) -> float:
    return value_c * 9.0 / 5.0 + 32.0


def to_celsius(value: float, unit: TempUnit | str) -> float:
    """The temperature in °C rounded to one decimal, whatever unit it was typed in."""
    unit = TempUnit(unit)
    celsius = f_to_c(value) if unit is TempUnit.F else float(value)
    return round(celsius, 1)


def format_temp(value_c: float) -> str:
    """'-110.0 °C (-166.0 °F)': both units, as the practitioner sees them."""
    return f"{value_c:.1f} °C ({c_to_f(value_c):.1f} °F)"
