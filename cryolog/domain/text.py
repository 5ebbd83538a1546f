"""Text rules: cleaning what people type, and the search keys for names and phones."""

from __future__ import annotations

import re
import unicodedata

from cryolog.domain.messages import Message

# Letters NFKD does not decompose, folded the way people type them without the accent.
_FOLD = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"}
)
_WORD = re.compile(r"\w+", re.UNICODE)
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Sébastien' → 'sebastien', 'Ёлкина' → 'елкина'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_FOLD)


def name_tokens(*parts: str) -> set[str]:
    """Search tokens of a name: each word, plus joined forms of hyphenated/apostrophe words."""
    tokens: set[str] = set()
    for part in parts:
        for chunk in fold(part).split():
            words = _WORD.findall(chunk)
            tokens.update(words)
            if len(words) > 1:
                tokens.add("".join(words))
    return {t[:200] for t in tokens if t}


PREFIX_LEN = 24
"""The longest name prefix kept for the one-word search (a longer word searches the tokens)."""


def name_prefixes(tokens: set[str] | frozenset[str]) -> list[str]:
    """Every beginning of every token, up to ``PREFIX_LEN`` characters, once each, sorted."""
    found = {t[:n] for t in tokens for n in range(1, min(len(t), PREFIX_LEN) + 1)}
    return sorted(found)


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def bad_characters(text: str, *, multiline: bool) -> Message | None:
    """Describe the first invisible/control character in ``text``, or None if it is clean."""
    allowed = {"\n", "\t"} if multiline else set()
    for index, ch in enumerate(text):
        if ch in allowed:
            continue
        if unicodedata.category(ch) in _CONTROL and ch not in {"\u200d", "\u200c"}:
            return Message(
                "field.control_character_at", char=f"U+{ord(ch):04X}", position=index + 1
            )
    return None
