"""What another workstation saved over the version an edit started from.

A save refused as "changed elsewhere" (``StaleRecord``) carries an ``OtherChange``: who
saved the record since it was opened, when, and for each field they changed their value
and the value typed here, so the practitioner can see what to keep before reloading the
record or applying their own values over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

IGNORED_FIELDS = frozenset({"version", "updated_at", "created_at", "search_name"})
"""Bookkeeping columns a practitioner never typed."""


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    theirs: Any
    yours: Any = None
    typed: bool = False
    """Whether ``yours`` was given (a field the form here holds)."""

    @property
    def conflicting(self) -> bool:
        """Both changed this field, to different values."""
        return self.typed and self.yours != self.theirs


@dataclass(frozen=True, slots=True)
class OtherChange:
    actor: str
    at: datetime
    version: int
    """The record's version now: an edit that re-applies its values starts from it."""
    fields: tuple[FieldChange, ...] = ()
    actors: tuple[str, ...] = ()
    """Everyone who saved it since (newest first), when more than one did."""
