"""How long and how often: exposure limits, ramp-up, same-day sessions, skin cooling."""

from __future__ import annotations

from cryolog.domain.catalog import ModalityGroup, group_of
from cryolog.domain.rules.base import (
    ALL_GROUPS,
    GENERAL,
    HARD_STOP,
    INFO,
    LOCAL_MODERATE,
    WARNING,
    Context,
    Rule,
    Verdict,
    dec,
    num,
    plural,
    round1,
)
from cryolog.domain.rules.case import PastSession


def _general(sessions: list[PastSession]) -> list[PastSession]:
    return [s for s in sessions if group_of(s.modality) is ModalityGroup.GENERAL]


def exposure_max(ctx: Context) -> Verdict:
    limit = ctx.setting("exposure_max_s")
    if ctx.session.duration_s <= limit:
        return None
    return HARD_STOP, (
        f"Duration {ctx.session.duration_s} s is over the {num(limit)} s maximum "
        "for whole-body sessions."
    )


def exposure_long(ctx: Context) -> Verdict:
    duration, limit = ctx.session.duration_s, ctx.setting("exposure_long_s")
    if duration <= limit or duration > ctx.setting("exposure_max_s"):
        return None
    return WARNING, f"Duration {duration} s is longer than the usual {num(limit)} s."


def first_session_long(ctx: Context) -> Verdict:
    limit = ctx.setting("first_session_max_s")
    if _general(ctx.course_sessions()) or ctx.session.duration_s <= limit:
        return None
    return WARNING, (
        f"First whole-body session of the course lasts {ctx.session.duration_s} s, "
        f"over the {num(limit)} s recommended to start with."
    )


def progression_fast(ctx: Context) -> Verdict:
    earlier = _general(ctx.course_sessions())
    if not earlier:
        return None
    previous, step = earlier[-1].duration_s, ctx.setting("progression_max_step_s")
    if ctx.session.duration_s - previous <= step:
        return None
    return WARNING, (
        f"Duration {ctx.session.duration_s} s is {ctx.session.duration_s - previous} s longer "
        f"than the previous session's {previous} s; steps above {num(step)} s are too fast."
    )


def daily_limit(ctx: Context) -> Verdict:
    everything = ctx.course_sessions() + list(ctx.case.other_sessions)
    count = len([s for s in _general(everything) if s.at.date() == ctx.day])
    if count == 0:
        return None
    stop = ctx.setting("daily_general_stop_others")
    level = HARD_STOP if count >= stop else WARNING
    return level, (
        f"The patient already has {plural(count, 'other whole-body session')} "
        f"on {ctx.day.isoformat()}."
    )


def cold_pack_long(ctx: Context) -> Verdict:
    limit = ctx.setting("cold_pack_max_s")
    if ctx.session.duration_s <= limit:
        return None
    return WARNING, (
        f"Duration {ctx.session.duration_s} s is over the {num(limit)} s limit for moderate cold."
    )


def cold_pack_direct(ctx: Context) -> Verdict:
    if ctx.session.direct_skin_contact is not True:
        return None
    return WARNING, "The cold pack is applied directly to the skin; put a cloth between them."


def skin_drop_small(ctx: Context) -> Verdict:
    before, after = ctx.session.skin_temp_before_c, ctx.session.skin_temp_after_c
    if before is None or after is None:
        return None
    drop, minimum = round1(dec(before) - dec(after)), ctx.setting("skin_drop_min_c")
    if drop >= dec(minimum):
        return None
    return INFO, (
        f"Skin temperature dropped by {num(drop)} °C ({num(before)} → {num(after)} °C), "
        f"less than the expected {num(minimum)} °C."
    )


RULES: tuple[Rule, ...] = (
    Rule("exposure_max", exposure_max, GENERAL),
    Rule("exposure_long", exposure_long, GENERAL),
    Rule("first_session_long", first_session_long, GENERAL, needs_course=True),
    Rule("progression_fast", progression_fast, GENERAL, needs_course=True),
    Rule("daily_limit", daily_limit, GENERAL),
    Rule("cold_pack_long", cold_pack_long, LOCAL_MODERATE),
    Rule("cold_pack_direct", cold_pack_direct, modalities=frozenset({"cold_pack"})),
    Rule("skin_drop_small", skin_drop_small, ALL_GROUPS),
)
