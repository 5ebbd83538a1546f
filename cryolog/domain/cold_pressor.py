"""The one judgement of a cold pressor test, on its own so that printing a test's result
needs no rule engine (``rules.checks_cold_tests`` judges with this same function)."""

from __future__ import annotations


def pressor_hyperreactive(
    before: tuple[int, int], after: tuple[int, int], max_rise_mmhg: float
) -> bool:
    """The one judgement of a cold pressor test (the rule, the window and the course
    summary): systolic or diastolic rose by more than the practice's maximum rise."""
    return max(after[0] - before[0], after[1] - before[1]) > max_rise_mmhg
