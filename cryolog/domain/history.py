"""A history (audit) entry in the practitioner's words, as a keyed message.

"dr.test changed the patient details (phone: +7 900 … → +7 912 …) — reason: typo";
"dr.test generated the course summary". Field names become their labels, empty values
"—" (never "None"), yes/no for true/false, dates and times the language's way (times in
the machine's local time). Pure: it reads the entry's parts, not the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from cryolog.domain.messages import Message, Param, Ref

HIDDEN = frozenset(
    {
        "version",
        "updated_at",
        "created_at",
        "id",
        "search_name",
        "phone_digits",
        "phone_digits_rev",
        "message_key",
        "message_values",
        "shown_language",
        "warnings_said",
        "warnings_language",
        "sha256",
        "size",
    }
)
MAX_CHANGES = 6


def value_said(value: Any) -> Param:
    """One stored value as it is shown: '—' for nothing, yes/no, dates in the language."""
    if value is None or value == "":
        return Message("history.empty")
    if isinstance(value, bool):
        return Message("history.yes" if value else "history.no")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        return _moment(value)
    return str(value)


def _moment(text: str) -> Param:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    if len(text) >= 16 and text[4] == "-" and text[10] in "T ":
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return text
    return text


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[Message, ...]:
    names = [
        k
        for k in sorted(set(before) | set(after))
        if k not in HIDDEN
        and before.get(k) != after.get(k)
        and not isinstance(after.get(k), list | dict)
        and not isinstance(before.get(k), list | dict)
    ]
    return tuple(
        Message(
            "history.change",
            field=Ref("field_label", name),
            before=value_said(before.get(name)),
            after=value_said(after.get(name)),
        )
        for name in names[:MAX_CHANGES]
    )


def history_message(
    actor: str,
    action: str,
    entity: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    reason: str | None,
) -> Message:
    """The whole sentence of one entry."""
    after = after or {}
    if action == "generate" and entity == "document":
        what: Message = Message(
            "history.generated", actor=actor, document=Ref("document_kind", str(after.get("kind")))
        )
    elif action == "export":
        what = Message("history.exported", actor=actor, file=str(after.get("file", "")))
    else:
        verb = action if f"history.{action}" in _known() else "other"
        what = Message(f"history.{verb}", actor=actor, what=Ref("entity", entity), action=action)
    changes = changed_fields(before or {}, after) if before else ()
    if changes:
        what = Message("history.with_changes", text=what, changes=changes)
    if reason:
        what = Message("history.with_reason", text=what, reason=reason)
    return what


def _known() -> frozenset[str]:
    from cryolog.domain.messages_catalog import catalog

    return frozenset(catalog("en"))
