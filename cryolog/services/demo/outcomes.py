"""Adverse events after some sessions, and outcome assessments per course."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from cryolog.domain.catalog import MODALITIES
from cryolog.services.demo.records import Change, CourseRec, EventRec, Row, SessionRec

# Per modality group: chance of an event after a session, and the types seen.
_RISK = {"general": 0.008, "local_extreme": 0.012, "local_moderate": 0.008}
_TYPES: dict[str, dict[str, int]] = {
    "general": {"syncope_hypoxia": 2, "bp_spike": 4, "urticaria": 2, "paresthesia": 3,
                "erythema": 4},
    "ln2": {"erythema": 8, "blister_cold_burn": 4, "paresthesia": 3, "frostbite": 1},
    "local_extreme": {"erythema": 6, "paresthesia": 3, "numbness_over_24h": 2, "frostbite": 1},
    "local_moderate": {"erythema": 4, "numbness_over_24h": 3, "panniculitis": 1,
                       "nerve_injury": 1},
}  # fmt: skip
# Type: (severity weights mild/moderate/severe, days to resolve low/high, description)
_COURSE: dict[str, tuple[tuple[int, int, int], tuple[int, int], str]] = {
    "erythema": ((9, 1, 0), (1, 3), "Redness of the treated skin lasting into the next day."),
    "paresthesia": ((8, 2, 0), (1, 4), "Tingling of the fingertips after the session."),
    "numbness_over_24h": ((5, 4, 0), (2, 7), "Numbness of the treated area beyond 24 hours."),
    "blister_cold_burn": ((3, 6, 1), (7, 21), "Blister at the treated spot; dressing applied."),
    "frostbite": ((1, 5, 2), (14, 42), "Superficial frostbite; referred to a dermatologist."),
    "urticaria": ((6, 3, 1), (0, 2), "Wheals on the trunk after the session."),
    "panniculitis": ((2, 6, 1), (14, 30), "Tender red nodule under the pack site."),
    "syncope_hypoxia": ((3, 5, 2), (0, 0), "Felt faint on leaving the cabin; recovered lying."),
    "bp_spike": ((6, 4, 0), (0, 0), "Blood pressure rose markedly after the session."),
    "nerve_injury": ((1, 5, 2), (30, 120), "Reduced sensation along the nerve; neurology."),
}


def _family(modality: str) -> str:
    if modality.startswith("ln2"):
        return "ln2"
    return MODALITIES[modality].group.value


def maybe_event(rec: SessionRec, today: date, rng: random.Random, stamp: time) -> EventRec | None:
    """An adverse event after this session, or (usually) None."""
    group = MODALITIES[rec.row["modality"]].group.value
    if rng.random() >= _RISK[group]:
        return None
    weights = _TYPES[_family(rec.row["modality"])]
    kind = rng.choices(list(weights), weights=list(weights.values()))[0]
    severity_w, (low, high), description = _COURSE[kind]
    severity = rng.choices(("mild", "moderate", "severe"), weights=severity_w)[0]
    onset = rec.day + timedelta(days=1 if kind in ("blister_cold_burn", "panniculitis") else 0)
    onset = min(onset, today)
    resolved = onset + timedelta(days=rng.randint(low, high))
    malfunction = kind == "frostbite" and rng.random() < 0.3
    row: Row = {
        "event_type": kind,
        "severity": severity,
        "onset_on": onset,
        "resolved_on": None,
        "device_malfunction": malfunction,
        "description": description + (" Valve of the device stuck open." if malfunction else ""),
    }
    change = None
    if resolved < today and rng.random() < 0.92:
        change = Change(_at(resolved, stamp), "update", {"resolved_on": resolved})
    return EventRec(row, rec, change)


def _at(day: date, stamp: time) -> datetime:
    return datetime.combine(day, stamp)


def _kinds(course: CourseRec) -> tuple[str, ...]:
    protocol = course.protocol
    indication = course.row["indication"]
    if protocol == "wbc_course":
        if indication == "Psoriasis":
            return ("pasi", "dlqi")
        return ("dlqi",) if indication == "Atopic dermatitis" else ("nrs",)
    return {
        "acne": ("iga", "lesion_count", "dlqi"),
        "rosacea": ("lesion_count", "dlqi"),
        "cryopeeling": ("dlqi",),
        "alopecia": ("dlqi",),
        "alopecia_areata": ("salt",),
    }.get(protocol, ("nrs",))


def _baseline(kind: str, rng: random.Random) -> float:
    return {
        "pasi": round(rng.uniform(6, 18), 1),
        "dlqi": float(rng.randint(6, 16)),
        "iga": float(rng.randint(2, 4)),
        "lesion_count": float(rng.randint(12, 60)),
        "salt": round(rng.uniform(5, 45), 1),
    }[kind]


def _followup(kind: str, value: float, rng: random.Random) -> float:
    share = rng.uniform(0.3, 0.9)
    if kind in ("pasi", "salt"):
        return round(value * share, 1)
    return float(max(0, round(value * share)))


def assessments(course: CourseRec, rng: random.Random) -> list[Row]:
    """Baseline at the first session and a follow-up at the last one (4+ sessions)."""
    sessions = course.sessions
    if not sessions:
        return []
    rows: list[Row] = []
    for kind in _kinds(course):
        if kind == "nrs":
            first, last = sessions[0].row["nrs_pre"], sessions[-1].row["nrs_pre"]
            if first is None or last is None:
                continue
            values = [float(first), float(last)]
        else:
            start = _baseline(kind, rng)
            values = [start, _followup(kind, start, rng)]
        rows.append(_assessment(kind, sessions[0].day, values[0], "Baseline"))
        if len(sessions) >= 4:
            rows.append(_assessment(kind, sessions[-1].day, values[1], "Follow-up"))
    return rows


def _assessment(kind: str, day: date, value: float, notes: str) -> Row:
    return {"kind": kind, "assessed_on": day, "value": value, "notes": notes}
