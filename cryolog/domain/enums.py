"""Closed vocabularies of the clinical record."""

from __future__ import annotations

from enum import StrEnum


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class ColdTestKind(StrEnum):
    ICE_CUBE = "ice_cube"
    COLD_PRESSOR = "cold_pressor"
    TEMP_THRESHOLD = "temp_threshold"


class IceCubeResult(StrEnum):
    NEGATIVE = "negative"
    ERYTHEMA_ONLY = "erythema_only"
    WHEAL = "wheal"
    SYSTEMIC = "systemic"

    @property
    def positive(self) -> bool:
        return self in (IceCubeResult.WHEAL, IceCubeResult.SYSTEMIC)


class CourseStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    STOPPED = "stopped"


class AreaKind(StrEnum):
    AREA = "area"
    SPOT = "spot"
    PATCH = "patch"


class SkinTempMethod(StrEnum):
    INFRARED = "infrared"
    CONTACT = "contact"
    THERMOGRAPHY = "thermography"


class AdverseEventType(StrEnum):
    ERYTHEMA = "erythema"
    PARESTHESIA = "paresthesia"
    NUMBNESS_OVER_24H = "numbness_over_24h"
    BLISTER_COLD_BURN = "blister_cold_burn"
    FROSTBITE = "frostbite"
    URTICARIA = "urticaria"
    PANNICULITIS = "panniculitis"
    SYNCOPE_HYPOXIA = "syncope_hypoxia"
    BP_SPIKE = "bp_spike"
    NERVE_INJURY = "nerve_injury"


class Severity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class AssessmentKind(StrEnum):
    NRS = "nrs"
    DLQI = "dlqi"
    PASI = "pasi"
    IGA = "iga"
    SALT = "salt"
    LESION_COUNT = "lesion_count"


class FindingLevel(StrEnum):
    HARD_STOP = "hard_stop"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"hard_stop": 0, "warning": 1, "info": 2}[self.value]


CHECKLIST_ITEMS: tuple[str, ...] = ("dry_skin", "no_lotion", "no_metal", "protective_gear")
"""Pre-session checklist for general sessions; cryosauna_n2 adds ``oxygen_monitor``."""

HANDOUT_LANGUAGES: tuple[str, ...] = ("en", "ru", "de")
"""Languages the bundled handout texts are written in (seeded by revision 0013). Which
languages are offered is data: the database's ``language`` table (services/languages.py)."""
