"""Practice thresholds: every safety limit of domain.md §6 with its name and default.

The names are a contract (the rule checker's ``settings`` object and the database's
``clinical_threshold`` table use them). Each has a sane editing range so a typo in the
Preferences dialog ("1600" for "160") is refused instead of silently disabling a rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cryolog.domain.errors import said
from cryolog.domain.messages import Message, Ref

UNIT_KEYS: dict[str, str] = {
    "days": "days",
    "s": "seconds",
    "min": "minutes",
    "mmHg": "mmhg",
    "years": "years",
    "cm": "cm",
    "sessions": "sessions",
    "s/dm²": "s_per_dm2",
    "°C": "celsius",
    "points": "points",
}
"""Each unit of the settings as a key of ``threshold_unit`` in the message catalogs."""


@dataclass(frozen=True, slots=True)
class Threshold:
    name: str
    default: float
    low: float
    high: float
    unit: str
    integer: bool = True
    rule: bool = True  # False: a practice setting the safety rules do not read (timers)

    @property
    def label(self) -> str:
        """What Preferences calls it, in the current language."""
        return Ref("threshold", self.name).render()

    @property
    def unit_ref(self) -> Ref | None:
        return Ref("threshold_unit", UNIT_KEYS[self.unit]) if self.unit else None

    @property
    def unit_label(self) -> str:
        ref = self.unit_ref
        return ref.render() if ref else ""


THRESHOLDS: dict[str, Threshold] = {
    t.name: t
    for t in (
        Threshold("consent_form_version", 1, 1, 1000, ""),
        Threshold("screening_valid_days", 365, 1, 3650, "days"),
        Threshold("cold_test_valid_days", 180, 1, 3650, "days"),
        Threshold("ice_test_min_contact_s", 300, 1, 1800, "s"),
        Threshold("ice_test_contact_s", 300, 60, 1800, "s", rule=False),
        Threshold(
            "ice_test_read_after_min",
            10,
            1,
            60,
            "min",
            rule=False,
        ),
        Threshold("cold_pressor_max_rise_mmhg", 20, 1, 100, "mmHg"),
        Threshold("min_age_general", 18, 0, 120, "years"),
        Threshold("min_height_cryosauna_cm", 152, 50, 250, "cm"),
        Threshold("bp_stop_systolic", 160, 60, 260, "mmHg"),
        Threshold("bp_stop_diastolic", 100, 30, 160, "mmHg"),
        Threshold("bp_warn_systolic", 140, 60, 260, "mmHg"),
        Threshold("bp_warn_diastolic", 90, 30, 160, "mmHg"),
        Threshold("exposure_max_s", 240, 1, 600, "s"),
        Threshold("exposure_long_s", 180, 1, 600, "s"),
        Threshold("first_session_max_s", 120, 1, 600, "s"),
        Threshold("progression_max_step_s", 60, 1, 600, "s"),
        Threshold(
            "daily_general_stop_others",
            2,
            1,
            10,
            "sessions",
        ),
        Threshold(
            "spray_max_s_per_dm2",
            180,
            1,
            3600,
            "s/dm²",
            integer=False,
        ),
        Threshold("spot_freeze_max_s", 15, 1, 600, "s"),
        Threshold("scalp_area_max_s", 5, 1, 600, "s"),
        Threshold("patch_freeze_max_s", 120, 1, 3600, "s"),
        Threshold("cold_pack_max_s", 1200, 1, 7200, "s"),
        Threshold("skin_drop_min_c", 15, 0, 45, "°C", integer=False),
        Threshold(
            "no_improvement_after_sessions",
            4,
            1,
            100,
            "sessions",
        ),
        Threshold(
            "no_improvement_min_points",
            1,
            0,
            10,
            "points",
            integer=False,
        ),
    )
}


def defaults() -> dict[str, float]:
    return {name: t.default for name, t in THRESHOLDS.items()}


def threshold_problem(name: str, value: float, *, rules_only: bool = False) -> Message | None:
    """Why ``value`` cannot be used for setting ``name``, or None when it can.

    With ``rules_only`` (the rule checker's ``settings``), a practice setting that no rule
    reads (the ice cube test's timer) is unknown too."""
    spec = THRESHOLDS.get(name)
    if spec is None or (rules_only and not spec.rule):
        return said("unknown_setting", name=name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return said("setting_number", name=name)
    if spec.integer and not float(value).is_integer():
        return said("setting_whole", name=name)
    if not spec.low <= value <= spec.high:
        unit = spec.unit_ref
        if unit is None:
            return said("setting_outside", name=name, value=value, low=spec.low, high=spec.high)
        return said(
            "setting_outside_unit", name=name, value=value, low=spec.low, high=spec.high, unit=unit
        )
    return None


def merged(overrides: Mapping[str, float]) -> dict[str, float]:
    """Defaults with the practice's overrides applied (names already validated)."""
    values = defaults()
    values.update(overrides)
    return values
