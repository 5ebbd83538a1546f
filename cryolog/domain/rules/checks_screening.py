"""Paperwork before any session: consent, screening and the contraindications it reveals."""

from __future__ import annotations

from cryolog.domain.catalog import CONDITIONS, Condition, ConditionLevel
from cryolog.domain.enums import Answer
from cryolog.domain.messages import Message, Ref
from cryolog.domain.rules.base import HARD_STOP, WARNING, Context, Rule, Verdict, days_between, say


def consent_missing(ctx: Context) -> Verdict:
    current = int(ctx.setting("consent_form_version"))
    consent = ctx.case.consent
    if consent is None:
        return HARD_STOP, say("consent_missing", current=current)
    if consent.form_version < current:
        return HARD_STOP, say("consent_old", signed=consent.form_version, current=current)
    return None


def screening_missing(ctx: Context) -> Verdict:
    valid_days = ctx.setting("screening_valid_days")
    screening = ctx.case.screening
    if screening is None:
        return HARD_STOP, say("screening_missing")
    age = days_between(screening.date, ctx.day)
    if age > valid_days:
        return HARD_STOP, say(
            "screening_expired",
            screened=screening.date,
            age=Message("unit.days", n=age),
            valid=valid_days,
        )
    return None


def _in_scope(ctx: Context, level: ConditionLevel, answer: Answer) -> list[Condition]:
    """Conditions of ``level`` answered ``answer`` that apply to the session's modality group.

    An expired screening still counts: its answers are the best knowledge on file, and
    ``screening_missing`` already stops the session.
    """
    screening = ctx.case.screening
    if screening is None:
        return []
    return [
        CONDITIONS[cid]
        for cid, given in sorted(screening.answers.items())
        if given == answer
        and cid in CONDITIONS
        and CONDITIONS[cid].level is level
        and CONDITIONS[cid].scope.covers(ctx.group)
    ]


def _labels(conditions: list[Condition], note: str) -> list[Message]:
    return [say(note, condition=Ref("condition", c.id)) for c in conditions]


def contraindication_absolute(ctx: Context) -> Verdict:
    found = _in_scope(ctx, ConditionLevel.ABSOLUTE, Answer.YES)
    if not found:
        return None
    listed = _labels(found, "condition_yes")
    return HARD_STOP, say(
        "contraindication_absolute", modality=Ref("modality", ctx.modality.id), listed=listed
    )


def contraindication_relative(ctx: Context) -> Verdict:
    found = _labels(_in_scope(ctx, ConditionLevel.RELATIVE, Answer.YES), "condition_yes")
    found += _labels(_in_scope(ctx, ConditionLevel.ABSOLUTE, Answer.UNKNOWN), "condition_unknown")
    if not found:
        return None
    return WARNING, say("contraindication_relative", listed=found)


RULES: tuple[Rule, ...] = (
    Rule("consent_missing", consent_missing),
    Rule("screening_missing", screening_missing),
    Rule("contraindication_absolute", contraindication_absolute),
    Rule("contraindication_relative", contraindication_relative),
)
