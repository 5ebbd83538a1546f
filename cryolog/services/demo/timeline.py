"""When things happen: which courses a patient has, and the day and hour of each session.

Session days follow each protocol's schedule (min interval, at most N in any 7 days), so a
demo course is as clean as a careful practitioner's. Only days before ``today`` get a
recorded session; a course whose plan reaches past today stays open with its next session
due around today.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from cryolog.domain.catalog import PROTOCOLS

GENERAL_PROTOCOLS = frozenset({"wbc_course"})

PROTOCOL_WEIGHTS: dict[str, int] = {
    "wbc_course": 28, "local_pain": 18, "cryopeeling": 9, "acne": 10, "rosacea": 8,
    "alopecia": 6, "alopecia_areata": 6, "custom": 15,
}  # fmt: skip
MINOR_WEIGHTS: dict[str, int] = {"acne": 50, "alopecia_areata": 15, "custom": 25, "cryopeeling": 10}

MODALITY_WEIGHTS: dict[str, dict[str, int]] = {
    "wbc_course": {"wbc_chamber": 70, "cryosauna_n2": 30},
    "local_pain": {"cold_air": 45, "ln2_spray": 30, "co2": 25},
    "cryopeeling": {"ln2_applicator": 50, "ln2_spray": 50},
    "custom": {"cold_pack": 35, "ice_massage": 25, "cold_bath": 20, "cold_air": 20},
}


@dataclass(slots=True)
class CoursePlan:
    protocol: str
    modality: str
    started: date
    planned: int
    days: list[datetime] = field(default_factory=list)  # local start of each recorded session
    status: str = "open"
    ended: date | None = None
    stop_note: str = ""


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def planned_sessions(protocol_id: str, rng: random.Random) -> int:
    spec = PROTOCOLS[protocol_id]
    if spec.sessions_min is None or spec.sessions_max is None:
        return rng.randint(5, 10)
    return rng.randint(spec.sessions_min, spec.sessions_max)


def _gaps(protocol_id: str, rng: random.Random) -> list[int]:
    """A repeating pattern of day gaps that keeps the protocol's interval and weekly limit."""
    if protocol_id in ("cryopeeling", "acne", "rosacea"):
        if rng.random() < 0.3:
            return [7]
        first = rng.choice((3, 4))
        return [first, 7 - first]
    if protocol_id in ("alopecia", "alopecia_areata"):
        return [rng.choice((2, 3)), rng.choice((2, 3))]
    if protocol_id == "wbc_course":
        return rng.choice(([1, 1, 1, 1, 3], [1], [2], [1, 2]))
    return rng.choice(([1], [2], [1, 2], [1, 1, 3]))


def session_days(protocol_id: str, started: date, count: int, rng: random.Random) -> list[date]:
    """``count`` session days from ``started``; gaps only grow (Sundays move to Monday)."""
    pattern = _gaps(protocol_id, rng)
    days: list[date] = []
    day = started
    for index in range(count):
        if day.weekday() == 6:
            day += timedelta(days=1)
        days.append(day)
        extra = 1 if rng.random() < 0.08 else 0  # the odd missed appointment
        day += timedelta(days=pattern[index % len(pattern)] + extra)
    return days


def at_hour(day: date, hour: int, rng: random.Random) -> datetime:
    """A plausible appointment time near the patient's usual hour (08:00–19:45)."""
    hour = max(8, min(19, hour + rng.choice((-1, 0, 0, 0, 1))))
    return datetime.combine(day, time(hour, rng.choice((0, 10, 15, 20, 30, 40, 45, 50))))


def lay_out(plan: CoursePlan, today: date, hour: int, rng: random.Random, *, overdue: bool) -> None:
    """Fill in the recorded sessions and the status of a course from its plan."""
    days = session_days(plan.protocol, plan.started, plan.planned, rng)
    done = [d for d in days if d < today]
    if overdue and len(done) < len(days):
        cut = today - timedelta(days=rng.randint(12, 30))
        done = [d for d in done if d < cut]
    plan.days = [at_hour(d, hour, rng) for d in done]
    if len(done) == len(days):
        plan.status = "completed"
        plan.ended = done[-1]


def stop_early(plan: CoursePlan, after: int, note: str) -> None:
    """Cut the course after session number ``after`` (1-based) and mark it stopped."""
    plan.days = plan.days[:after]
    plan.status = "stopped"
    plan.ended = plan.days[-1].date()
    plan.stop_note = note


def next_start(plan: CoursePlan, rng: random.Random) -> date:
    """When the patient's next course begins, after this one and the protocol's break."""
    last = plan.days[-1].date() if plan.days else plan.started
    rest = PROTOCOLS[plan.protocol].break_days or 0
    return last + timedelta(days=rest + rng.randint(21, 320))
