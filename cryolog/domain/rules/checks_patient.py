"""Who may enter the cold: clearance, age and height for general-group sessions."""

from __future__ import annotations

from cryolog.domain.age import age_on
from cryolog.domain.messages import Ref
from cryolog.domain.rules.base import GENERAL, HARD_STOP, Context, Rule, Verdict, say
from cryolog.domain.rules.case import Clearance


def _lacking(clearance: Clearance) -> list[Ref]:
    tests = (("ecg", clearance.ecg), ("blood", clearance.blood), ("urine", clearance.urine))
    return [Ref("clearance_test", name) for name, done in tests if not done]


def clearance_missing(ctx: Context) -> Verdict:
    clearance = ctx.case.clearance
    if clearance is None:
        return HARD_STOP, say("clearance_missing")
    lacking = _lacking(clearance)
    if lacking:
        return HARD_STOP, say("clearance_lacks", lacking=lacking)
    if clearance.valid_until < ctx.day:
        return HARD_STOP, say("clearance_expired", until=clearance.valid_until, day=ctx.day)
    return None


def age_minimum(ctx: Context) -> Verdict:
    minimum = ctx.setting("min_age_general")
    age = age_on(ctx.case.patient.birth_date, ctx.day)
    if age >= minimum:
        return None
    return HARD_STOP, say("age_minimum", age=age, minimum=minimum)


def height_minimum(ctx: Context) -> Verdict:
    minimum = ctx.setting("min_height_cryosauna_cm")
    height = ctx.case.patient.height_cm
    if height is None:
        return HARD_STOP, say("height_missing", minimum=minimum)
    if height < minimum:
        return HARD_STOP, say("height_minimum", height=height, minimum=minimum)
    return None


RULES: tuple[Rule, ...] = (
    Rule("clearance_missing", clearance_missing, GENERAL),
    Rule("age_minimum", age_minimum, GENERAL),
    Rule("height_minimum", height_minimum, modalities=frozenset({"cryosauna_n2"})),
)
