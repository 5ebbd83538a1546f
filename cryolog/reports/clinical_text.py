"""Clinical values in words for the course summary (English, for the patient file)."""

from __future__ import annotations

from datetime import date

from cryolog.domain.catalog import CONDITIONS, MODALITIES, PROTOCOLS
from cryolog.domain.rules.checks_cold_tests import pressor_hyperreactive
from cryolog.reports.text import DASH, bp, humanize, num, pair
from cryolog.services.dto import AreaDTO, ColdTestDTO, SessionDTO

ICE_RESULTS = {
    "negative": "negative",
    "erythema_only": "erythema only",
    "wheal": "wheal (positive)",
    "systemic": "systemic reaction (positive)",
}
COLD_TEST_NAMES = {
    "ice_cube": "Ice cube test",
    "cold_pressor": "Cold pressor test",
    "temp_threshold": "Temperature threshold test",
}


def modality_label(modality_id: str) -> str:
    spec = MODALITIES.get(modality_id)
    return spec.label if spec else humanize(modality_id)


def protocol_label(protocol_id: str) -> str:
    spec = PROTOCOLS.get(protocol_id)
    return spec.label if spec else humanize(protocol_id)


def condition_label(condition_id: str) -> str:
    spec = CONDITIONS.get(condition_id)
    return spec.label if spec else humanize(condition_id)


def temperatures(s: SessionDTO) -> str:
    if s.set_temp_c is None and s.measured_temp_c is None:
        return DASH
    return f"{num(s.set_temp_c)} / {num(s.measured_temp_c)}"


def area_text(a: AreaDTO) -> str:
    parts = [a.site]
    if a.area_dm2 is not None:
        parts.append(f"{a.area_dm2:g} dm²")
    if a.passes is not None:
        parts.append(f"×{a.passes}")
    if a.exposure_s is not None:
        parts.append(f"{a.exposure_s} s")
    return " ".join(parts)


def skin(s: SessionDTO) -> str:
    text = pair(
        num(s.skin_temp_before_c) if s.skin_temp_before_c is not None else None,
        num(s.skin_temp_after_c) if s.skin_temp_after_c is not None else None,
    )
    drop = skin_drop(s)
    return f"{text} (Δ {drop:.1f})" if drop is not None else text


def skin_drop(s: SessionDTO) -> float | None:
    if s.skin_temp_before_c is None or s.skin_temp_after_c is None:
        return None
    return round(s.skin_temp_before_c - s.skin_temp_after_c, 1)


def blood_pressure(s: SessionDTO) -> str:
    before = ", ".join(f"{r.systolic}/{r.diastolic}" for r in s.bp_readings) or bp(
        s.bp_pre_sys, s.bp_pre_dia
    )
    return pair(before, bp(s.bp_post_sys, s.bp_post_dia))


def cold_test_result(t: ColdTestDTO, max_rise_mmhg: float) -> tuple[str, str]:
    """(result, details) of one cold test; a cold pressor test is judged against the
    practice's maximum rise, as the safety rule judges it."""
    if t.kind == "ice_cube":
        details = f"contact {t.contact_s} s, read after {t.read_after_min} min"
        if t.antihistamine_48h:
            details += ", antihistamine within 48 h"
        if t.read_early:
            details += ", read early"
        return ICE_RESULTS.get(t.ice_result or "", t.ice_result or DASH), details
    if t.kind == "cold_pressor":
        hyper = pressor_hyperreactive(
            (t.bp_before_sys or 0, t.bp_before_dia or 0),
            (t.bp_after_sys or 0, t.bp_after_dia or 0),
            max_rise_mmhg,
        )
        result = "hyperreactive" if hyper else "normal"
        details = (
            f"water {num(t.water_c)} °C, {t.immersion_s} s; BP "
            f"{bp(t.bp_before_sys, t.bp_before_dia)} → {bp(t.bp_after_sys, t.bp_after_dia)}"
        )
        return result, details
    if t.ctt_c is None:
        return "negative", "no wheal at any tested temperature"
    return "positive", f"wheal at {num(t.ctt_c)} °C"


def valid_until(day: date, days: int) -> date:
    return date.fromordinal(day.toordinal() + days)
