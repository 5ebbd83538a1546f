"""Local extreme cold, per treated area: spray dose per dm², spot, scalp and patch freezes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from cryolog.domain.enums import AreaKind
from cryolog.domain.rules.base import WARNING, Context, Rule, Verdict, dec, round1, say
from cryolog.domain.rules.case import Area

Measure = Callable[[Area], Decimal]


def _exposure(area: Area) -> Decimal:
    return dec(area.exposure_s)


def _per_dm2(area: Area) -> Decimal:
    return round1(dec(area.exposure_s) / dec(area.area_dm2))


def _over_limit(ctx: Context, kind: AreaKind, setting: str, measure: Measure) -> Verdict:
    """A warning naming every area of ``kind`` whose measure exceeds the setting's limit."""
    limit = ctx.setting(setting)
    over = [(a, measure(a)) for a in ctx.session.areas if a.kind is kind]
    over = [(a, value) for a, value in over if value > dec(limit)]
    if not over:
        return None
    unit = "per_dm2" if measure is _per_dm2 else "seconds"
    listed = [say(f"site_{unit}", site=a.site, value=value) for a, value in over]
    return WARNING, say(f"{kind.value}_over_{unit}", limit=limit, listed=listed)


def area_exposure_long(ctx: Context) -> Verdict:
    return _over_limit(ctx, AreaKind.AREA, "spray_max_s_per_dm2", _per_dm2)


def spot_freeze_long(ctx: Context) -> Verdict:
    return _over_limit(ctx, AreaKind.SPOT, "spot_freeze_max_s", _exposure)


def scalp_area_long(ctx: Context) -> Verdict:
    return _over_limit(ctx, AreaKind.AREA, "scalp_area_max_s", _exposure)


def patch_freeze_long(ctx: Context) -> Verdict:
    return _over_limit(ctx, AreaKind.PATCH, "patch_freeze_max_s", _exposure)


def _applicator_rule(rule_id: str, check: Callable[[Context], Verdict], protocol: str) -> Rule:
    """A rule for the nitrogen applicator within courses of one protocol."""
    return Rule(
        rule_id, check, modalities=frozenset({"ln2_applicator"}), protocols=frozenset({protocol})
    )


RULES: tuple[Rule, ...] = (
    Rule("area_exposure_long", area_exposure_long, modalities=frozenset({"ln2_spray"})),
    _applicator_rule("spot_freeze_long", spot_freeze_long, "rosacea"),
    _applicator_rule("scalp_area_long", scalp_area_long, "alopecia"),
    _applicator_rule("patch_freeze_long", patch_freeze_long, "alopecia_areata"),
)
