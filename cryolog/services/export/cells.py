"""Values as they leave the database: JSON-ready values and spreadsheet-safe CSV cells.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or carriage return) as a formula: a patient's note "=HYPERLINK(...)" would become a
link the moment the file is opened. Text cells that start with one of these get a leading
apostrophe, which spreadsheets show as text and hide. A cell that already starts with an
apostrophe gets one too, so ``unguard`` can take exactly one away again and every text
comes back as it was. Numbers are written as numbers and never guarded: -110.5 °C stays a
temperature a spreadsheet can sum.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

GUARD = "'"
RISKY_FIRST = frozenset("=+-@\t\r")
"""A text cell starting with one of these is read as a formula by a spreadsheet."""

Plain = str | int | float | bool | None


def guard(text: str) -> str:
    """``text`` made safe to open in a spreadsheet (reversible with ``unguard``)."""
    if text and (text[0] in RISKY_FIRST or text[0] == GUARD):
        return GUARD + text
    return text


def unguard(text: str) -> str:
    """The text ``guard`` was given: one leading apostrophe before a guarded start removed."""
    if len(text) >= 2 and text[0] == GUARD and (text[1] in RISKY_FIRST or text[1] == GUARD):
        return text[1:]
    return text


def plain(value: Any) -> Plain:
    """A database value as JSON holds it: times and dates in ISO 8601, the rest as is."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, enum.Enum):
        return plain(value.value)
    return str(value)


def csv_cell(value: Any) -> str:
    """A database value as one CSV cell: numbers as numbers, booleans as true/false,
    empty for none, text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return repr(float(value)) if isinstance(value, Decimal) else repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return csv_cell(value.value)
    return guard(str(value))
