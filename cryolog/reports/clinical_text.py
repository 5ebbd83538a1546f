"""Clinical values in words for the course summary, in the document's language."""

from __future__ import annotations

from datetime import date

from cryolog.domain.catalog import CONDITIONS, MODALITIES, PROTOCOLS
from cryolog.domain.cold_pressor import pressor_hyperreactive
from cryolog.domain.messages import Ref
from cryolog.reports.text import DASH, bp, humanize, num, pair, seconds, short
from cryolog.reports.words import w
from cryolog.services.dto import AreaDTO, ColdTestDTO, SessionDTO

ICE_RESULTS = {  # summary.<key> of each ice cube result
    "negative": "ice_negative",
    "erythema_only": "ice_erythema_only",
    "wheal": "ice_wheal",
    "systemic": "ice_systemic",
}
COLD_TEST_NAMES = {  # summary.<key> of each cold test
    "ice_cube": "ice_cube_test",
    "cold_pressor": "cold_pressor_test",
    "temp_threshold": "temp_threshold_test",
}


def cold_test_name(kind: str) -> str:
    return w(COLD_TEST_NAMES[kind]) if kind in COLD_TEST_NAMES else humanize(kind)


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
        parts.append(f"{short(a.area_dm2)} {Ref('unit_sign', 'dm2')}")
    if a.passes is not None:
        parts.append(f"×{a.passes}")
    if a.exposure_s is not None:
        parts.append(seconds(a.exposure_s))
    return " ".join(parts)


def skin(s: SessionDTO) -> str:
    text = pair(
        num(s.skin_temp_before_c) if s.skin_temp_before_c is not None else None,
        num(s.skin_temp_after_c) if s.skin_temp_after_c is not None else None,
    )
    drop = skin_drop(s)
    return f"{text} (Δ {num(drop)})" if drop is not None else text


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
        details = w("ice_details", contact=t.contact_s, minutes=t.read_after_min)
        if t.antihistamine_48h:
            details += w("antihistamine")
        if t.read_early:
            details += w("read_early")
        result = t.ice_result or ""
        return (w(ICE_RESULTS[result]) if result in ICE_RESULTS else result or DASH), details
    if t.kind == "cold_pressor":
        hyper = pressor_hyperreactive(
            (t.bp_before_sys or 0, t.bp_before_dia or 0),
            (t.bp_after_sys or 0, t.bp_after_dia or 0),
            max_rise_mmhg,
        )
        details = w(
            "pressor_details",
            water=num(t.water_c),
            seconds=t.immersion_s,
            before=bp(t.bp_before_sys, t.bp_before_dia),
            after=bp(t.bp_after_sys, t.bp_after_dia),
        )
        return w("pressor_hyperreactive" if hyper else "pressor_normal"), details
    if t.ctt_c is None:
        return w("threshold_negative"), w("threshold_no_wheal")
    return w("threshold_positive"), w("threshold_wheal", temp=num(t.ctt_c))


def valid_until(day: date, days: int) -> date:
    return date.fromordinal(day.toordinal() + days)
