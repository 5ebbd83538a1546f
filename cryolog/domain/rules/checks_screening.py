"""Paperwork before any session: consent, screening and the contraindications it reveals."""

from __future__ import annotations

from cryolog.domain.catalog import CONDITIONS, Condition, ConditionLevel
from cryolog.domain.enums import Answer
from cryolog.domain.rules.base import HARD_STOP, WARNING, Context, Rule, Verdict, days_between, num


def consent_missing(ctx: Context) -> Verdict:
    current = int(ctx.setting("consent_form_version"))
    consent = ctx.case.consent
    if consent is None:
        return HARD_STOP, f"No signed consent on file; form version {current} must be signed."
    if consent.form_version < current:
        return HARD_STOP, (
            f"Consent was signed for form version {consent.form_version}, older than the current "
            f"version {current}; a new signature is needed."
        )
    return None


def screening_missing(ctx: Context) -> Verdict:
    valid_days = ctx.setting("screening_valid_days")
    screening = ctx.case.screening
    if screening is None:
        return HARD_STOP, "No screening questionnaire on file."
    age = days_between(screening.date, ctx.day)
    if age > valid_days:
        return HARD_STOP, (
            f"The latest screening ({screening.date.isoformat()}) is {age} days old, "
            f"past its {num(valid_days)}-day validity."
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


def _labels(conditions: list[Condition], note: str) -> list[str]:
    return [f"{c.label} ({note})" for c in conditions]


def contraindication_absolute(ctx: Context) -> Verdict:
    found = _in_scope(ctx, ConditionLevel.ABSOLUTE, Answer.YES)
    if not found:
        return None
    listed = "; ".join(_labels(found, "yes"))
    return HARD_STOP, f"Absolute contraindication for {ctx.modality.id} on screening: {listed}."


def contraindication_relative(ctx: Context) -> Verdict:
    found = _labels(_in_scope(ctx, ConditionLevel.RELATIVE, Answer.YES), "yes")
    found += _labels(_in_scope(ctx, ConditionLevel.ABSOLUTE, Answer.UNKNOWN), "unknown, ask")
    if not found:
        return None
    return WARNING, f"Screening needs the practitioner's judgement: {'; '.join(found)}."


RULES: tuple[Rule, ...] = (
    Rule("consent_missing", consent_missing),
    Rule("screening_missing", screening_missing),
    Rule("contraindication_absolute", contraindication_absolute),
    Rule("contraindication_relative", contraindication_relative),
)
