"""All mapped tables; importing this module registers them on ``Base.metadata``."""

from cryolog.db.base import Base
from cryolog.db.models.audit import AuditContent, AuditEntry, AuditSalt
from cryolog.db.models.cold_test import ColdTest
from cryolog.db.models.course import (
    Course,
    SessionArea,
    SessionFinding,
    SessionPainZone,
    TreatmentSession,
)
from cryolog.db.models.document import Document as Document
from cryolog.db.models.outcome import AdverseEvent, Assessment
from cryolog.db.models.patient import Patient, PatientNameToken
from cryolog.db.models.practice import ClinicalThreshold, Practice
from cryolog.db.models.screening import Clearance, Consent, Screening, ScreeningAnswer

__all__ = [
    "AdverseEvent",
    "Assessment",
    "AuditContent",
    "AuditEntry",
    "AuditSalt",
    "Base",
    "Clearance",
    "ClinicalThreshold",
    "ColdTest",
    "Consent",
    "Course",
    "Patient",
    "PatientNameToken",
    "Practice",
    "Screening",
    "ScreeningAnswer",
    "SessionArea",
    "SessionFinding",
    "SessionPainZone",
    "TreatmentSession",
]
