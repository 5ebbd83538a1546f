"""How an appointment keeps the warnings it was booked despite.

``appointment.warnings`` is the text shown when it was booked, one finding a line
("interval_short: 2 days from …"), written in ``warnings_language``; ``warnings_said`` holds
each finding's rule, level, key and values as JSON, so the warnings are shown again in the
language of the day. Appointments booked before keyed messages have only the English text
(``warnings_said`` is NULL): that text is what they show.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from cryolog.domain import locale as loc
from cryolog.domain.booking.checks import BookingFinding, Level
from cryolog.domain.messages import Message


@dataclass(frozen=True, slots=True)
class StoredWarnings:
    """The three columns an appointment keeps its warnings in."""

    text: str
    said: str | None
    language: str | None


def lines(findings: Sequence[BookingFinding], locale: loc.Locale | None = None) -> str:
    """'rule: sentence' a line, the sentences in ``locale`` (the current one by default)."""
    return "\n".join(f"{f.rule}: {f.text.render(locale)}" for f in findings)


def to_columns(findings: Sequence[BookingFinding]) -> StoredWarnings:
    """What to store for ``findings``, the text in the current language."""
    if not findings:
        return StoredWarnings("", None, None)
    shown = loc.current()
    said = json.dumps(
        [
            {"rule": f.rule, "level": f.level.value, "said": json.loads(f.text.to_json())}
            for f in findings
        ],
        sort_keys=True,
        ensure_ascii=False,
    )
    return StoredWarnings(lines(findings, shown), said, shown.language)


def from_said(said: str) -> tuple[BookingFinding, ...]:
    """The findings stored as ``said`` (see ``to_columns``); ValueError when it is not."""
    items = json.loads(said)
    if not isinstance(items, list):
        raise ValueError("not stored booking findings")
    found = []
    for item in items:
        if not isinstance(item, dict):
            raise ValueError("not a stored booking finding")
        text = Message.from_json(json.dumps(item["said"]))
        found.append(BookingFinding(str(item["rule"]), Level(item["level"]), text))
    return tuple(found)


def shown_now(stored: StoredWarnings, locale: loc.Locale | None = None) -> str:
    """The warnings in today's language; the saved text when they were stored unkeyed (or
    the keyed form cannot be read)."""
    if not stored.said:
        return stored.text
    try:
        return lines(from_said(stored.said), locale)
    except (ValueError, KeyError, TypeError):
        return stored.text
