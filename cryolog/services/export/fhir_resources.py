"""FHIR resources other than Observations: Patient, Procedure, AdverseEvent, Condition,
Consent and DocumentReference, each validated by the FHIR library's model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fhir.resources.R4B.adverseevent import AdverseEvent
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.consent import Consent
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.procedure import Procedure

from cryolog.domain.catalog import CONDITIONS, MODALITIES
from cryolog.domain.session_state import SessionState
from cryolog.services.dto import (
    AdverseEventDTO,
    ConsentDTO,
    CourseDTO,
    PatientDTO,
    ScreeningDTO,
    SessionDTO,
)
from cryolog.services.export import fhir_codes as fc

_EVENT_LABELS = {
    "erythema": "Erythema",
    "paresthesia": "Paresthesia",
    "numbness_over_24h": "Numbness over 24 h",
    "blister_cold_burn": "Blister / cold burn",
    "frostbite": "Frostbite",
    "urticaria": "Urticaria",
    "panniculitis": "Panniculitis",
    "syncope_hypoxia": "Syncope / hypoxia",
    "bp_spike": "Blood pressure spike",
    "nerve_injury": "Nerve injury",
}
DOCUMENT_TITLES = {
    "course_summary": "Course summary",
    "handout": "Patient handout",
    "consent": "Consent form",
    "screening": "Screening questionnaire",
}


@dataclass(frozen=True, slots=True)
class StoredPdf:
    """A stored PDF as it lies in the export: where, how big, its SHA-1 (base64)."""

    id: int
    kind: str
    language: str
    created_at: datetime
    actor: str
    path: str
    size: int
    sha1_base64: str


def patient(p: PatientDTO, rid: str) -> Patient:
    given = [n for n in (p.given_name, p.middle_name) if n]
    telecom = [{"system": "phone", "value": p.phone}] if p.phone else []
    if p.email:
        telecom.append({"system": "email", "value": p.email})
    body: dict[str, Any] = {
        "resourceType": "Patient",
        "id": rid,
        "identifier": [{"system": fc.local_system("patient"), "value": str(p.id)}],
        "active": p.archived_at is None,
        "name": [{"use": "official", "family": p.family_name, "text": p.display_name}],
        "gender": p.sex if p.sex in ("female", "male", "other") else "unknown",
        "birthDate": p.birth_date.isoformat(),
        "communication": [
            {"language": fc.concept("urn:ietf:bcp:47", p.handout_language), "preferred": True}
        ],
    }
    if given:
        body["name"][0]["given"] = given
    if telecom:
        body["telecom"] = telecom
    if p.address:
        body["address"] = [{"text": p.address}]
    return Patient.model_validate(body)


def performed(s: SessionDTO) -> bool:
    """A Procedure is what was done: a draft (never started) or an abandoned one is not."""
    return SessionState(s.state).counts


def procedure(s: SessionDTO, rid: str, subject: str, course: CourseDTO | None) -> Procedure:
    label = MODALITIES[s.modality].label if s.modality in MODALITIES else s.modality
    period = {"start": s.started_at.isoformat()}
    if s.state != SessionState.RUNNING.value and s.exposure_s is not None:  # over: it ended
        period["end"] = (s.started_at + timedelta(seconds=s.exposure_s)).isoformat()
    body: dict[str, Any] = {
        "resourceType": "Procedure",
        "id": rid,
        "identifier": [{"system": fc.local_system("session"), "value": str(s.id)}],
        "status": _procedure_status(s),
        "code": fc.local("modality", s.modality, label),
        "subject": fc.ref(subject),
        "performedPeriod": period,
    }
    if s.aborted and s.abort_reason:
        body["statusReason"] = fc.text_concept(s.abort_reason)
    if course is not None and course.indication:
        body["reasonCode"] = [fc.text_concept(course.indication)]
    sites = [a.site for a in s.areas if a.site]
    if sites:
        body["bodySite"] = [fc.text_concept(site) for site in sites]
    used = [t for t in (s.device, s.applicator) if t]
    if used:
        body["usedCode"] = [fc.text_concept(t) for t in used]
    notes = _session_notes(s)
    if notes:
        body["note"] = [{"text": n} for n in notes]
    return Procedure.model_validate(body)


def _procedure_status(s: SessionDTO) -> str:
    if s.archived_at is not None:
        return "entered-in-error"
    if s.aborted:
        return "stopped"
    return "in-progress" if s.state == SessionState.RUNNING.value else "completed"


def _session_notes(s: SessionDTO) -> list[str]:
    temps = []
    if s.set_temp_c is not None:
        temps.append(f"set {s.set_temp_c:g} °C")
    if s.measured_temp_c is not None:
        temps.append(f"measured {s.measured_temp_c:g} °C")
    duration = f"Duration {s.exposure_s} s"
    if s.actual_exposure_s is not None and s.actual_exposure_s != s.duration_s:
        duration += f" (planned {s.duration_s} s)"
    notes = [duration + (f"; temperature {', '.join(temps)}" if temps else "")]
    if s.over_max_note:
        notes.append(f"Past the maximum: {s.over_max_note}")
    for area in s.areas:
        facts = [f"{area.area_dm2:g} dm²" if area.area_dm2 is not None else ""]
        facts += [f"{area.passes} passes" if area.passes is not None else ""]
        facts += [f"{area.exposure_s} s" if area.exposure_s is not None else ""]
        notes.append(f"Area {area.site} ({area.kind}): " + ", ".join(f for f in facts if f))
    if s.reactions:
        notes.append(f"Reactions: {s.reactions}")
    for finding in s.findings:
        override = f" — overridden: {finding.override_reason}" if finding.override_reason else ""
        notes.append(f"Safety finding {finding.rule} ({finding.level}){override}")
    if s.notes:
        notes.append(s.notes)
    return notes


def adverse_event(
    e: AdverseEventDTO, rid: str, subject: str, procedure_id: str | None
) -> AdverseEvent:
    label = _EVENT_LABELS.get(e.event_type, e.event_type)
    details = [label]
    if e.description:
        details.append(e.description)
    if e.resolved_on is not None:
        details.append(f"resolved on {e.resolved_on.isoformat()}")
    if e.device_malfunction:
        details.append("device malfunction")
    outcome = ("resolved", "Resolved") if e.resolved_on is not None else ("ongoing", "Ongoing")
    body: dict[str, Any] = {
        "resourceType": "AdverseEvent",
        "id": rid,
        "identifier": {"system": fc.local_system("adverse-event"), "value": str(e.id)},
        "actuality": "actual",
        "event": fc.concept(
            fc.local_system("adverse-event-type"), e.event_type, label, "; ".join(details)
        ),
        "subject": fc.ref(subject),
        "date": e.onset_on.isoformat(),
        "severity": fc.concept(fc.AE_SEVERITY, e.severity, e.severity.capitalize()),
        "outcome": fc.concept(fc.AE_OUTCOME, *outcome),
    }
    if procedure_id is not None:
        body["suspectEntity"] = [{"instance": fc.ref(procedure_id)}]
    return AdverseEvent.model_validate(body)


def conditions(
    screening: ScreeningDTO, subject: str, patient_id: int, newest: bool
) -> list[tuple[str, Condition]]:
    """One Condition per condition answered yes; active when from the newest screening."""
    built = []
    for condition_id, answer in sorted(screening.answers.items()):
        if answer != "yes":
            continue
        rid = fc.resource_id(patient_id, "condition", f"{screening.id}/{condition_id}")
        known = CONDITIONS.get(condition_id)
        label = known.label if known else condition_id
        body: dict[str, Any] = {
            "resourceType": "Condition",
            "id": rid,
            "code": fc.local("condition", condition_id, label),
            "subject": fc.ref(subject),
            "recordedDate": screening.screened_on.isoformat(),
            "note": [
                {
                    "text": "Answered yes on the screening questionnaire of "
                    + screening.screened_on.isoformat()
                }
            ],
        }
        if screening.archived_at is not None:
            body["verificationStatus"] = fc.concept(
                fc.CONDITION_VERIFICATION, "entered-in-error", "Entered in Error"
            )
        elif newest:
            body["clinicalStatus"] = fc.concept(fc.CONDITION_CLINICAL, "active", "Active")
        built.append((rid, Condition.model_validate(body)))
    return built


def consent(c: ConsentDTO, rid: str, subject: str, newest: bool) -> Consent:
    status = "entered-in-error" if c.archived_at is not None else "active" if newest else "inactive"
    body: dict[str, Any] = {
        "resourceType": "Consent",
        "id": rid,
        "identifier": [{"system": fc.local_system("consent"), "value": str(c.id)}],
        "status": status,
        "scope": fc.concept(fc.CONSENT_SCOPE, "treatment", "Treatment"),
        "category": [fc.loinc(fc.PATIENT_CONSENT)],
        "patient": fc.ref(subject),
        "dateTime": c.signed_on.isoformat(),
        "policyRule": fc.text_concept(f"Practice consent form, version {c.form_version}"),
    }
    return Consent.model_validate(body)


def document_reference(d: StoredPdf, rid: str, subject: str) -> DocumentReference:
    title = DOCUMENT_TITLES.get(d.kind, d.kind)
    body: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "id": rid,
        "identifier": [{"system": fc.local_system("document"), "value": str(d.id)}],
        "status": "current",
        "type": fc.local("document-kind", d.kind, title),
        "subject": fc.ref(subject),
        "date": d.created_at.isoformat(),
        "author": [{"display": d.actor}] if d.actor else None,
        "description": title,
        "content": [
            {
                "attachment": {
                    "contentType": "application/pdf",
                    "language": d.language,
                    "url": d.path,
                    "size": d.size,
                    "hash": d.sha1_base64,
                    "title": title,
                    "creation": d.created_at.isoformat(),
                }
            }
        ],
    }
    return DocumentReference.model_validate({k: v for k, v in body.items() if v is not None})
