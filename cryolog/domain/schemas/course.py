"""Input for opening and closing a course."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from pydantic import field_validator

from cryolog.domain import ranges
from cryolog.domain.catalog import PROTOCOLS
from cryolog.domain.enums import CourseStatus
from cryolog.domain.errors import refuse
from cryolog.domain.schemas._base import Choice, Input, Line, PastDate, Text, ranged

PLANNED = ranges.Range(1, 100, "", "planned sessions")


class CourseInput(Input):
    protocol_id: str
    started_on: date
    indication: Text = ""
    body_area: Line = ""
    planned_sessions: Annotated[int, ranged(PLANNED)] | None = None
    notes: Text = ""

    @field_validator("protocol_id")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in PROTOCOLS:
            raise refuse("unknown_protocol", value=value)
        return value

    @field_validator("started_on")
    @classmethod
    def _not_far_ahead(cls, value: date) -> date:
        if value > date.today() + timedelta(days=365):
            raise refuse("year_ahead", day=value)
        return value


class CourseCloseInput(Input):
    ended_on: PastDate
    status: Choice[CourseStatus] = CourseStatus.COMPLETED
    reason: Text = ""

    @field_validator("status")
    @classmethod
    def _closing(cls, value: CourseStatus) -> CourseStatus:
        if value is CourseStatus.OPEN:
            raise refuse("closed_status")
        return value
