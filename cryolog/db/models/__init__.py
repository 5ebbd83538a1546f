"""All mapped tables; importing this module registers them on ``Base.metadata``."""

from cryolog.db.base import Base
from cryolog.db.models.appointment import (
    Appointment,
    AppointmentSeat,
    BookingPreference,
    BookingResource,
    BookingSettings,
    ClosedDay,
    OpeningInterval,
    StaffMinute,
)
from cryolog.db.models.audit import AuditContent, AuditEntry, AuditSalt
from cryolog.db.models.cold_test import ColdTest
from cryolog.db.models.course import (
    Course,
    SessionArea,
    SessionBPReading,
    SessionFinding,
    SessionPainZone,
    TreatmentSession,
)
from cryolog.db.models.course_due import CourseDue
from cryolog.db.models.document import Document as Document
from cryolog.db.models.language import Language
from cryolog.db.models.outcome import AdverseEvent, Assessment
from cryolog.db.models.patient import Patient, PatientNamePrefix, PatientNameToken
from cryolog.db.models.phone import PatientPhoneKey
from cryolog.db.models.practice import ClinicalThreshold, Practice
from cryolog.db.models.screening import Clearance, Consent, Screening, ScreeningAnswer

__all__ = [
    "AdverseEvent",
    "Appointment",
    "AppointmentSeat",
    "Assessment",
    "AuditContent",
    "AuditEntry",
    "AuditSalt",
    "Base",
    "BookingPreference",
    "BookingResource",
    "BookingSettings",
    "Clearance",
    "ClinicalThreshold",
    "ClosedDay",
    "ColdTest",
    "Consent",
    "Course",
    "CourseDue",
    "Language",
    "OpeningInterval",
    "Patient",
    "PatientNamePrefix",
    "PatientNameToken",
    "PatientPhoneKey",
    "Practice",
    "Screening",
    "ScreeningAnswer",
    "SessionArea",
    "SessionBPReading",
    "SessionFinding",
    "SessionPainZone",
    "StaffMinute",
    "TreatmentSession",
]
