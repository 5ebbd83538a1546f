"""Turning values into printed text: escaping user text, dates, numbers and units."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from xml.sax.saxutils import escape

from cryolog.domain import locale as loc

DASH = "–"
ARROW = " → "


def para(text: str) -> str:
    """User text made safe for Paragraph markup: printed exactly as typed, line breaks kept."""
    cleaned = "".join(ch for ch in text if ch in "\n\t" or ch >= " ")
    return escape(cleaned).replace("\n", "<br/>")


def iso(day: date | None) -> str:
    """A date the document's way: the language's form inside ``domain.locale.in_locale``
    (01.12.2026), ISO otherwise."""
    return loc.current().date(day) if day else DASH


def num(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return DASH
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def pair(before: object, after: object) -> str:
    """'a → b', or a dash for a missing side."""
    left = DASH if before is None else str(before)
    right = DASH if after is None else str(after)
    if left == DASH and right == DASH:
        return DASH
    return f"{left}{ARROW}{right}"


def bp(systolic: int | None, diastolic: int | None) -> str | None:
    if systolic is None or diastolic is None:
        return None
    return f"{systolic}/{diastolic}"


def seconds(value: int | None) -> str:
    """'2 min 30 s', '45 s'."""
    if value is None:
        return DASH
    minutes, rest = divmod(value, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def joined(parts: Iterable[str], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def humanize(identifier: str) -> str:
    """'blister_cold_burn' → 'Blister cold burn' (for ids without a catalog label)."""
    text = identifier.replace("_", " ").strip()
    return text[:1].upper() + text[1:]
