"""Turning values into printed text: escaping user text, dates, numbers and units."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cryolog.domain import locale as loc
from cryolog.domain.units import duration_said

DASH = "–"
ARROW = " → "
_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (as ``xml.sax.saxutils.escape``, whose module
    brings the whole URL-fetching library into a process that prints one document)."""
    return text.translate(_MARKUP)


def para(text: str) -> str:
    """User text made safe for Paragraph markup: printed exactly as typed, line breaks kept."""
    cleaned = "".join(ch for ch in text if ch in "\n\t" or ch >= " ")
    return escape(cleaned).replace("\n", "<br/>")


def iso(day: date | None) -> str:
    """A date the document's way: the language's form inside ``domain.locale.in_locale``
    (01.12.2026), ISO otherwise."""
    return loc.current().date(day) if day else DASH


def num(value: float | int | None, digits: int = 1) -> str:
    """A number the document's way: "-120.0" in English, "−120,0" in Russian."""
    if value is None:
        return DASH
    if isinstance(value, int):
        return loc.current().number(value)
    return loc.current().number(value, f".{digits}f")


def short(value: float | int) -> str:
    """The shortest form of a number the document's way: 2, 2.5 (2,5)."""
    return loc.current().number(value)


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
    """'2 min 30 s', '45 s' ('2 мин 30 с') in the document's language."""
    if value is None:
        return DASH
    return duration_said(value).render()


def joined(parts: Iterable[str], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def humanize(identifier: str) -> str:
    """'blister_cold_burn' → 'Blister cold burn' (for ids without a catalog label)."""
    text = identifier.replace("_", " ").strip()
    return text[:1].upper() + text[1:]
