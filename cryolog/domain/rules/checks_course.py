"""Rules about the course as a whole: spacing, frequency, length, breaks and progress."""

from __future__ import annotations

from cryolog.domain.catalog import Protocol
from cryolog.domain.messages import Message, Ref
from cryolog.domain.rules.base import (
    INFO,
    WARNING,
    Context,
    Rule,
    Verdict,
    days,
    days_between,
    say,
)
from cryolog.domain.rules.case import Course
from cryolog.domain.schedule import YEAR_DAYS, sessions_in_window, short_gap, too_many_in_window


def _ref(proto: Protocol) -> Ref:
    return Ref("protocol", proto.id)


def _course(ctx: Context) -> tuple[Course, Protocol]:
    assert ctx.case.course is not None and ctx.protocol is not None  # Rule(needs_course=True)
    return ctx.case.course, ctx.protocol


def interval_short(ctx: Context) -> Verdict:
    _, proto = _course(ctx)
    earlier = ctx.course_sessions()
    gap = short_gap(earlier[-1].at.date(), ctx.day, proto) if earlier else None
    minimum = proto.min_interval_days
    if gap is None or minimum is None:
        return None
    return WARNING, say(
        "interval_short", gap=days(gap), protocol=_ref(proto), minimum=days(minimum)
    )


def frequency_high(ctx: Context) -> Verdict:
    _, proto = _course(ctx)
    dates = [s.at.date() for s in ctx.course_sessions()] + [ctx.day]
    count = too_many_in_window(dates, ctx.day, proto)
    if count is None:
        return None
    return WARNING, say(
        "frequency_high", count=count, protocol=_ref(proto), allowed=proto.max_per_7_days
    )


def course_length_exceeded(ctx: Context) -> Verdict:
    _, proto = _course(ctx)
    number = len(ctx.course_sessions()) + 1
    if proto.max_sessions is None or number <= proto.max_sessions:
        return None
    return WARNING, say(
        "course_length_exceeded", number=number, protocol=_ref(proto), maximum=proto.max_sessions
    )


def course_break_short(ctx: Context) -> Verdict:
    course, proto = _course(ctx)
    if proto.break_days is None:
        return None
    gaps = [
        days_between(p.ended, course.started)
        for p in course.previous_courses
        if p.protocol == proto.id and p.ended is not None
    ]
    short = [g for g in gaps if g < proto.break_days]
    if not short:
        return None
    return WARNING, say(
        "course_break_short",
        gap=days(min(short)),
        protocol=_ref(proto),
        minimum=days(proto.break_days),
    )


def course_count_exceeded(ctx: Context) -> Verdict:
    course, proto = _course(ctx)
    if proto.max_courses_365 is None:
        return None
    starts = [p.started for p in course.previous_courses if p.protocol == proto.id]
    count = sessions_in_window(starts, ctx.day, YEAR_DAYS) + 1
    if count <= proto.max_courses_365:
        return None
    return WARNING, say(
        "course_count_exceeded", protocol=_ref(proto), count=count, maximum=proto.max_courses_365
    )


def no_improvement(ctx: Context) -> Verdict:
    earlier = ctx.course_sessions()
    if len(earlier) < ctx.setting("no_improvement_after_sessions"):
        return None
    first, now = earlier[0].nrs_pre, ctx.session.nrs_pre
    minimum = ctx.setting("no_improvement_min_points")
    if first is None or now is None or first - now >= minimum:
        return None
    sessions = Message("unit.sessions", n=len(earlier))
    return INFO, say("no_improvement", now=now, sessions=sessions, minimum=minimum, first=first)


RULES: tuple[Rule, ...] = tuple(
    Rule(check.__name__, check, needs_course=True)
    for check in (
        interval_short,
        frequency_high,
        course_length_exceeded,
        course_break_short,
        course_count_exceeded,
        no_improvement,
    )
)
