"""The safety rule engine (domain.md §6): one pure function from a case to its findings."""

from __future__ import annotations

from cryolog.domain.rules import (
    checks_areas,
    checks_cold_tests,
    checks_course,
    checks_exposure,
    checks_patient,
    checks_screening,
    checks_vitals,
)
from cryolog.domain.rules.base import Context, Finding, Rule
from cryolog.domain.rules.case import Case

RULES: tuple[Rule, ...] = (
    checks_screening.RULES
    + checks_patient.RULES
    + checks_cold_tests.RULES
    + checks_vitals.RULES
    + checks_exposure.RULES
    + checks_areas.RULES
    + checks_course.RULES
)

RULE_IDS: tuple[str, ...] = tuple(sorted({rule.id for rule in RULES}))

PATIENT_RULE_IDS: frozenset[str] = frozenset(
    rule.id for rule in checks_screening.RULES + checks_patient.RULES + checks_cold_tests.RULES
)
"""Rules about the patient's readiness (records, age, cold tests), not the session's own
parameters: what the patient header's alert strip shows."""


def _most_severe(findings: list[Finding]) -> list[Finding]:
    """At most one finding per rule id: the most severe one."""
    best: dict[str, Finding] = {}
    for finding in findings:
        kept = best.get(finding.rule)
        if kept is None or finding.level.rank < kept.level.rank:
            best[finding.rule] = finding
    return list(best.values())


def evaluate(case: Case) -> list[Finding]:
    """Every finding for the proposed session, ordered hard_stop, warning, info, then by rule id.

    ``KeyError`` for an unknown modality or protocol id: producers validate ids first.
    """
    ctx = Context.of(case)
    found = [f for f in (rule.evaluate(ctx) for rule in RULES) if f is not None]
    return sorted(_most_severe(found), key=lambda f: f.sort_key)


def can_save_without_override(findings: list[Finding]) -> bool:
    """A session with no hard stop can be saved without any dialog."""
    return all(f.level.rank > 0 for f in findings)
