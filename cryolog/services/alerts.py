"""The alert strip of the patient header: what stands between this patient and a session.

Computed with the same rule engine as the session form, over a case built from the stored
pre-treatment records (services.safety), for a probe session of the modality the patient is
most likely to get next. Only the rules about the patient (screening, clearance, consent,
cold tests, age, height) are shown: vitals, checklist and exposure belong to the session form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cryolog.db.models import Course, Patient, TreatmentSession
from cryolog.domain.catalog import modality, protocol
from cryolog.domain.enums import CourseStatus, FindingLevel
from cryolog.domain.messages import Ref
from cryolog.domain.rules import case as rc
from cryolog.domain.rules import evaluate
from cryolog.domain.rules.engine import PATIENT_RULE_IDS
from cryolog.services.base import Service
from cryolog.services.safety import (
    _clearance,
    _cold_tests,
    _consent,
    _screening,
    load_thresholds,
)

DEFAULT_MODALITY = "ln2_applicator"
"""Without a course or a past session: local extreme cold, which needs no clearance."""


@dataclass(frozen=True, slots=True)
class Alert:
    rule: str
    level: FindingLevel
    message: str

    @property
    def blocks(self) -> bool:
        """Red: this blocks a session (a hard stop)."""
        return self.level is FindingLevel.HARD_STOP


@dataclass(frozen=True, slots=True)
class PatientAlerts:
    modality: str
    alerts: tuple[Alert, ...]

    @property
    def red(self) -> tuple[Alert, ...]:
        return tuple(a for a in self.alerts if a.level is FindingLevel.HARD_STOP)

    @property
    def amber(self) -> tuple[Alert, ...]:
        return tuple(a for a in self.alerts if a.level is FindingLevel.WARNING)


def likely_modality(session: Session, patient_id: int) -> str:
    """The modality of the newest open course's protocol, else of the last session."""
    # the patient's few courses on the patient index, the open one picked here: with the
    # status in the query SQLite walks every open course of the practice (its status index)
    courses = session.execute(
        select(Course.id, Course.protocol_id, Course.status)
        .where(Course.patient_id == patient_id, Course.archived_at.is_(None))
        .order_by(Course.started_on.desc(), Course.id.desc())
    ).all()
    course = next((c for c in courses if c.status == CourseStatus.OPEN.value), None)
    last_query = (
        select(TreatmentSession.modality)
        .where(TreatmentSession.patient_id == patient_id, TreatmentSession.archived_at.is_(None))
        .order_by(TreatmentSession.started_at.desc())
        .limit(1)
    )
    if course is not None:
        last_query = last_query.where(TreatmentSession.course_id == course.id)
    last = session.scalars(last_query).first()
    if last is not None:
        return last
    if course is not None and protocol(course.protocol_id).modalities:
        return protocol(course.protocol_id).modalities[0]
    return DEFAULT_MODALITY


def probe_case(session: Session, patient: Patient, modality_id: str, as_of: datetime) -> rc.Case:
    """A case whose proposed session is a bare one of ``modality_id`` on ``as_of``."""
    day = as_of.date()
    return rc.Case(
        as_of=as_of,
        patient=rc.Patient(patient.birth_date, patient.height_cm),
        session=rc.ProposedSession(modality=modality_id, duration_s=1),
        screening=_screening(session, patient.id, day),
        clearance=_clearance(session, patient.id, day),
        consent=_consent(session, patient.id, day),
        cold_tests=_cold_tests(session, patient.id, day),
        settings=load_thresholds(session),
    )


class AlertService(Service):
    def alerts(
        self, patient_id: int, modality_id: str | None = None, as_of: datetime | None = None
    ) -> PatientAlerts:
        """Red and amber alerts for a session of ``modality_id`` (default: the likely one)."""
        as_of = as_of or datetime.now()
        if modality_id is not None:
            modality(modality_id)  # KeyError names an unknown id
        with self.read() as session:
            patient = self.get(session, Patient, patient_id)
            chosen = modality_id or likely_modality(session, patient_id)
            findings = evaluate(probe_case(session, patient, chosen, as_of))
        alerts = tuple(
            Alert(f.rule, f.level, f.message)
            for f in findings
            if f.rule in PATIENT_RULE_IDS and f.level is not FindingLevel.INFO
        )
        return PatientAlerts(chosen, alerts)


def group_label(modality_id: str) -> str:
    """The modality's group in words ("whole-body"), in the language of the day."""
    return Ref("modality_group", modality(modality_id).group.value).render()
