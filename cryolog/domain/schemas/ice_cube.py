"""The ice cube test as recorded in the window: with the timer's moments, or from paper."""

from __future__ import annotations

from pydantic import AwareDatetime, model_validator

from cryolog.domain.errors import refuse
from cryolog.domain.schemas.pretreatment import IceCubeTestInput


class TimedIceCubeTestInput(IceCubeTestInput):
    """``contact_started_at`` and ``cube_removed_at`` come from the timer (both or neither;
    neither: a test entered afterwards, which needs no timer). ``read_at`` is when the skin
    was read (default: when it is saved); before the reading time it needs ``read_early``."""

    contact_started_at: AwareDatetime | None = None
    cube_removed_at: AwareDatetime | None = None
    read_at: AwareDatetime | None = None
    read_early: bool = False

    @model_validator(mode="after")
    def _timed_or_not(self) -> TimedIceCubeTestInput:
        started, removed = self.contact_started_at, self.cube_removed_at
        if (started is None) != (removed is None):
            raise refuse("timed_needs_both")
        if started is not None and removed is not None and removed < started:
            raise refuse("removed_before_contact")
        if self.read_early and removed is None:
            raise refuse("read_early_untimed")
        return self

    @property
    def timed(self) -> bool:
        return self.cube_removed_at is not None
