"""Is this patient or course already on record? One place for the matching rules.

A patient matches an existing one when the family and given names are the same once case
and accents are set aside and the birth date is the same, or when the phone number is the
same number (compared in its international form, so "8 912 …" and "+7 912 …" match).
Archived patients are matches too: the practitioner is offered to restore them rather
than register the same person twice. Registering and importing use this one rule
(``patient_matches`` for one person, ``PatientIndex`` with ``match_keys`` for a list).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cryolog.db.models import Course, Patient
from cryolog.db.models.phone import PatientPhoneKey
from cryolog.domain.enums import CourseStatus
from cryolog.domain.phone import whole_forms
from cryolog.domain.text import fold
from cryolog.services.dto import CourseDTO, PatientDTO, from_row


@dataclass(frozen=True, slots=True)
class PatientMatch:
    patient: PatientDTO
    same_name_and_birth: bool
    same_phone: bool

    @property
    def archived(self) -> bool:
        return self.patient.archived_at is not None


class PossibleDuplicatePatient(Exception):
    """Registering would likely create a second record of a patient already on file."""

    def __init__(self, matches: Sequence[PatientMatch]) -> None:
        names = ", ".join(m.patient.display_name for m in matches)
        super().__init__(f"Possibly already registered: {names}")
        self.matches = list(matches)


class PossibleDuplicateCourse(Exception):
    """The patient already has an open course of the same protocol."""

    def __init__(self, courses: Sequence[CourseDTO]) -> None:
        super().__init__("This patient already has an open course of this protocol.")
        self.courses = list(courses)


NameKey = tuple[tuple[str, ...], tuple[str, ...]]
MatchKey = tuple[object, ...]


def name_key(family: str, given: str) -> NameKey:
    """What two names must share to be the same person's: their words, case and accents
    set aside."""
    return tuple(fold(family).split()), tuple(fold(given).split())


def same_person(a_family: str, a_given: str, b_family: str, b_given: str) -> bool:
    return name_key(a_family, a_given) == name_key(b_family, b_given)


def match_keys(
    family_name: str, given_name: str, birth_date: date, phone: str, region: str
) -> list[MatchKey]:
    """The rule as keys: two people are probably one when they share a key (the name with
    the birth date, or a whole form of the phone number)."""
    keys: list[MatchKey] = [("name", name_key(family_name, given_name), birth_date)]
    keys += [("phone", whole) for whole in sorted(whole_forms(phone, region))]
    return keys


class PatientIndex:
    """Every patient's match keys, read once: ``patient_matches``'s rule for a whole list
    (an import) without queries per row. Archived patients are in it too."""

    def __init__(self, session: Session) -> None:
        self._ids: dict[MatchKey, set[int]] = {}
        names = select(Patient.id, Patient.family_name, Patient.given_name, Patient.birth_date)
        for pid, family, given, born in session.execute(names):
            self._ids.setdefault(("name", name_key(family, given), born), set()).add(pid)
        wholes = select(PatientPhoneKey.key, PatientPhoneKey.patient_id).where(
            PatientPhoneKey.whole.is_(True)
        )
        for key, pid in session.execute(wholes):
            self._ids.setdefault(("phone", key), set()).add(pid)

    def matching_ids(self, keys: Sequence[MatchKey]) -> list[int]:
        """Ids of the patients who share one of ``keys`` (see ``match_keys``)."""
        return sorted(set().union(*(self._ids.get(k, set()) for k in keys)))


def patient_matches(
    session: Session,
    family_name: str,
    given_name: str,
    birth_date: date,
    phone: str,
    region: str,
    *,
    exclude_id: int | None = None,
) -> list[PatientMatch]:
    """Every patient (archived ones too) who is probably the one described."""
    by_name = {
        p.id: p
        for p in session.scalars(select(Patient).where(Patient.birth_date == birth_date))
        if same_person(p.family_name, p.given_name, family_name, given_name)
    }
    by_phone: dict[int, Patient] = {}
    wholes = whole_forms(phone, region)
    if wholes:
        ids = session.scalars(
            select(PatientPhoneKey.patient_id)
            .where(PatientPhoneKey.key.in_(wholes), PatientPhoneKey.whole.is_(True))
            .distinct()
        )
        by_phone = {p.id: p for p in (session.get(Patient, i) for i in ids) if p is not None}
    found = {**by_phone, **by_name}
    found.pop(exclude_id or 0, None)
    return [
        PatientMatch(from_row(PatientDTO, p), p.id in by_name, p.id in by_phone)
        for p in sorted(found.values(), key=lambda p: (p.archived_at is not None, p.id))
    ]


def open_courses_like(session: Session, patient_id: int, protocol_id: str) -> list[CourseDTO]:
    """The patient's open, live courses of ``protocol_id``."""
    rows = session.scalars(
        select(Course).where(
            Course.patient_id == patient_id,
            Course.protocol_id == protocol_id,
            Course.status == CourseStatus.OPEN.value,
            Course.archived_at.is_(None),
        )
    )
    return [from_row(CourseDTO, c) for c in rows]
