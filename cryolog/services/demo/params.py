"""Session parameters: temperature, duration, areas, vitals, skin temperature and pain.

Values stay inside every plausible range of domain.md §2 and near the typical parameters of
§3: chambers at -110 … -135 °C for 1 → 2 → 3 minutes, about 5 minutes of local cold, 2–3
minutes per dm² with the sprayer, packs up to 20 minutes with a cloth under them. A small
share of sessions goes a little past a warning limit, as happens in real practice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.units import c_to_f, to_celsius
from cryolog.services.demo import texts
from cryolog.services.demo.people import Profile

Row = dict[str, Any]


@dataclass(slots=True)
class CourseStyle:
    """Choices made once per course and kept for all its sessions."""

    protocol: str
    modality: str
    pain: bool  # pain NRS is recorded
    nrs_start: int
    nrs_gain: float  # points of improvement per session
    fahrenheit: bool
    target_s: int  # general group: the duration the ramp goes up to
    set_temp_c: float
    skin_method: str
    device: str
    hour: int
    sites: tuple[str, ...]


def course_style(protocol: str, modality: str, rng: random.Random) -> CourseStyle:
    group = MODALITIES[modality].group
    pain = protocol in ("wbc_course", "local_pain") or (protocol == "custom" and rng.random() < 0.8)
    responder = rng.random() < 0.85
    return CourseStyle(
        protocol=protocol,
        modality=modality,
        pain=pain,
        nrs_start=rng.randint(4, 8),
        nrs_gain=rng.uniform(0.2, 0.45) if responder else rng.uniform(0.0, 0.05),
        fahrenheit=group is ModalityGroup.GENERAL and rng.random() < 0.1,
        target_s=rng.choices((150, 180, 210), weights=(45, 50, 5))[0],
        set_temp_c=_course_temp(modality, protocol, rng),
        skin_method=rng.choices(("infrared", "contact", "thermography"), (70, 15, 15))[0],
        device=rng.choice(texts.DEVICES[modality]),
        hour=rng.randint(8, 18),
        sites=texts.sites(protocol, modality, rng),
    )


def _course_temp(modality: str, protocol: str, rng: random.Random) -> float:
    if modality == "wbc_chamber":
        return float(rng.choice((-110, -115, -120, -120, -125, -130, -135)))
    if modality == "cryosauna_n2":
        return float(rng.choice((-130, -140, -150, -160)))
    if modality == "ln2_applicator":
        return -196.0
    if modality == "ln2_spray":
        sensitive = protocol == "cryopeeling" and rng.random() < 0.3
        return float(rng.choice((-60, -70, -80)) if sensitive else rng.choice((-150, -160, -180)))
    if modality == "cold_air":
        return float(rng.choice((-30, -32, -35, -40)))
    if modality == "co2":
        return float(rng.choice((-78, -75, -70)))
    if modality == "cold_pack":
        return float(rng.choice((-18, -10, 0, 4)))
    if modality == "ice_massage":
        return 0.0
    return float(rng.choice((8, 10, 12, 15)))  # cold_bath


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def general_duration(style: CourseStyle, index: int, previous: int | None) -> int:
    """The chamber ramp: about 1 → 2 → 3 minutes, never more than 60 s above the last."""
    if previous is None:
        return 60 if style.target_s >= 150 else 90
    return min(previous + 60, style.target_s)


def session_row(
    style: CourseStyle,
    profile: Profile,
    index: int,
    previous_s: int | None,
    rng: random.Random,
) -> tuple[Row, list[Row], list[Row]]:
    """Columns of one session (no ids, no times) with its areas and pain zones."""
    spec = MODALITIES[style.modality]
    general = spec.group is ModalityGroup.GENERAL
    row: Row = {"modality": style.modality, "device": style.device, "applicator": ""}
    _temperatures(row, style, rng)
    if general:
        row["duration_s"] = general_duration(style, index, previous_s)
        areas: list[Row] = []
    else:
        areas, row["duration_s"] = _local_work(style, rng)
    _vitals(row, profile, general or rng.random() < 0.3, rng)
    _skin(row, style, rng)
    _pain(row, style, index, rng)
    zones = _zones(row, style, rng) if style.pain and rng.random() < 0.4 else []
    _checklist(row, style.modality, general)
    row["direct_skin_contact"] = (rng.random() < 0.05) if style.modality == "cold_pack" else None
    row["reactions"] = rng.choice(texts.REACTIONS[spec.group.value])
    row["aborted"] = False
    row["abort_reason"] = ""
    row["notes"] = rng.choice(texts.SESSION_NOTES) if rng.random() < 0.05 else ""
    return row, areas, zones


def _temperatures(row: Row, style: CourseStyle, rng: random.Random) -> None:
    spec = MODALITIES[style.modality]
    set_c = style.set_temp_c
    if style.modality in ("ice_massage", "cold_pack") and rng.random() < 0.4:
        row.update(set_temp_c=None, measured_temp_c=None, temp_unit_entered="C")
        return
    unit = "C"
    if style.fahrenheit:
        set_c = to_celsius(round(c_to_f(set_c)), "F")
        unit = "F"
    measured: float | None = None
    if spec.group is ModalityGroup.GENERAL:
        measured = round(_clamp(set_c + rng.uniform(3, 14), spec.temp_min_c, spec.temp_max_c), 1)
    row.update(set_temp_c=set_c, measured_temp_c=measured, temp_unit_entered=unit)


def _vitals(row: Row, profile: Profile, record: bool, rng: random.Random) -> None:
    keys = [f"{v}_{p}" for p in ("pre", "post") for v in ("bp", "hr", "spo2")]
    keys = [k for k in keys if not k.startswith("bp")] + [
        f"bp_{p}_{s}" for p in ("pre", "post") for s in ("sys", "dia")
    ]
    if not record:
        row.update(dict.fromkeys(keys))
        return
    sys_pre = int(_clamp(profile.bp_sys + rng.gauss(0, 6), 95, 158))
    dia_pre = int(_clamp(profile.bp_dia + rng.gauss(0, 4), 55, min(98, sys_pre - 25)))
    hr_pre = int(_clamp(profile.hr + rng.gauss(0, 5), 48, 110))
    row.update(
        bp_pre_sys=sys_pre,
        bp_pre_dia=dia_pre,
        hr_pre=hr_pre,
        spo2_pre=rng.randint(95, 99),
        bp_post_sys=sys_pre + rng.randint(0, 12),
        bp_post_dia=dia_pre + rng.randint(0, 6),
        hr_post=int(_clamp(hr_pre + rng.randint(-8, 6), 45, 120)),
        spo2_post=rng.randint(94, 99),
    )


_SKIN_AFTER = {
    "wbc_chamber": (12.0, 19.5),
    "cryosauna_n2": (12.0, 19.0),
    "ln2_applicator": (2.0, 10.0),
    "ln2_spray": (1.0, 9.0),
    "cold_air": (8.0, 15.5),
    "co2": (3.0, 12.0),
    "ice_massage": (9.0, 15.0),
    "cold_pack": (11.0, 19.0),
    "cold_bath": (12.0, 19.0),
}


def _skin(row: Row, style: CourseStyle, rng: random.Random) -> None:
    if rng.random() < 0.2:
        row.update(skin_temp_before_c=None, skin_temp_after_c=None, skin_temp_method=None)
        return
    before = round(rng.uniform(31.0, 34.5), 1)
    low, high = _SKIN_AFTER[style.modality]
    row.update(
        skin_temp_before_c=before,
        skin_temp_after_c=round(rng.uniform(low, high), 1),
        skin_temp_method=style.skin_method,
    )


def _pain(row: Row, style: CourseStyle, index: int, rng: random.Random) -> None:
    if not style.pain:
        row.update(nrs_pre=None, nrs_post=None)
        return
    level = style.nrs_start - style.nrs_gain * index + rng.uniform(-0.6, 0.6)
    pre = int(_clamp(round(level), 0, 10))
    row.update(nrs_pre=pre, nrs_post=max(0, pre - rng.choice((0, 1, 1, 2, 2, 3))))


def _zones(row: Row, style: CourseStyle, rng: random.Random) -> list[Row]:
    zones = rng.sample(texts.PAIN_ZONES, rng.randint(1, 2))
    result = []
    for zone in zones:
        pre = int(_clamp(row["nrs_pre"] + rng.randint(-1, 1), 0, 10))
        result.append({"zone": zone, "nrs_pre": pre, "nrs_post": max(0, pre - rng.randint(0, 3))})
    return result


def _checklist(row: Row, modality: str, general: bool) -> None:
    mark = True if general else None
    for item in ("dry_skin", "no_lotion", "no_metal", "protective_gear"):
        row[f"chk_{item}"] = mark
    row["chk_oxygen_monitor"] = True if modality == "cryosauna_n2" else None


def _area(site: str, kind: str, dm2: float, passes: int | None, exposure: int) -> Row:
    return {"site": site, "kind": kind, "area_dm2": round(dm2, 2), "passes": passes,
            "exposure_s": exposure}  # fmt: skip


def _local_work(style: CourseStyle, rng: random.Random) -> tuple[list[Row], int]:
    """The treated areas of a local session and its total duration."""
    maker = _AREA_MAKERS.get(style.protocol, _plain_areas)
    areas = maker(style, rng)
    exposure = sum(a["exposure_s"] for a in areas)
    if style.protocol == "alopecia":  # 3–5 s per spot, 10–20 min for the whole scalp
        return areas, rng.randint(600, 1200)
    return areas, int(min(7200, exposure + rng.choice((0, 0, 15, 30, 60))))


def _plain_areas(style: CourseStyle, rng: random.Random) -> list[Row]:
    site = style.sites[0]
    if style.modality == "ln2_spray":  # about 2–3 min per dm²
        dm2 = rng.uniform(1.5, 2.5)
        per_dm2 = rng.uniform(185, 200) if rng.random() < 0.02 else rng.uniform(110, 170)
        return [_area(site, "area", dm2, rng.randint(2, 4), round(dm2 * per_dm2))]
    low, high = {
        "cold_air": (240, 420), "co2": (90, 240), "ice_massage": (300, 600),
        "cold_pack": (600, 1200), "cold_bath": (300, 900),
    }[style.modality]  # fmt: skip
    exposure = rng.randint(low, high)
    if style.modality == "cold_pack" and rng.random() < 0.03:
        exposure = rng.randint(1260, 1500)
    return [_area(site, "area", rng.uniform(1.0, 8.0), None, exposure)]


def _face_areas(style: CourseStyle, rng: random.Random) -> list[Row]:
    lo, hi = {"cryopeeling": (300, 720), "acne": (600, 1200), "rosacea": (240, 480)}[style.protocol]
    areas = []
    for site in style.sites:
        dm2 = rng.uniform(2.5, 4.0)
        exposure = rng.randint(lo, hi) // len(style.sites)
        if style.modality == "ln2_spray":
            exposure = min(exposure, round(dm2 * rng.uniform(110, 175)))
        areas.append(_area(site, "area", dm2, rng.randint(2, 3), exposure))
    if style.protocol in ("acne", "rosacea"):
        longest = 30 if style.protocol == "acne" else 15
        for spot in rng.sample(texts.SPOTS, rng.randint(0, 3)):
            seconds = rng.randint(5, longest)
            if style.protocol == "rosacea" and rng.random() < 0.03:
                seconds = rng.randint(16, 20)
            areas.append(_area(spot, "spot", rng.uniform(0.02, 0.1), 1, seconds))
    return areas


def _scalp_areas(style: CourseStyle, rng: random.Random) -> list[Row]:
    areas = []
    for site in style.sites:
        seconds = rng.randint(6, 8) if rng.random() < 0.01 else rng.randint(3, 5)
        areas.append(_area(site, "area", rng.uniform(1.0, 2.5), rng.randint(20, 45), seconds))
    return areas


def _patch_areas(style: CourseStyle, rng: random.Random) -> list[Row]:
    areas = []
    for site in style.sites:
        seconds = rng.randint(125, 150) if rng.random() < 0.02 else rng.randint(60, 120)
        areas.append(_area(site, "patch", rng.uniform(0.03, 0.4), rng.randint(3, 8), seconds))
    return areas


_AREA_MAKERS = {
    "cryopeeling": _face_areas,
    "acne": _face_areas,
    "rosacea": _face_areas,
    "alopecia": _scalp_areas,
    "alopecia_areata": _patch_areas,
}
