"""Practice thresholds: every safety limit of domain.md §6 with its name and default.

The names are a contract (the rule checker's ``settings`` object and the database's
``clinical_threshold`` table use them). Each has a sane editing range so a typo in the
Preferences dialog ("1600" for "160") is refused instead of silently disabling a rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Threshold:
    name: str
    default: float
    low: float
    high: float
    unit: str
    label: str
    integer: bool = True
    rule: bool = True  # False: a practice setting the safety rules do not read (timers)


THRESHOLDS: dict[str, Threshold] = {
    t.name: t
    for t in (
        Threshold("consent_form_version", 1, 1, 1000, "", "Current consent form version"),
        Threshold("screening_valid_days", 365, 1, 3650, "days", "Screening valid for"),
        Threshold("cold_test_valid_days", 180, 1, 3650, "days", "Cold tests valid for"),
        Threshold("ice_test_min_contact_s", 300, 1, 1800, "s", "Ice cube test minimum contact"),
        Threshold(
            "ice_test_contact_s", 300, 60, 1800, "s", "Ice cube test contact time", rule=False
        ),
        Threshold(
            "ice_test_read_after_min",
            10,
            1,
            60,
            "min",
            "Ice cube test read after removal",
            rule=False,
        ),
        Threshold("cold_pressor_max_rise_mmhg", 20, 1, 100, "mmHg", "Cold pressor maximum rise"),
        Threshold("min_age_general", 18, 0, 120, "years", "Minimum age, whole-body"),
        Threshold("min_height_cryosauna_cm", 152, 50, 250, "cm", "Minimum height, cryosauna"),
        Threshold("bp_stop_systolic", 160, 60, 260, "mmHg", "Stop at systolic"),
        Threshold("bp_stop_diastolic", 100, 30, 160, "mmHg", "Stop at diastolic"),
        Threshold("bp_warn_systolic", 140, 60, 260, "mmHg", "Warn at systolic"),
        Threshold("bp_warn_diastolic", 90, 30, 160, "mmHg", "Warn at diastolic"),
        Threshold("exposure_max_s", 240, 1, 600, "s", "Whole-body maximum exposure"),
        Threshold("exposure_long_s", 180, 1, 600, "s", "Whole-body long exposure"),
        Threshold("first_session_max_s", 120, 1, 600, "s", "First whole-body session maximum"),
        Threshold("progression_max_step_s", 60, 1, 600, "s", "Maximum step between sessions"),
        Threshold(
            "daily_general_stop_others",
            2,
            1,
            10,
            "sessions",
            "Stop at this many other whole-body sessions that day",
        ),
        Threshold(
            "spray_max_s_per_dm2",
            180,
            1,
            3600,
            "s/dm²",
            "Cryo-spray maximum per dm²",
            integer=False,
        ),
        Threshold("spot_freeze_max_s", 15, 1, 600, "s", "Rosacea spot freeze maximum"),
        Threshold("scalp_area_max_s", 5, 1, 600, "s", "Alopecia scalp area maximum"),
        Threshold("patch_freeze_max_s", 120, 1, 3600, "s", "Alopecia areata patch maximum"),
        Threshold("cold_pack_max_s", 1200, 1, 7200, "s", "Cold pack maximum"),
        Threshold(
            "skin_drop_min_c", 15, 0, 45, "°C", "Expected skin temperature drop", integer=False
        ),
        Threshold(
            "no_improvement_after_sessions",
            4,
            1,
            100,
            "sessions",
            "Check improvement after this many sessions",
        ),
        Threshold(
            "no_improvement_min_points",
            1,
            0,
            10,
            "points",
            "Expected NRS improvement",
            integer=False,
        ),
    )
}


def defaults() -> dict[str, float]:
    return {name: t.default for name, t in THRESHOLDS.items()}


def threshold_problem(name: str, value: float, *, rules_only: bool = False) -> str | None:
    """Why ``value`` cannot be used for setting ``name``, or None when it can.

    With ``rules_only`` (the rule checker's ``settings``), a practice setting that no rule
    reads (the ice cube test's timer) is unknown too."""
    spec = THRESHOLDS.get(name)
    if spec is None or (rules_only and not spec.rule):
        return f"unknown setting {name!r}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{name} must be a number"
    if spec.integer and not float(value).is_integer():
        return f"{name} must be a whole number"
    if not spec.low <= value <= spec.high:
        unit = f" {spec.unit}" if spec.unit else ""
        return f"{name}: {value:g}{unit} is outside {spec.low:g} … {spec.high:g}{unit}"
    return None


def merged(overrides: Mapping[str, float]) -> dict[str, float]:
    """Defaults with the practice's overrides applied (names already validated)."""
    values = defaults()
    values.update(overrides)
    return values
