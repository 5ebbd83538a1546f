"""Which automatic backups to keep: the newest of each of the last days, weeks and months.

Rule by rule (days, ISO weeks, months), the newest backup of each period is kept, from the
newest period back, until the rule's places are used; a period whose newest backup an
earlier rule kept takes no place. So "7 daily, 4 weekly, 12 monthly" keeps the last seven
days, four older weeks and twelve older months. The newest few (``latest``) are kept as
well, whatever their day (several are made on a busy day). Days are local days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RotationPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    latest: int = 3
    """The newest few are kept whatever their day (several may be made in one day)."""

    def __post_init__(self) -> None:
        for name in ("daily", "weekly", "monthly", "latest"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 0 <= value <= 1000:
                raise ValueError(f"{name} must be a whole number from 0 to 1000")


def _day(stamp: datetime) -> object:
    return stamp.astimezone().date()


def _week(stamp: datetime) -> object:
    return stamp.astimezone().isocalendar()[:2]


def _month(stamp: datetime) -> object:
    local = stamp.astimezone()
    return (local.year, local.month)


def to_keep(stamps: Iterable[datetime], policy: RotationPolicy) -> set[datetime]:
    """The times (of ``stamps``) whose backups stay."""
    ordered = sorted(set(stamps), reverse=True)
    kept: set[datetime] = set()
    rules: tuple[tuple[int, Callable[[datetime], object]], ...] = (
        (policy.daily, _day),
        (policy.weekly, _week),
        (policy.monthly, _month),
    )
    for places, period in rules:
        last: object = None
        for stamp in ordered:
            if places <= 0:
                break
            key = period(stamp)
            if key == last:
                continue  # only the newest backup of a period can stand for it
            last = key
            if stamp not in kept:
                kept.add(stamp)
                places -= 1
    return kept | set(ordered[: max(1, policy.latest)])
