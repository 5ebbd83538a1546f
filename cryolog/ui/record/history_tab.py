"""The patient's audit trail, in sentences: who did what, when, what changed and why."""

from __future__ import annotations

import json
from typing import Any

from cryolog.domain import locale as loc
from cryolog.domain.history import history_message
from cryolog.services.dto import AuditEntryDTO
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.models import Column


def describe(entry: AuditEntryDTO) -> str:
    """The entry in the practitioner's words, in the window's language."""
    before: dict[str, Any] = json.loads(entry.before_json) if entry.before_json else {}
    after: dict[str, Any] = json.loads(entry.after_json) if entry.after_json else {}
    message = history_message(entry.actor, entry.action, entry.entity, before, after, entry.reason)
    return message.render(loc.window_locale())


HISTORY_COLUMNS: list[Column[AuditEntryDTO]] = [
    Column(QT_TRANSLATE_NOOP("Column", "When"), lambda e: loc.window_locale().datetime(e.at)),
    Column(QT_TRANSLATE_NOOP("Column", "What happened"), describe),
]
