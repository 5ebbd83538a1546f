"""Plausible ranges (domain.md §2): a value outside them is invalid input, not a finding."""

from __future__ import annotations

from dataclasses import dataclass

from cryolog.domain.messages import Message, Ref

UNIT_KEYS: dict[str, str] = {
    "°C": "celsius",
    "mmHg": "mmhg",
    "/min": "per_minute",
    "%": "percent",
    "cm": "cm",
    "kg": "kg",
    "s": "seconds",
    "min": "minutes",
    "dm²": "dm2",
}
"""The unit signs of the ranges, as keys of ``unit_sign`` in the message catalogs."""


def unit_sign(unit: str) -> Ref:
    return Ref("unit_sign", UNIT_KEYS.get(unit, unit))


@dataclass(frozen=True, slots=True)
class Range:
    low: float
    high: float
    unit: str
    label: str

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def span(self) -> Message:
        """'60 … 260 mmHg' as a message."""
        if not self.unit:
            return Message("field.span", low=self.low, high=self.high)
        return Message("field.span_unit", low=self.low, high=self.high, unit=unit_sign(self.unit))

    def describe(self) -> str:
        """'60 … 260 mmHg' in the current language."""
        return self.span().render()

    def problem(self, value: float) -> Message | None:
        """A message naming the value and the allowed range, or None when it is plausible."""
        if self.contains(value):
            return None
        if not self.unit:
            return Message("field.outside", value=value, span=self.span())
        return Message(
            "field.outside_unit", value=value, unit=unit_sign(self.unit), span=self.span()
        )


SKIN_TEMP = Range(-5, 40, "°C", "skin temperature")
SYSTOLIC = Range(60, 260, "mmHg", "systolic pressure")
DIASTOLIC = Range(30, 160, "mmHg", "diastolic pressure")
HEART_RATE = Range(30, 220, "/min", "heart rate")
SPO2 = Range(70, 100, "%", "SpO2")
NRS = Range(0, 10, "", "pain score (NRS)")
HEIGHT = Range(50, 250, "cm", "height")
WEIGHT = Range(2, 400, "kg", "weight")
DURATION_GENERAL = Range(1, 600, "s", "duration")
DURATION_LOCAL = Range(1, 7200, "s", "duration")
AREA_DM2 = Range(0.01, 100, "dm²", "treated area")
PASSES = Range(1, 50, "", "passes")
MAX_AGE_YEARS = 120

# Cold tests (domain.md §5).
ICE_CONTACT = Range(1, 1800, "s", "ice cube contact")
ICE_READ_AFTER = Range(0, 60, "min", "reading time")
PRESSOR_WATER = Range(0, 15, "°C", "water temperature")
PRESSOR_IMMERSION = Range(1, 600, "s", "immersion")
CTT = Range(4, 44, "°C", "critical temperature threshold")

# Outcome measures (domain.md §7).
ASSESSMENT_RANGES: dict[str, Range] = {
    "nrs": Range(0, 10, "", "pain NRS"),
    "dlqi": Range(0, 30, "", "DLQI"),
    "pasi": Range(0, 72, "", "PASI"),
    "iga": Range(0, 4, "", "acne IGA"),
    "salt": Range(0, 100, "", "SALT"),
    "lesion_count": Range(0, 10000, "", "lesion count"),
}
