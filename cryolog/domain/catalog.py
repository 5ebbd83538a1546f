"""The clinical catalog: modalities, the condition catalog and the protocol library.

This module is the one place where the product's clinical reference data lives (domain.md
§2, §4 and §5). Everything else looks modalities, conditions and protocols up here, so a
catalog change is a data change. ``CATALOG_VERSION`` is stored with every screening so an
old questionnaire is always read against the catalog it was answered with.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

CATALOG_VERSION = 1


class ModalityGroup(StrEnum):
    GENERAL = "general"
    LOCAL_EXTREME = "local_extreme"
    LOCAL_MODERATE = "local_moderate"


class Scope(StrEnum):
    """Which modality groups a screening condition applies to."""

    ALL = "all"
    GENERAL = "general"
    LOCAL = "local"

    def covers(self, group: ModalityGroup) -> bool:
        if self is Scope.ALL:
            return True
        if self is Scope.GENERAL:
            return group is ModalityGroup.GENERAL
        return group is not ModalityGroup.GENERAL


class ConditionLevel(StrEnum):
    ABSOLUTE = "absolute"
    RELATIVE = "relative"


@dataclass(frozen=True, slots=True)
class Modality:
    id: str
    group: ModalityGroup
    label: str
    temp_min_c: float
    temp_max_c: float

    @property
    def needs_temperature(self) -> bool:
        """Moderate cold (ice, packs, baths) may be recorded without a temperature."""
        return self.group is not ModalityGroup.LOCAL_MODERATE

    @property
    def max_duration_s(self) -> int:
        return 600 if self.group is ModalityGroup.GENERAL else 7200


@dataclass(frozen=True, slots=True)
class Condition:
    id: str
    label: str
    scope: Scope
    level: ConditionLevel


@dataclass(frozen=True, slots=True)
class Protocol:
    id: str
    label: str
    indication: str
    modalities: tuple[str, ...]  # empty = any modality
    sessions_min: int | None
    sessions_max: int | None
    frequency: str
    notes: str
    max_sessions: int | None
    min_interval_days: int | None
    max_per_7_days: int | None
    break_days: int | None
    max_courses_365: int | None

    def allows(self, modality_id: str) -> bool:
        return not self.modalities or modality_id in self.modalities


MODALITIES: dict[str, Modality] = {
    m.id: m
    for m in (
        Modality("wbc_chamber", ModalityGroup.GENERAL, "Whole-body cryo chamber", -196, -20),
        Modality("cryosauna_n2", ModalityGroup.GENERAL, "Nitrogen cryosauna", -196, -20),
        Modality(
            "ln2_applicator", ModalityGroup.LOCAL_EXTREME, "Liquid-nitrogen applicator", -196, -50
        ),
        Modality("ln2_spray", ModalityGroup.LOCAL_EXTREME, "Cryo-spray (nitrogen jet)", -196, -50),
        Modality("cold_air", ModalityGroup.LOCAL_EXTREME, "Cold-air device", -60, -10),
        Modality("co2", ModalityGroup.LOCAL_EXTREME, "Carbon dioxide (snow or jet)", -80, -50),
        Modality("ice_massage", ModalityGroup.LOCAL_MODERATE, "Ice massage", -20, 5),
        Modality("cold_pack", ModalityGroup.LOCAL_MODERATE, "Cold pack / compress", -20, 15),
        Modality("cold_bath", ModalityGroup.LOCAL_MODERATE, "Local cold bath", 0, 15),
    )
}


def _c(cid: str, label: str, scope: Scope, level: ConditionLevel) -> Condition:
    return Condition(cid, label, scope, level)


_A, _R = ConditionLevel.ABSOLUTE, ConditionLevel.RELATIVE
_ALL, _GEN = Scope.ALL, Scope.GENERAL

CONDITIONS: dict[str, Condition] = {
    c.id: c
    for c in (
        _c("respiratory_disease", "Respiratory disease", _GEN, _A),
        _c("myocardial_infarction_6m", "Heart attack in the last 6 months", _GEN, _A),
        _c("heart_attack_history", "Heart attack (earlier)", _GEN, _R),
        _c("cardiovascular_disease", "Cardiovascular disease", _GEN, _A),
        _c("hypertension_uncontrolled", "Uncontrolled hypertension", _GEN, _A),
        _c("hypertension_controlled", "Controlled hypertension", _GEN, _R),
        _c("dvt_circulatory", "Deep vein thrombosis, circulatory disorders", _ALL, _A),
        _c("seizures", "Seizures", _GEN, _A),
        _c("bleeding_disorder", "Bleeding disorder", _GEN, _A),
        _c("stroke_history", "Stroke", _GEN, _A),
        _c("kidney_disease", "Kidney disease", _GEN, _R),
        _c("pacemaker_or_metal_implant", "Pacemaker or metal implant", _GEN, _A),
        _c("diabetes", "Diabetes", _ALL, _R),
        _c("pregnancy", "Pregnancy", _GEN, _A),
        _c("cold_urticaria", "Cold urticaria", _ALL, _A),
        _c("raynaud", "Raynaud's phenomenon", _ALL, _A),
        _c("cryoglobulinemia_cold_agglutinins", "Cryoglobulinaemia, cold agglutinins", _ALL, _A),
        _c("claustrophobia", "Claustrophobia", _GEN, _R),
        _c("fever_or_acute_infection", "Fever or acute infection", _ALL, _A),
        _c("open_wound_at_site", "Open wound at the treatment site", _ALL, _A),
    )
}

_LN2 = ("ln2_applicator",)

# fmt: off
PROTOCOLS: dict[str, Protocol] = {
    p.id: p
    for p in (
        Protocol(
            "cryopeeling", "Cryopeeling", "Dehydrated skin, post-acne, after surgery or burns",
            ("ln2_applicator", "ln2_spray"), 5, 15, "1–2 per week", "Until peeling",
            15, 3, 2, None, None,
        ),
        Protocol(
            "acne", "Acne", "Acne (incl. phlegmonous, conglobate, keloid)", _LN2, 10, 15,
            "2 per week", "2–3 passes of 5–10 min; deep freeze of single infiltrates",
            15, 3, 2, None, None,
        ),
        Protocol(
            "rosacea", "Rosacea", "Rosacea", _LN2, 10, 15, "1–2 per week",
            "Nodules and pustules frozen 10–15 s at most", 15, 3, 2, None, None,
        ),
        Protocol(
            "alopecia", "Alopecia (seborrhoea)", "Seborrhoea of the scalp with hair loss", _LN2,
            15, 20, "Every 2–3 days",
            "3–5 s per area, 10–20 min whole scalp; 1-month break; 2–3 courses",
            20, 2, 4, 30, 3,
        ),
        Protocol(
            "alopecia_areata", "Alopecia areata", "Alopecia areata", _LN2, 15, 20,
            "Every 2–3 days",
            "Bald patch only, 1–2 min intermittently; 1-month break; 2–3 courses",
            20, 2, 4, 30, 3,
        ),
        Protocol(
            "wbc_course", "Whole-body course", "Pain, rheumatic disease, recovery",
            ("wbc_chamber", "cryosauna_n2"), 10, 20, "At most 1 per day", "Ramp 1 → 2 → 3 min",
            20, 1, 7, None, None,
        ),
        Protocol(
            "local_pain", "Local pain", "Neck or back pain, muscle spasm",
            ("cold_air", "ln2_spray", "co2"), 5, 10, "At most 1 per day", "About 5 min",
            10, 1, 7, None, None,
        ),
        Protocol(
            "custom", "Custom", "Anything else", (), None, None, "Set by the practitioner", "",
            None, None, None, None, None,
        ),
    )
}
# fmt: on


def modality(modality_id: str) -> Modality:
    """The modality with this id; ``KeyError`` names the unknown id."""
    try:
        return MODALITIES[modality_id]
    except KeyError:
        raise KeyError(f"unknown modality {modality_id!r}") from None


def protocol(protocol_id: str) -> Protocol:
    try:
        return PROTOCOLS[protocol_id]
    except KeyError:
        raise KeyError(f"unknown protocol {protocol_id!r}") from None


def group_of(modality_id: str) -> ModalityGroup:
    return modality(modality_id).group
