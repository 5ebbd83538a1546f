"""Units: temperatures are stored in °C with one decimal; °F is converted explicitly."""

from __future__ import annotations

import re
from enum import StrEnum

from cryolog.domain.errors import MessageError, said
from cryolog.domain.messages import Message


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
    """'-110.0 °C (-166.0 °F)': both units, as the practitioner sees them (in the current
    language: '−110,0 °C (−166,0 °F)')."""
    return Message("unit.temp_both", celsius=value_c, fahrenheit=c_to_f(value_c)).render()


# Durations -----------------------------------------------------------------------------
# Typed as the practitioner says them: "2:30", "2 min", "2 min 30 s", "150 s", "1,5 min",
# or a bare number of seconds ("150"). Unit words are looked up in one table, so another
# language's words ("2 мин") are one more entry each.

_MINUTE_WORDS = ("min", "mins", "minute", "minutes", "m", "мин", "минута", "минуты", "минут")
_SECOND_WORDS = (
    "s",
    "sec",
    "secs",
    "second",
    "seconds",
    "с",
    "сек",
    "секунда",
    "секунды",
    "секунд",
)
DURATION_UNITS: dict[str, int] = {
    **dict.fromkeys(_MINUTE_WORDS, 60),
    **dict.fromkeys(_SECOND_WORDS, 1),
}
DURATION_HINT = Message("field.duration_hint")
"""How to type a duration ('2:30, 2 min, 2 min 30 s or 150 s'), in the current language."""
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)?\.?", re.UNICODE)


class DurationError(MessageError):
    """Text that is not a duration; the message says how to type one."""


def parse_duration(text: str) -> int:
    """Seconds from typed text; ``DurationError`` (a ValueError) when it is not a duration."""
    cleaned = " ".join(text.strip().casefold().split())
    if not cleaned:
        raise DurationError(said("required"))
    clock = _clock(cleaned)
    seconds = clock if clock is not None else _with_units(cleaned)
    if seconds is None or not float(seconds).is_integer():
        raise DurationError(said("not_duration", text=text.strip(), hint=DURATION_HINT))
    return int(seconds)


def _clock(text: str) -> int | None:
    """'2:30' → 150 (minutes:seconds, the seconds below 60)."""
    match = re.fullmatch(r"(\d{1,3})\s*:\s*(\d{2})", text)
    if match is None:
        return None
    minutes, seconds = int(match[1]), int(match[2])
    return minutes * 60 + seconds if seconds < 60 else None


def _with_units(text: str) -> float | None:
    """'2 min 30 s' → 150, '150' → 150 (a bare number is seconds), '1,5 min' → 90."""
    total, position = 0.0, 0
    last_scale: int | None = None
    for match in _PART.finditer(text):
        if text[position : match.start()].strip():
            return None  # something between the parts that is not a number with a unit
        value = float(match[1].replace(",", "."))
        word = match[2]
        scale: int | None
        if word is None:  # a bare number is seconds, and only the last part may be one
            if match.end() != len(text):
                return None
            scale = 1  # "2 min 30" means 2 min 30 s
        else:
            scale = DURATION_UNITS.get(word)
        if scale is None or (last_scale is not None and scale >= last_scale):
            return None  # an unknown unit, or "30 s 2 min"
        total += value * scale
        position, last_scale = match.end(), scale
    if position == 0 or text[position:].strip():
        return None
    return total


def format_duration(seconds: int) -> str:
    """150 → '2:30' (minutes:seconds), as the duration field shows it."""
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"


def duration_said(seconds: int) -> Message:
    """150 → '2 min 30 s', 45 → '45 s', 120 → '2 min' (as a message)."""
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return Message("unit.min_s", minutes=minutes, seconds=rest)
    if minutes:
        return Message("unit.min", minutes=minutes)
    return Message("unit.s", seconds=rest)


def describe_duration(seconds: int) -> str:
    """150 → '2 min 30 s' ('2 мин 30 с'), for the text beside a field."""
    return duration_said(seconds).render()
