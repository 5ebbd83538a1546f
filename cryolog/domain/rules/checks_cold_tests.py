"""The body's reaction to cold: ice cube, critical temperature threshold and cold pressor tests."""

from __future__ import annotations

from cryolog.domain.catalog import ModalityGroup
from cryolog.domain.cold_pressor import pressor_hyperreactive
from cryolog.domain.messages import Message, Ref
from cryolog.domain.rules.base import (
    GENERAL,
    HARD_STOP,
    WARNING,
    Context,
    Rule,
    Verdict,
    say,
    within,
)
from cryolog.domain.rules.case import ColdPressorTest, IceCubeTest, TempThresholdTest

ReactionTest = IceCubeTest | TempThresholdTest


def _valid_reaction_tests(ctx: Context) -> list[ReactionTest]:
    """Ice cube and threshold tests still valid on the session day, oldest first."""
    days = ctx.setting("cold_test_valid_days")
    return sorted(
        (
            t
            for t in ctx.case.cold_tests
            if isinstance(t, IceCubeTest | TempThresholdTest) and within(t.date, ctx.day, days)
        ),
        key=lambda t: t.date,
    )


def _is_positive(test: ReactionTest) -> bool:
    if isinstance(test, IceCubeTest):
        return test.result.positive
    return test.ctt_c is not None


def _describe_positive(test: ReactionTest) -> Message:
    if isinstance(test, IceCubeTest):
        return say("ice_positive", day=test.date, result=Ref("ice_result", test.result.value))
    return say("threshold_positive", day=test.date, ctt=test.ctt_c or 0)


def _unreliable_reasons(ctx: Context, test: ReactionTest) -> list[Message]:
    if not isinstance(test, IceCubeTest):
        return []
    minimum = ctx.setting("ice_test_min_contact_s")
    reasons = []
    if test.contact_s < minimum:
        reasons.append(say("contact_short", contact=test.contact_s, minimum=minimum))
    if test.antihistamine_48h:
        reasons.append(say("antihistamine"))
    return reasons


def cold_test_missing(ctx: Context) -> Verdict:
    if _valid_reaction_tests(ctx):
        return None
    level = WARNING if ctx.group is ModalityGroup.LOCAL_MODERATE else HARD_STOP
    return level, say("cold_test_missing", days=ctx.setting("cold_test_valid_days"))


def cold_test_positive(ctx: Context) -> Verdict:
    positive = [_describe_positive(t) for t in _valid_reaction_tests(ctx) if _is_positive(t)]
    if not positive:
        return None
    return HARD_STOP, say("cold_test_positive", tests=positive)


def cold_test_unreliable(ctx: Context) -> Verdict:
    tests = _valid_reaction_tests(ctx)
    latest = [t for t in tests if t.date == tests[-1].date] if tests else []
    reasons = [r for t in latest for r in _unreliable_reasons(ctx, t)]
    if not reasons:
        return None
    return WARNING, say("cold_test_unreliable", day=latest[0].date, reasons=reasons)


def _rise(test: ColdPressorTest) -> tuple[int, int]:
    return (
        test.bp_after.systolic - test.bp_before.systolic,
        test.bp_after.diastolic - test.bp_before.diastolic,
    )


def _latest_pressor_tests(ctx: Context) -> list[ColdPressorTest]:
    """The valid cold pressor tests of the most recent date (usually one)."""
    days = ctx.setting("cold_test_valid_days")
    tests = [
        t
        for t in ctx.case.cold_tests
        if isinstance(t, ColdPressorTest) and within(t.date, ctx.day, days)
    ]
    latest = max((t.date for t in tests), default=None)
    return [t for t in tests if t.date == latest]


def cold_pressor_hyperreactive(ctx: Context) -> Verdict:
    limit = ctx.setting("cold_pressor_max_rise_mmhg")
    for test in _latest_pressor_tests(ctx):
        before, after = test.bp_before, test.bp_after
        if pressor_hyperreactive(
            (before.systolic, before.diastolic), (after.systolic, after.diastolic), limit
        ):
            return WARNING, say(
                "cold_pressor_hyperreactive",
                day=test.date,
                before=test.bp_before.said(),
                after=test.bp_after.said(),
                limit=limit,
            )
    return None


RULES: tuple[Rule, ...] = (
    Rule("cold_test_missing", cold_test_missing),
    Rule("cold_test_positive", cold_test_positive),
    Rule("cold_test_unreliable", cold_test_unreliable),
    Rule("cold_pressor_hyperreactive", cold_pressor_hyperreactive, GENERAL),
)
