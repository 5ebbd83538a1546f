"""Dates and shared phrases in the patient's language, from the editable texts."""

from __future__ import annotations

from datetime import date
from typing import Any

from cryolog.reports.resources import texts


class Language:
    """The common texts of one language (``resources/handouts/<code>/common.toml``)."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.common: dict[str, Any] = texts(code, "common")

    def __getitem__(self, key: str) -> Any:
        return self.common[key]

    def long_date(self, day: date) -> str:
        """'Monday, 24 November 2026' / 'понедельник, 24 ноября 2026 г.'."""
        return str(self["date_format"]).format(
            weekday=self["weekdays"][day.weekday()],
            day=day.day,
            month=self["months"][day.month - 1],
            year=day.year,
        )

    def short_date(self, day: date) -> str:
        return str(self["short_date_format"]).format(
            day=day.day, month=self["months"][day.month - 1], year=day.year
        )

    def file(self, name: str) -> dict[str, Any]:
        return texts(self.code, name)
