"""The practice's time zone, and the conversions between its wall clock and UTC.

``practice_zone`` is the one place the zone is read: the practice's own setting when the
practice row has one (``Practice.time_zone``, an IANA name such as "Europe/Berlin"), else
the machine's zone. Appointments are stored in UTC; the booking rules work on the
practice's wall-clock time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzlocal
from sqlalchemy import select
from sqlalchemy.orm import Session

from cryolog.db.models import Practice
from cryolog.domain.errors import FieldError, InvalidInput, said

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def machine_zone() -> ZoneInfo:
    """The computer's own time zone (UTC when it cannot be told)."""
    try:
        name = tzlocal.get_localzone_name()
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo("UTC")


def zone_named(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def practice_zone(session: Session) -> ZoneInfo:
    name = session.scalar(select(Practice.time_zone).where(Practice.id == 1))
    found = zone_named(name) if name else None
    return found or machine_zone()


def to_utc(local: datetime, zone: ZoneInfo, path: str = "start") -> datetime:
    """The UTC moment of a wall-clock time in ``zone``; refuses a time the clocks skip."""
    aware = local.replace(tzinfo=zone)
    back = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != local.replace(tzinfo=None):
        raise InvalidInput(
            [FieldError(path, said("clock_change", time=f"{local:%H:%M}", day=local.date()))]
        )
    return aware.astimezone(UTC)


def to_local(moment: datetime, zone: ZoneInfo) -> datetime:
    """A stored UTC moment as the practice's wall-clock time (naive)."""
    return moment.astimezone(zone).replace(tzinfo=None)


def epoch_minute(moment: datetime) -> int:
    return int((moment.astimezone(UTC) - EPOCH) // timedelta(minutes=1))


def now_local(zone: ZoneInfo) -> datetime:
    return datetime.now(UTC).astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)
