"""Register, edit, archive and restore patients."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cryolog.db.models import (
    Patient,
    PatientNamePrefix,
    PatientNameToken,
    PatientPhoneKey,
    Practice,
)
from cryolog.domain.phone import index_keys
from cryolog.domain.reasons import check_reason
from cryolog.domain.schemas import PatientInput
from cryolog.domain.text import digits, fold, name_prefixes, name_tokens
from cryolog.services import audit
from cryolog.services.base import Payload, Service
from cryolog.services.dto import PatientDTO, from_row
from cryolog.services.duplicates import PatientMatch, PossibleDuplicatePatient, patient_matches
from cryolog.services.languages import check_handout_language


def patient_dto(row: Patient) -> PatientDTO:
    return from_row(PatientDTO, row)


def search_columns(family: str, given: str, middle: str, phone: str) -> dict[str, str]:
    """The derived search columns of a patient row."""
    phone_digits = digits(phone)
    return {
        "search_name": fold(" ".join((family, given, middle))),
        "phone_digits": phone_digits,
        "phone_digits_rev": phone_digits[::-1],
    }


def add_patients(session: Session, values: Sequence[Mapping[str, Any]]) -> list[Patient]:
    """Insert patients (validated ``PatientInput`` values) with every row derived from them:
    the search columns, the name tokens and the phone index. Registering one patient and
    importing a list both come here, with two flushes however long the list."""
    region = practice_region(session)
    for code in sorted({str(data.get("handout_language", "en")) for data in values}):
        check_handout_language(session, code, "handout_language")
    rows = []
    for data in values:
        row = Patient(**data)
        for key, value in search_columns(
            row.family_name, row.given_name, row.middle_name, row.phone
        ).items():
            setattr(row, key, value)
        rows.append(row)
    session.add_all(rows)
    session.flush()
    for row in rows:
        add_name_keys(session, row)
        add_phone_keys(session, row.id, row.phone, region)
    session.flush()
    return rows


def add_name_keys(session: Session, row: Patient) -> None:
    """The name tokens and the name prefixes of a flushed patient row."""
    tokens = name_tokens(row.family_name, row.given_name, row.middle_name)
    session.add_all(PatientNameToken(patient_id=row.id, token=t) for t in sorted(tokens))
    session.add_all(
        PatientNamePrefix(prefix=p, search_name=row.search_name, patient_id=row.id)
        for p in name_prefixes(tokens)
    )


def _drop_name_keys(session: Session, patient_id: int) -> None:
    """Remove a patient's tokens and prefixes, the prefixes by their whole key (the table has
    no index on the patient alone): the stored tokens and sort key say which they are."""
    old_tokens = set(
        session.scalars(
            select(PatientNameToken.token).where(PatientNameToken.patient_id == patient_id)
        )
    )
    old_sort = session.scalar(select(Patient.search_name).where(Patient.id == patient_id))
    if old_tokens and old_sort is not None:
        session.execute(
            delete(PatientNamePrefix).where(
                PatientNamePrefix.prefix.in_(name_prefixes(old_tokens)),
                PatientNamePrefix.search_name == old_sort,
                PatientNamePrefix.patient_id == patient_id,
            )
        )
    session.execute(delete(PatientNameToken).where(PatientNameToken.patient_id == patient_id))


def refresh_search_keys(session: Session, row: Patient) -> None:
    """Rewrite the derived search columns, name tokens and prefixes of a flushed patient row."""
    with session.no_autoflush:
        _drop_name_keys(session, row.id)
    for key, value in search_columns(
        row.family_name, row.given_name, row.middle_name, row.phone
    ).items():
        setattr(row, key, value)
    add_name_keys(session, row)
    refresh_phone_keys(session, row.id, row.phone, practice_region(session))


def practice_region(session: Session) -> str:
    """The practice's country: the region of numbers typed without "+" ('' when not set)."""
    return session.scalar(select(Practice.country).where(Practice.id == 1)) or ""


def refresh_phone_keys(session: Session, patient_id: int, phone: str, region: str) -> None:
    session.execute(delete(PatientPhoneKey).where(PatientPhoneKey.patient_id == patient_id))
    add_phone_keys(session, patient_id, phone, region)


