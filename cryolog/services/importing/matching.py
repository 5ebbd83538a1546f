"""Is this imported person already a patient? Same name and birth date (case and accents
ignored; a missing middle name matches any), or the same phone number (its last ten
digits, so +7 912 … and 8 912 … agree).

One small function on purpose: the registration form's duplicate check can take its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from cryolog.db.models import Patient
from cryolog.domain.text import digits, fold

PHONE_DIGITS = 10
MIN_PHONE_DIGITS = 7


@dataclass(frozen=True, slots=True)
class Candidate:
    family_name: str
    given_name: str
    middle_name: str
    birth_date: date
    phone: str


def phone_key(phone: str) -> str:
    """The digits two numbers of the same phone share; '' when too short to tell."""
    found = digits(phone)
    return found[-PHONE_DIGITS:] if len(found) >= MIN_PHONE_DIGITS else ""


def name_key(family: str, given: str) -> tuple[str, str]:
    return fold(family).strip(), fold(given).strip()


def middle_agrees(a: str, b: str) -> bool:
    return not a.strip() or not b.strip() or fold(a).strip() == fold(b).strip()


_KEY_COLUMNS = (
    Patient.id,
    Patient.family_name,
    Patient.given_name,
    Patient.middle_name,
    Patient.birth_date,
    Patient.phone_digits,
)
Known = tuple[int, str, str, str, date, str]


def _matches(known: Known, c: Candidate) -> bool:
    _, family, given, middle, born, phone_digits = known
    key = phone_key(c.phone)
    if key and phone_key(phone_digits) == key:
        return True
    return (
        born == c.birth_date
        and name_key(family, given) == name_key(c.family_name, c.given_name)
        and middle_agrees(middle, c.middle_name)
    )


def same_person_ids(session: Session, c: Candidate) -> list[int]:
    """Ids of patients (archived ones too) who are probably the person ``c`` describes."""
    conditions = [Patient.birth_date == c.birth_date]
    key = phone_key(c.phone)
    if key:
        reversed_key = key[::-1]
        conditions.append(
            (Patient.phone_digits_rev >= reversed_key)
            & (Patient.phone_digits_rev < reversed_key + ":")  # ':' sorts after '9'
        )
    rows = session.execute(select(*_KEY_COLUMNS).where(or_(*conditions)))
    return sorted(int(r[0]) for r in rows if _matches(tuple(r), c))  # type: ignore[arg-type]


class PatientIndex:
    """Every patient's matching keys, read once: ``same_person_ids`` for a whole list
    without one query per row."""

    def __init__(self, session: Session) -> None:
        self._by_birth: dict[date, list[Known]] = {}
        self._by_phone: dict[str, list[Known]] = {}
        for row in session.execute(select(*_KEY_COLUMNS)):
            known: Known = (int(row[0]), row[1], row[2], row[3], row[4], row[5])
            self._by_birth.setdefault(known[4], []).append(known)
            key = phone_key(known[5])
            if key:
                self._by_phone.setdefault(key, []).append(known)

    def same_person_ids(self, c: Candidate) -> list[int]:
        nearby = self._by_birth.get(c.birth_date, []) + self._by_phone.get(phone_key(c.phone), [])
        return sorted({k[0] for k in nearby if _matches(k, c)})
