"""Demo patients: identity, body measures, contact details and baseline vitals."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cryolog.domain.age import age_on
from cryolog.domain.enums import Sex
from cryolog.domain.text import name_tokens
from cryolog.services.demo.names import (
    CULTURE_WEIGHTS,
    CULTURES,
    address,
    email,
    fill_digits,
    person_name,
)
from cryolog.services.patients import search_columns

_NOTES = (
    "Prefers morning appointments.",
    "Hard of hearing: speak clearly, face the patient.",
    "Works night shifts; call after 14:00.",
    "Referred by the rheumatology department.",
    "Anxious about the cold; explain each step.",
)


@dataclass(frozen=True, slots=True)
class Profile:
    """What the clinical generators need to know about the patient."""

    birth_date: date
    female: bool
    height_cm: float | None
    bp_sys: int
    bp_dia: int
    hr: int

    def age_on(self, day: date) -> int:
        return age_on(self.birth_date, day)


def pick_culture(rng: random.Random) -> str:
    ids = list(CULTURE_WEIGHTS)
    return rng.choices(ids, weights=[CULTURE_WEIGHTS[i] for i in ids])[0]


def _birth_date(rng: random.Random, today: date, minor: bool) -> date:
    age = rng.randint(12, 16) if minor else round(rng.triangular(19, 86, 46))
    return today - timedelta(days=365 * age + rng.randrange(1, 360) + age // 4)


def _sex(rng: random.Random) -> Sex:
    roll = rng.random()
    if roll < 0.58:
        return Sex.FEMALE
    if roll < 0.98:
        return Sex.MALE
    return Sex.OTHER if roll < 0.99 else Sex.UNKNOWN


def _height(rng: random.Random, female: bool, minor: bool) -> float:
    mean = 158.0 if minor else (165.0 if female else 178.0)
    return float(max(140, min(205, round(rng.gauss(mean, 7.0)))))


def _weight(rng: random.Random, height_cm: float) -> float:
    bmi = max(17.5, min(42.0, rng.gauss(25.0, 4.0)))
    return round(bmi * (height_cm / 100) ** 2, 1)


def make_patient(
    rng: random.Random, today: date, *, culture_id: str | None = None, minor: bool | None = None
) -> tuple[dict[str, Any], set[str], Profile, str]:
    """One patient row (all columns but ids and timestamps), its name tokens and profile."""
    culture = CULTURES[culture_id or pick_culture(rng)]
    is_minor = rng.random() < 0.04 if minor is None else minor
    sex = _sex(rng)
    female = sex is Sex.FEMALE or (sex not in (Sex.MALE, Sex.FEMALE) and rng.random() < 0.5)
    name = person_name(culture, female, rng)
    height = _height(rng, female, is_minor)
    phone = fill_digits(culture.phone, rng) if rng.random() < 0.94 else ""
    row: dict[str, Any] = {
        "family_name": name.family,
        "given_name": name.given,
        "middle_name": name.middle,
        "birth_date": _birth_date(rng, today, is_minor),
        "sex": sex.value,
        "height_cm": height if rng.random() < 0.96 else None,
        "weight_kg": _weight(rng, height) if rng.random() < 0.95 else None,
        "phone": phone,
        "email": email(name, rng) if rng.random() < 0.75 else "",
        "address": address(culture, rng) if rng.random() < 0.6 else "",
        "notes": rng.choice(_NOTES) if rng.random() < 0.08 else "",
        "handout_language": culture.language,
    }
    row.update(search_columns(name.family, name.given, name.middle, phone))
    tokens = name_tokens(name.family, name.given, name.middle)
    profile = Profile(
        birth_date=row["birth_date"],
        female=female,
        height_cm=row["height_cm"],
        bp_sys=int(max(100, min(150, rng.gauss(124, 10)))),
        bp_dia=int(max(60, min(94, rng.gauss(79, 7)))),
        hr=int(max(52, min(95, rng.gauss(72, 8)))),
    )
    return row, tokens, profile, culture.id