def add_phone_keys(session: Session, patient_id: int, phone: str, region: str) -> None:
    session.add_all(
        PatientPhoneKey(patient_id=patient_id, key=key, whole=whole)
        for key, whole in sorted(index_keys(phone, region).items())
    )


def reindex_phones(session: Session, region: str) -> None:
    """Rebuild every patient's phone keys (the practice's country changed)."""
    session.execute(delete(PatientPhoneKey))
    for pid, phone in session.execute(select(Patient.id, Patient.phone).where(Patient.phone != "")):
        session.add_all(
            PatientPhoneKey(patient_id=pid, key=key, whole=whole)
            for key, whole in index_keys(phone, region).items()
        )


class PatientService(Service):
    def register(
        self, data: Payload, *, allow_duplicate: bool = False, reason: str = ""
    ) -> PatientDTO:
        """Register a patient. Unless ``allow_duplicate``, a patient who is probably already
        on file (see services/duplicates.py) stops it with PossibleDuplicatePatient.
        ``reason`` goes into the audit entry (an import names its file and row)."""
        values = self.validate(PatientInput, data)
        with self.write() as session:
            check_handout_language(session, values.handout_language, "handout_language")
            if not allow_duplicate:
                self._refuse_duplicates(session, values)
            (row,) = add_patients(session, [values.model_dump()])
            audit.write(
                session,
                self.actor,
                "create",
                "patient",
                row.id,
                row.id,
                reason=reason,
            )
            return patient_dto(row)

    def edit(
        self,
        patient_id: int,
        data: Payload,
        *,
        expected_version: int | None = None,
        reason: str = "",
    ) -> PatientDTO:
        """Change a patient's details; a change needs a reason (``check_reason``)."""
        values = self.validate(PatientInput, data)
        with self.write() as session:
            row = self.get(session, Patient, patient_id)
            self.check_version(row, expected_version, values.model_dump())
            before = audit.snapshot(row)
            check_handout_language(session, values.handout_language, "handout_language")
            for key, value in values.model_dump().items():
                setattr(row, key, value)
            after = audit.snapshot(row)
            if after == before:
                return patient_dto(row)
            reason = check_reason(reason)  # a saved record changes only with a reason
            refresh_search_keys(session, row)
            session.flush()
            audit.write(
                session,
                self.actor,
                "update",
                "patient",
                row.id,
                row.id,
                before,
                reason=reason,
            )
            return patient_dto(row)

    def archive(self, patient_id: int, reason: str) -> PatientDTO:
        with self.write() as session:
            row = self.get(session, Patient, patient_id)
            self.archive_row(session, row, "patient", row.id, reason)
            return patient_dto(row)

    def restore(self, patient_id: int, reason: str = "") -> PatientDTO:
        reason = check_reason(reason)
        with self.write() as session:
            row = self.get(session, Patient, patient_id)
            before = audit.snapshot(row)
            row.archived_at = None
            row.archive_reason = None
            session.flush()
            audit.write(
                session,
                self.actor,
                "restore",
                "patient",
                row.id,
                row.id,
                before,
                reason=reason,
            )
            return patient_dto(row)

    def _refuse_duplicates(self, session: Session, values: PatientInput) -> None:
        found = patient_matches(
            session,
            values.family_name,
            values.given_name,
            values.birth_date,
            values.phone,
            practice_region(session),
        )
        if found:
            raise PossibleDuplicatePatient(found)

    def matches(self, data: Payload, exclude_id: int | None = None) -> list[PatientMatch]:
        """Patients on file who are probably the one ``data`` describes."""
        values = self.validate(PatientInput, data)
        with self.read() as session:
            return patient_matches(
                session,
                values.family_name,
                values.given_name,
                values.birth_date,
                values.phone,
                practice_region(session),
                exclude_id=exclude_id,
            )

    def get_patient(self, patient_id: int) -> PatientDTO:
        with self.read() as session:
            return patient_dto(self.get(session, Patient, patient_id))
