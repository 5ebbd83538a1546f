"""A patient's record as an HL7 FHIR R4B Bundle (type ``collection``).

Resources refer to each other by ``urn:uuid:`` full URLs, stable for the same record, so
two exports of an unchanged record give the same resources.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.resource import Resource

from cryolog.services.dto import PatientRecord
from cryolog.services.export import fhir_codes as fc
from cryolog.services.export import fhir_resources as fr
from cryolog.services.export.fhir_observations import ObservationBuilder
from cryolog.services.export.fhir_resources import StoredPdf


def patient_bundle(
    record: PatientRecord, documents: Sequence[StoredPdf], generated_at: datetime
) -> Bundle:
    pid = record.patient.id
    subject = fc.resource_id(pid, "patient", pid)
    entries: list[tuple[str, Resource]] = [(subject, fr.patient(record.patient, subject))]
    courses = {c.id: c for c in record.courses}
    procedures: dict[int, str] = {}
    observations = ObservationBuilder(pid, subject)
    for s in sorted(record.sessions, key=lambda s: (s.started_at, s.id)):
        if not fr.performed(s):
            continue
        rid = fc.resource_id(pid, "procedure", s.id)
        procedures[s.id] = rid
        course = courses.get(s.course_id) if s.course_id is not None else None
        entries.append((rid, fr.procedure(s, rid, subject, course)))
        entries.extend(observations.for_session(s, rid))
    for t in sorted(record.cold_tests, key=lambda t: (t.performed_on, t.id)):
        entries.append(observations.for_cold_test(t))
    for a in sorted(record.assessments, key=lambda a: (a.assessed_on, a.id)):
        entries.append(observations.for_assessment(a))
    for e in sorted(record.adverse_events, key=lambda e: (e.onset_on, e.id)):
        rid = fc.resource_id(pid, "adverse_event", e.id)
        suspect = procedures.get(e.session_id) if e.session_id is not None else None
        entries.append((rid, fr.adverse_event(e, rid, subject, suspect)))
    entries.extend(_screenings(record, subject))
    entries.extend(_consents(record, subject))
    for d in documents:
        rid = fc.resource_id(pid, "document", d.id)
        entries.append((rid, fr.document_reference(d, rid, subject)))
    return _bundle(entries, generated_at)


def _screenings(record: PatientRecord, subject: str) -> Iterable[tuple[str, Resource]]:
    live = [s for s in record.screenings if s.archived_at is None]
    newest = max(live, key=lambda s: (s.screened_on, s.id)).id if live else None
    for screening in sorted(record.screenings, key=lambda s: (s.screened_on, s.id)):
        yield from fr.conditions(screening, subject, record.patient.id, screening.id == newest)


def _consents(record: PatientRecord, subject: str) -> Iterable[tuple[str, Resource]]:
    live = [c for c in record.consents if c.archived_at is None]
    newest = max(live, key=lambda c: (c.signed_on, c.id)).id if live else None
    for c in sorted(record.consents, key=lambda c: (c.signed_on, c.id)):
        rid = fc.resource_id(record.patient.id, "consent", c.id)
        yield rid, fr.consent(c, rid, subject, c.id == newest)


def _bundle(entries: Sequence[tuple[str, Resource]], generated_at: datetime) -> Bundle:
    body: dict[str, Any] = {
        "resourceType": "Bundle",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"},
        "type": "collection",
        "timestamp": generated_at.isoformat(),
        "entry": [{"fullUrl": f"urn:uuid:{rid}", "resource": res} for rid, res in entries],
    }
    return Bundle.model_validate(body)


def bundle_json(bundle: Bundle) -> str:
    return bundle.model_dump_json(indent=2)
