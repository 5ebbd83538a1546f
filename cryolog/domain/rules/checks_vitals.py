"""Whole-body sessions: blood pressure before and after, and the pre-session checklist."""

from __future__ import annotations

from cryolog.domain.enums import CHECKLIST_ITEMS
from cryolog.domain.messages import Message, Ref
from cryolog.domain.rules.base import GENERAL, HARD_STOP, WARNING, Context, Rule, Verdict, say
from cryolog.domain.rules.case import BloodPressure

OXYGEN_MONITOR = "oxygen_monitor"


def _limits(ctx: Context, prefix: str) -> tuple[float, float]:
    return ctx.setting(f"{prefix}_systolic"), ctx.setting(f"{prefix}_diastolic")


def _at_or_above(bp: BloodPressure, limits: tuple[float, float]) -> bool:
    return bp.systolic >= limits[0] or bp.diastolic >= limits[1]


def _over(bp: BloodPressure, limits: tuple[float, float], *, post: bool = False) -> Message:
    return say(
        "bp_post_over" if post else "bp_over",
        bp=bp.said(),
        systolic=limits[0],
        diastolic=limits[1],
    )


def bp_missing(ctx: Context) -> Verdict:
    if ctx.session.bp_pre is None:
        return HARD_STOP, say("bp_missing")
    return None


def bp_high(ctx: Context) -> Verdict:
    bp, limits = ctx.session.bp_pre, _limits(ctx, "bp_stop")
    if bp is None or not _at_or_above(bp, limits):
        return None
    return HARD_STOP, _over(bp, limits)


def bp_elevated(ctx: Context) -> Verdict:
    bp, limits = ctx.session.bp_pre, _limits(ctx, "bp_warn")
    if bp is None or _at_or_above(bp, _limits(ctx, "bp_stop")) or not _at_or_above(bp, limits):
        return None
    return WARNING, _over(bp, limits)


def bp_post_high(ctx: Context) -> Verdict:
    bp, limits = ctx.session.bp_post, _limits(ctx, "bp_stop")
    if bp is None or not _at_or_above(bp, limits):
        return None
    return WARNING, _over(bp, limits, post=True)


def checklist_items(modality_id: str) -> tuple[str, ...]:
    """The checklist a general session of this modality must confirm."""
    extra = (OXYGEN_MONITOR,) if modality_id == "cryosauna_n2" else ()
    return CHECKLIST_ITEMS + extra


def checklist_incomplete(ctx: Context) -> Verdict:
    checklist = ctx.session.checklist or {}
    missing = [
        Ref("checklist", item)
        for item in checklist_items(ctx.modality.id)
        if checklist.get(item) is not True
    ]
    if not missing:
        return None
    return HARD_STOP, say("checklist_incomplete", missing=missing)


RULES: tuple[Rule, ...] = (
    Rule("bp_missing", bp_missing, GENERAL),
    Rule("bp_high", bp_high, GENERAL),
    Rule("bp_elevated", bp_elevated, GENERAL),
    Rule("bp_post_high", bp_post_high, GENERAL),
    Rule("checklist_incomplete", checklist_incomplete, GENERAL),
)
