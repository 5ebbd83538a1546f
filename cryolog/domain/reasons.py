"""The one rule for every written reason, and for names that must mean something.

A reason (a hard-stop override, an amendment, an archive, a void, an edit of a saved
record, a change of the practice's clinical thresholds) is read later by someone who was
not there: "x", "..." or an invisible character explains nothing. Every service checks
reasons with ``check_reason``; widgets may help earlier but never decide alone. A bad
reason is refused with a message, never silently changed (only the surrounding spaces of
an accepted reason are dropped).
"""

from __future__ import annotations

import unicodedata

from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.messages import Message

REASON_MIN_CHARS = 10
REASON_MAX_CHARS = 2_000

# Format characters (zero-width joiners, bidi marks), controls, unassigned and private use.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in _INVISIBLE


def has_visible_letter(text: str) -> bool:
    """True when ``text`` holds at least one letter (any script) a reader can see."""
    return any(_is_letter(ch) for ch in text)


def reason_problem(text: object) -> Message | None:
    """Why ``text`` is not an acceptable reason, or None when it is."""
    if not isinstance(text, str):
        return said("text")
    stripped = text.strip()
    if not stripped:
        return said("required")
    for ch in stripped:
        if ch in "\n\t":
            continue
        if _invisible(ch):
            return said("control_character", char=f"U+{ord(ch):04X}")
    if not has_visible_letter(stripped):
        return said("reason_words")
    visible = [ch for ch in stripped if not ch.isspace()]
    if len(visible) < REASON_MIN_CHARS:
        return said("reason_short", minimum=REASON_MIN_CHARS)
    if len(stripped) > REASON_MAX_CHARS:
        return said("too_long", length=len(stripped), maximum=REASON_MAX_CHARS)
    return None


def check_reason(text: object, path: str = "reason") -> str:
    """The accepted reason (surrounding spaces removed), or InvalidInput naming ``path``."""
    problem = reason_problem(text)
    if problem is not None:
        raise InvalidInput([FieldError(path, problem)])
    assert isinstance(text, str)
    return text.strip()
