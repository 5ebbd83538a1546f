"""The ice cube test's timing at the service boundary: a result read before its reading
time is refused unless it is recorded as read early (domain.ice_cube)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.ice_cube import read_early_problem
from cryolog.domain.schemas.ice_cube import TimedIceCubeTestInput

CLOCK_SLACK = timedelta(minutes=1)
"""How far a reading time may lie ahead of this machine's clock."""


def timing_columns(values: TimedIceCubeTestInput, now: datetime) -> dict[str, Any]:
    """The timing columns of an ice cube test, refusing a reading before its time."""
    if not values.timed or values.cube_removed_at is None:
        return {"read_early": False}
    read_at = values.read_at or now
    if read_at > now + CLOCK_SLACK:
        raise InvalidInput([FieldError("read_at", said("future", day=read_at))])
    problem = read_early_problem(
        values.cube_removed_at, read_at, values.read_after_min, values.read_early
    )
    if problem:
        raise InvalidInput([FieldError("read_early", problem)])
    early = values.read_early and read_at < values.cube_removed_at + timedelta(
        minutes=values.read_after_min
    )
    return {
        "contact_started_at": values.contact_started_at,
        "cube_removed_at": values.cube_removed_at,
        "read_at": read_at,
        "read_early": early,
    }
