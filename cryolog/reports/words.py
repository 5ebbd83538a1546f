"""The course summary's own words, from the message catalogs (``summary.<key>``), in the
language the document is rendered in (``domain.locale.in_locale``)."""

from __future__ import annotations

from typing import Any

from cryolog.domain.messages import Message


def w(key: str, /, **values: Any) -> str:
    """``summary.<key>`` with ``values``, in the document's language."""
    return Message(f"summary.{key}", **values).render()
