"""The ice cube test's timing (domain.md §5): contact, then the reading after removal.

The contact and reading times are practice settings (``ice_test_contact_s``,
``ice_test_read_after_min``); after a negative result the test may be repeated with a
longer contact. A result read before the reading time is only recorded as "read early".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cryolog.domain.errors import said
from cryolog.domain.messages import Message
from cryolog.domain.units import duration_said

REPEAT_CONTACTS_S = (600, 1200)
"""The longer contacts of a repeat after a negative result: 10 and 20 minutes."""


def read_due(removed_at: datetime, read_after_min: int) -> datetime:
    """When the skin is to be read: ``read_after_min`` minutes after the cube came off."""
    return removed_at + timedelta(minutes=read_after_min)


def read_early_problem(
    removed_at: datetime, read_at: datetime, read_after_min: int, read_early: bool
) -> Message | None:
    """Why a result read at ``read_at`` cannot be recorded as it is, or None when it can.

    Before the reading time it needs the explicit "read early"; a reading time before the
    cube came off is impossible.
    """
    if read_at < removed_at:
        return said("read_before_removal")
    due = read_due(removed_at, read_after_min)
    if read_at >= due or read_early:
        return None
    left = int((due - read_at).total_seconds() + 0.999)
    return said("read_too_early", left=duration_said(left), minutes=read_after_min)
