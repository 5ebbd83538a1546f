"""Input for the practice's details: what the printouts carry, its country and time zone."""

from __future__ import annotations

import zoneinfo
from functools import cache

from pydantic import field_validator

from cryolog.domain.errors import refuse
from cryolog.domain.phone import is_region
from cryolog.domain.schemas._base import Input, Line, Text


@cache
def time_zones() -> frozenset[str]:
    """The IANA time zone names this computer knows (read once)."""
    return frozenset(zoneinfo.available_timezones())


class PracticeInput(Input):
    """``country`` and ``time_zone`` left out (None) keep their stored values; '' is
    "not set" (phone numbers need "+", days follow the computer's clock)."""

    name: Line = ""
    address: Text = ""
    phone: Line = ""
    practitioner: Line = ""
    country: Line | None = None
    time_zone: Line | None = None

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value:
            value = value.upper()
            if not is_region(value):
                raise refuse("country", value=value)
        return value

    @field_validator("time_zone")
    @classmethod
    def _time_zone(cls, value: str | None) -> str | None:
        if value and value not in time_zones():
            raise refuse("time_zone_name", value=value)
        return value
