"""Code systems, codes and small builders for the FHIR R4B bundle of a patient's record.

Measurements with a LOINC code use it; cryolog's own vocabularies (modalities, cold tests,
screening conditions, outcome scores) go out under ``urn:cryolog:*`` systems with the
catalog's label as display, so a receiving system can map them.
"""

from __future__ import annotations

import uuid
from typing import Any

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
AE_SEVERITY = "http://terminology.hl7.org/CodeSystem/adverse-event-severity"
AE_OUTCOME = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"


def local_system(vocabulary: str) -> str:
    return f"urn:cryolog:{vocabulary}"


# LOINC: code, display
BP_PANEL = ("85354-9", "Blood pressure panel with all children optional")
SYSTOLIC = ("8480-6", "Systolic blood pressure")
DIASTOLIC = ("8462-4", "Diastolic blood pressure")
HEART_RATE = ("8867-4", "Heart rate")
SPO2 = ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry")
PAIN_NRS = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
SKIN_TEMP = ("39106-0", "Temperature of Skin")
PATIENT_CONSENT = ("59284-0", "Patient Consent")

_NAMESPACE = uuid.UUID("6f1d3a52-52c4-4c56-9b8e-3d1c2f0a7e41")


def resource_id(patient_id: int, kind: str, key: object) -> str:
    """A stable id for one resource of one patient's bundle (same record, same id)."""
    return str(uuid.uuid5(_NAMESPACE, f"patient/{patient_id}/{kind}/{key}"))


def ref(resource_id_: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id_}"}


def coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    found = {"system": system, "code": code}
    if display:
        found["display"] = display
    return found


def concept(system: str, code: str, display: str | None = None, text: str | None = None) -> Any:
    value: dict[str, Any] = {"coding": [coding(system, code, display)]}
    if text or display:
        value["text"] = text or display
    return value


def loinc(code: tuple[str, str]) -> Any:
    return concept(LOINC, code[0], code[1])


def local(vocabulary: str, code: str, label: str) -> Any:
    return concept(local_system(vocabulary), code, label)


def text_concept(text: str) -> dict[str, str]:
    return {"text": text}


def quantity(value: float, unit: str, ucum: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": ucum}


def category(code: str, display: str) -> list[Any]:
    return [concept(OBS_CATEGORY, code, display)]


VITAL_SIGNS = ("vital-signs", "Vital Signs")
SURVEY = ("survey", "Survey")
EXAM = ("exam", "Exam")
