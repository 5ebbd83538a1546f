"""The patient's audit trail, in sentences: who did what, when, what changed and why."""

from __future__ import annotations

import json
from typing import Any

from cryolog.services.dto import AuditEntryDTO
from cryolog.ui.models import Column

ACTIONS = {
    "create": "recorded",
    "update": "changed",
    "amend": "amended",
    "archive": "archived",
    "restore": "restored",
    "close": "closed",
    "export": "exported",
    "draft": "started a draft of",
    "start": "started the timer of",
    "complete": "completed",
    "sign": "signed",
    "abandon": "abandoned",
}
ENTITIES = {
    "patient": "patient details",
    "session": "session",
    "cold_test": "cold test",
    "screening": "screening",
    "consent": "consent",
    "clearance": "clearance",
    "course": "course",
    "adverse_event": "adverse event",
    "assessment": "assessment",
}
HIDDEN = {
    "version",
    "updated_at",
    "created_at",
    "id",
    "search_name",
    "phone_digits",
    "phone_digits_rev",
}


def changes(entry: AuditEntryDTO) -> str:
    before: dict[str, Any] = json.loads(entry.before_json) if entry.before_json else {}
    after: dict[str, Any] = json.loads(entry.after_json) if entry.after_json else {}
    if not before:
        return ""
    changed = [
        f"{k.replace('_', ' ')}: {before.get(k)!s} → {after.get(k)!s}"
        for k in sorted(set(before) | set(after))
        if k not in HIDDEN and before.get(k) != after.get(k) and not isinstance(after.get(k), list)
    ]
    return "; ".join(changed[:6])


def describe(entry: AuditEntryDTO) -> str:
    what = ENTITIES.get(entry.entity, entry.entity.replace("_", " "))
    verb = ACTIONS.get(entry.action, entry.action)
    text = f"{entry.actor} {verb} the {what}"
    detail = changes(entry)
    if detail:
        text += f" ({detail})"
    if entry.reason:
        text += f" — reason: {entry.reason}"
    return text


HISTORY_COLUMNS: list[Column[AuditEntryDTO]] = [
    Column("When", lambda e: e.at.astimezone().strftime("%d.%m.%Y %H:%M")),
    Column("What happened", describe),
]
