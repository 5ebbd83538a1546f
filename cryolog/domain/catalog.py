"""The clinical catalog: modalities, the condition catalog and the protocol library.

This module is the one place where the product's clinical reference data lives (domain.md
§2, §4 and §5). Everything else looks modalities, conditions and protocols up here, so a
catalog change is a data change. Their names and descriptions are words, kept in the
message catalogs (``modality.<id>``, ``condition.<id>``, ``protocol.<id>``,
``protocol_indication.<id>`` ...): ``label`` and the other texts are in the current
language. ``CATALOG_VERSION`` is stored with every screening so an old questionnaire is
always read against the catalog it was answered with.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cryolog.domain.messages import Ref

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
    temp_min_c: float
    temp_max_c: float

    @property
    def label(self) -> str:
        return Ref("modality", self.id).render()

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
    scope: Scope
    level: ConditionLevel

    @property
    def label(self) -> str:
        return Ref("condition", self.id).render()


@dataclass(frozen=True, slots=True)
class Protocol:
    id: str
    modalities: tuple[str, ...]  # empty = any modality
    sessions_min: int | None
    sessions_max: int | None
    max_sessions: int | None
    min_interval_days: int | None
    max_per_7_days: int | None
    break_days: int | None
    max_courses_365: int | None

    @property
    def label(self) -> str:
        return Ref("protocol", self.id).render()

    @property
    def indication(self) -> str:
        return Ref("protocol_indication", self.id).render()

    @property
    def frequency(self) -> str:
        return Ref("protocol_frequency", self.id).render()

    @property
    def notes(self) -> str:
        return Ref("protocol_notes", self.id).render()

    def allows(self, modality_id: str) -> bool:
        return not self.modalities or modality_id in self.modalities


MODALITIES: dict[str, Modality] = {
    m.id: m
    for m in (
        Modality("wbc_chamber", ModalityGroup.GENERAL, -196, -20),
        Modality("cryosauna_n2", ModalityGroup.GENERAL, -196, -20),
        Modality("ln2_applicator", ModalityGroup.LOCAL_EXTREME, -196, -50),
        Modality("ln2_spray", ModalityGroup.LOCAL_EXTREME, -196, -50),
        Modality("cold_air", ModalityGroup.LOCAL_EXTREME, -60, -10),
        Modality("co2", ModalityGroup.LOCAL_EXTREME, -80, -50),
        Modality("ice_massage", ModalityGroup.LOCAL_MODERATE, -20, 5),
        Modality("cold_pack", ModalityGroup.LOCAL_MODERATE, -20, 15),
        Modality("cold_bath", ModalityGroup.LOCAL_MODERATE, 0, 15),
    )
}


def _c(cid: str, scope: Scope, level: ConditionLevel) -> Condition:
    return Condition(cid, scope, level)


_A, _R = ConditionLevel.ABSOLUTE, ConditionLevel.RELATIVE
_ALL, _GEN = Scope.ALL, Scope.GENERAL

CONDITIONS: dict[str, Condition] = {
    c.id: c
    for c in (
        _c("respiratory_disease", _GEN, _A),
        _c("myocardial_infarction_6m", _GEN, _A),
        _c("heart_attack_history", _GEN, _R),
        _c("cardiovascular_disease", _GEN, _A),
        _c("hypertension_uncontrolled", _GEN, _A),
        _c("hypertension_controlled", _GEN, _R),
        _c("dvt_circulatory", _ALL, _A),
        _c("seizures", _GEN, _A),
        _c("bleeding_disorder", _GEN, _A),
        _c("stroke_history", _GEN, _A),
        _c("kidney_disease", _GEN, _R),
        _c("pacemaker_or_metal_implant", _GEN, _A),
        _c("diabetes", _ALL, _R),
        _c("pregnancy", _GEN, _A),
        _c("cold_urticaria", _ALL, _A),
        _c("raynaud", _ALL, _A),
        _c("cryoglobulinemia_cold_agglutinins", _ALL, _A),
        _c("claustrophobia", _GEN, _R),
        _c("fever_or_acute_infection", _ALL, _A),
        _c("open_wound_at_site", _ALL, _A),
    )
}

_LN2 = ("ln2_applicator",)

# id, modalities (empty: any), recommended sessions min/max, then the rule numbers:
# max sessions, min interval days, max per 7 days, break days, max courses in 365 days.
# fmt: off
PROTOCOLS: dict[str, Protocol] = {
    p.id: p
    for p in (
        Protocol("cryopeeling", ("ln2_applicator", "ln2_spray"), 5, 15, 15, 3, 2, None, None),
        Protocol("acne", _LN2, 10, 15, 15, 3, 2, None, None),
        Protocol("rosacea", _LN2, 10, 15, 15, 3, 2, None, None),
        Protocol("alopecia", _LN2, 15, 20, 20, 2, 4, 30, 3),
        Protocol("alopecia_areata", _LN2, 15, 20, 20, 2, 4, 30, 3),
        Protocol("wbc_course", ("wbc_chamber", "cryosauna_n2"), 10, 20, 20, 1, 7, None, None),
        Protocol("local_pain", ("cold_air", "ln2_spray", "co2"), 5, 10, 10, 1, 7, None, None),
        Protocol("custom", (), None, None, None, None, None, None, None),
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
