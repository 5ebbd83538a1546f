"""Screening, clearance, consent and cold tests that cover each demo course.

The records are laid down so that every session of a course has a screening younger than a
year, a cold test younger than 180 days and, for whole-body courses, a clearance valid on
the day — the hard stops of domain.md §6 do not fire. A few patients are screened out (a
``yes`` to an absolute condition, or a positive cold test) and get no course.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from cryolog.domain.catalog import CONDITIONS, ConditionLevel, Scope
from cryolog.services.demo import texts
from cryolog.services.demo.people import Profile
from cryolog.services.demo.records import PatientPlan, Row, ScreeningRec

_RELATIVE_YES = {
    "diabetes": 0.06, "hypertension_controlled": 0.10, "claustrophobia": 0.04,
    "kidney_disease": 0.02, "heart_attack_history": 0.01,
}  # fmt: skip
_GENERAL_STOPS = (
    "hypertension_uncontrolled", "pacemaker_or_metal_implant", "respiratory_disease",
    "cardiovascular_disease",
)  # fmt: skip
_ALL_STOPS = ("raynaud", "cold_urticaria", "cryoglobulinemia_cold_agglutinins", "dvt_circulatory")
_UNSURE = ("dvt_circulatory", "cryoglobulinemia_cold_agglutinins", "bleeding_disorder")


@dataclass(slots=True)
class Eligibility:
    general: bool = True
    local: bool = True
    reason: str = ""


def screening_answers(
    rng: random.Random, profile: Profile, clean: bool
) -> tuple[dict[str, str], Eligibility]:
    answers = dict.fromkeys(CONDITIONS, "no")
    fit = Eligibility()
    if clean:
        return answers, fit
    for condition, share in _RELATIVE_YES.items():
        if rng.random() < share:
            answers[condition] = "yes"
    if rng.random() < 0.03:
        answers[rng.choice(_UNSURE)] = "unknown"
    roll = rng.random()
    if roll < 0.02:
        stop = rng.choice(_ALL_STOPS)
        answers[stop] = "yes"
        fit.general = fit.local = False
        fit.reason = f"Not eligible for cryotherapy: {CONDITIONS[stop].label}; referred to GP."
    elif roll < 0.06:
        stop = rng.choice(_GENERAL_STOPS)
        answers[stop] = "yes"
        fit.general = False
        fit.reason = f"No whole-body cryotherapy: {CONDITIONS[stop].label}."
    return answers, fit


def absolute_general_unknown(answers: dict[str, str]) -> bool:
    return any(
        answers[c] == "unknown"
        for c, spec in CONDITIONS.items()
        if spec.level is ConditionLevel.ABSOLUTE and spec.scope is Scope.GENERAL
    )


def add_screening(plan: PatientPlan, day: date, answers: dict[str, str], notes: str) -> None:
    row: Row = {"screened_on": day, "catalog_version": 1, "notes": notes}
    plan.screenings.append(ScreeningRec(row, dict(answers)))


def ice_cube(day: date, rng: random.Random, *, result: str = "negative") -> Row:
    if result == "negative" and rng.random() < 0.08:
        result = "erythema_only"
    unreliable = rng.random() < 0.04
    return {
        "kind": "ice_cube",
        "performed_on": day,
        "contact_s": rng.choice((180, 240)) if unreliable and rng.random() < 0.5 else 300,
        "read_after_min": 10,
        "ice_result": result,
        "antihistamine_48h": unreliable and rng.random() < 0.5,
        "notes": "",
    }


def temp_threshold(day: date, ctt_c: float | None) -> Row:
    return {"kind": "temp_threshold", "performed_on": day, "ctt_c": ctt_c, "notes": ""}


def cold_pressor(day: date, profile: Profile, rng: random.Random) -> Row:
    hyper = rng.random() < 0.05
    rise_sys = rng.randint(21, 30) if hyper else rng.randint(4, 18)
    rise_dia = rng.randint(3, 15)
    return {
        "kind": "cold_pressor",
        "performed_on": day,
        "water_c": float(rng.randint(1, 5)),
        "immersion_s": rng.choice((60, 90, 120, 180)),
        "bp_before_sys": profile.bp_sys,
        "bp_before_dia": profile.bp_dia,
        "bp_after_sys": profile.bp_sys + rise_sys,
        "bp_after_dia": profile.bp_dia + rise_dia,
        "notes": "",
    }


def cold_test(day: date, rng: random.Random) -> Row:
    """A negative (or erythema-only) test of the kind the practice uses most."""
    if rng.random() < 0.25:
        return temp_threshold(day, None)
    return ice_cube(day, rng)


def positive_cold_test(day: date, rng: random.Random) -> Row:
    if rng.random() < 0.5:
        return temp_threshold(day, float(rng.randint(8, 24)))
    row = ice_cube(day, rng, result=rng.choice(("wheal", "wheal", "systemic")))
    row.update(contact_s=300, antihistamine_48h=False, notes="Referred to dermatology.")
    return row


def clearance(issued: date, cover_until: date, rng: random.Random) -> Row:
    valid = issued + timedelta(days=rng.choice((180, 365)))
    return {
        "issued_on": issued,
        "valid_until": max(valid, cover_until + timedelta(days=rng.randint(10, 60))),
        "ecg": True,
        "blood": True,
        "urine": True,
        "issued_by": rng.choice(texts.CLEARANCE_ISSUERS),
        "notes": "",
    }


def consent(day: date, version: int) -> Row:
    return {"signed_on": day, "form_version": version, "notes": ""}
