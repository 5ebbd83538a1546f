"""How long and how often: exposure limits, ramp-up, same-day sessions, skin cooling."""

from __future__ import annotations

from cryolog.domain.catalog import ModalityGroup, group_of
from cryolog.domain.messages import Message
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
    round1,
    say,
)
from cryolog.domain.rules.case import PastSession


def _general(sessions: list[PastSession]) -> list[PastSession]:
    return [s for s in sessions if group_of(s.modality) is ModalityGroup.GENERAL]


def exposure_max(ctx: Context) -> Verdict:
    limit = ctx.setting("exposure_max_s")
    if ctx.session.duration_s <= limit:
        return None
    return HARD_STOP, say("exposure_max", duration=ctx.session.duration_s, limit=limit)


def exposure_long(ctx: Context) -> Verdict:
    duration, limit = ctx.session.duration_s, ctx.setting("exposure_long_s")
    if duration <= limit or duration > ctx.setting("exposure_max_s"):
        return None
    return WARNING, say("exposure_long", duration=duration, limit=limit)


def first_session_long(ctx: Context) -> Verdict:
    limit = ctx.setting("first_session_max_s")
    if _general(ctx.course_sessions()) or ctx.session.duration_s <= limit:
        return None
    return WARNING, say("first_session_long", duration=ctx.session.duration_s, limit=limit)


def progression_fast(ctx: Context) -> Verdict:
    earlier = _general(ctx.course_sessions())
    if not earlier:
        return None
    previous, step = earlier[-1].duration_s, ctx.setting("progression_max_step_s")
    if ctx.session.duration_s - previous <= step:
        return None
    return WARNING, say(
        "progression_fast",
        duration=ctx.session.duration_s,
        longer=ctx.session.duration_s - previous,
        previous=previous,
        step=step,
    )


def daily_limit(ctx: Context) -> Verdict:
    everything = ctx.course_sessions() + list(ctx.case.other_sessions)
    count = len([s for s in _general(everything) if s.at.date() == ctx.day])
    if count == 0:
        return None
    stop = ctx.setting("daily_general_stop_others")
    level = HARD_STOP if count >= stop else WARNING
    others = Message("rule.other_general_sessions", n=count)
    return level, say("daily_limit", others=others, day=ctx.day)


def cold_pack_long(ctx: Context) -> Verdict:
    limit = ctx.setting("cold_pack_max_s")
    if ctx.session.duration_s <= limit:
        return None
    return WARNING, say("cold_pack_long", duration=ctx.session.duration_s, limit=limit)


def cold_pack_direct(ctx: Context) -> Verdict:
    if ctx.session.direct_skin_contact is not True:
        return None
    return WARNING, say("cold_pack_direct")


def skin_drop_small(ctx: Context) -> Verdict:
    before, after = ctx.session.skin_temp_before_c, ctx.session.skin_temp_after_c
    if before is None or after is None:
        return None
    drop, minimum = round1(dec(before) - dec(after)), ctx.setting("skin_drop_min_c")
    if drop >= dec(minimum):
        return None
    return INFO, say("skin_drop_small", drop=drop, before=before, after=after, minimum=minimum)


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
