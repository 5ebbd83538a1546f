"""The FHIR R4B bundle in a patient's export: validated by the FHIR library, the same after
a trip through JSON, with the resources and codes the record calls for."""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import pyzipper
from fhir.resources.R4B.bundle import Bundle

from cryolog.services import Services
from cryolog.services.export.patient_export import export_patient
from tests.portability.seed import FullPatient, days_ago_at


@pytest.fixture
def exported(services: Services, full: FullPatient, tmp_path: Path) -> Path:
    target = tmp_path / "record.zip"
    export_patient(services, full.patient_id, target)
    return target


def _member(path: Path, name: str) -> bytes:
    with pyzipper.AESZipFile(path) as zf:
        return bytes(zf.read(name))


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _loinc(resource: dict[str, Any]) -> str | None:
    codes = [c["code"] for c in resource["code"]["coding"] if c["system"] == "http://loinc.org"]
    return codes[0] if codes else None


def test_the_bundle_validates_and_round_trips_through_json(exported: Path) -> None:
    text = _member(exported, "fhir/bundle.json").decode("utf-8")
    bundle = Bundle.model_validate_json(text)  # the library's own validation
    assert bundle.type == "collection"
    again = Bundle.model_validate_json(bundle.model_dump_json())
    assert json.loads(again.model_dump_json()) == json.loads(text)


def test_the_bundle_has_every_kind_of_resource(exported: Path, full: FullPatient) -> None:
    bundle = json.loads(_member(exported, "fhir/bundle.json"))
    kinds = Counter(e["resource"]["resourceType"] for e in bundle["entry"])
    assert kinds["Patient"] == 1
    assert kinds["Procedure"] == 2  # one per session
    assert kinds["AdverseEvent"] == 1
    assert kinds["Condition"] == 2  # cold urticaria and diabetes answered yes
    assert kinds["Consent"] == 1
    assert kinds["DocumentReference"] == 1
    [patient] = _resources(bundle, "Patient")
    assert patient["name"][0]["family"] == "Иванова"
    assert patient["name"][0]["given"] == ["Мария", "Петровна"]
    assert patient["birthDate"] == "1980-05-02"
    conditions = {c["code"]["coding"][0]["code"] for c in _resources(bundle, "Condition")}
    assert conditions == {"cold_urticaria", "diabetes"}
    assert all(
        c["clinicalStatus"]["coding"][0]["code"] == "active"
        for c in _resources(bundle, "Condition")
    )


def test_observations_carry_the_loinc_codes(exported: Path) -> None:
    bundle = json.loads(_member(exported, "fhir/bundle.json"))
    observations = _resources(bundle, "Observation")
    by_code = Counter(_loinc(o) for o in observations)
    assert by_code["85354-9"] == 2  # blood pressure before and after
    assert by_code["8867-4"] == 2  # heart rate before and after
    assert by_code["72514-3"] == 5  # NRS before/after, a zone before/after, one outcome score
    assert by_code["39106-0"] == 2  # skin temperature before and after
    bp = next(o for o in observations if _loinc(o) == "85354-9")
    parts = {c["code"]["coding"][0]["code"]: c["valueQuantity"] for c in bp["component"]}
    assert parts["8480-6"]["value"] == 125 and parts["8480-6"]["code"] == "mm[Hg]"
    assert parts["8462-4"]["value"] == 80
    skin = next(o for o in observations if _loinc(o) == "39106-0")
    assert skin["valueQuantity"]["code"] == "Cel"
    cold_tests = [o for o in observations if o["code"]["coding"][0]["system"].endswith("cold-test")]
    assert {o["code"]["coding"][0]["code"] for o in cold_tests} == {
        "ice_cube",
        "cold_pressor",
        "temp_threshold",
    }


def test_references_resolve_inside_the_bundle(exported: Path) -> None:
    bundle = json.loads(_member(exported, "fhir/bundle.json"))
    full_urls = {e["fullUrl"] for e in bundle["entry"]}

    def references(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [node["reference"]] if isinstance(node.get("reference"), str) else []
            return found + [r for v in node.values() for r in references(v)]
        if isinstance(node, list):
            return [r for v in node for r in references(v)]
        return []

    refs = references([e["resource"] for e in bundle["entry"]])
    assert refs and set(refs) <= full_urls
    [event] = _resources(bundle, "AdverseEvent")
    procedures = {
        e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Procedure"
    }
    assert event["suspectEntity"][0]["instance"]["reference"] in procedures


def test_document_reference_points_at_the_pdf_in_the_zip(exported: Path) -> None:
    bundle = json.loads(_member(exported, "fhir/bundle.json"))
    [reference] = _resources(bundle, "DocumentReference")
    attachment = reference["content"][0]["attachment"]
    pdf = _member(exported, attachment["url"])
    assert pdf.startswith(b"%PDF-")
    assert attachment["size"] == len(pdf)
    assert attachment["hash"] == base64.b64encode(hashlib.sha1(pdf).digest()).decode()


def test_only_performed_sessions_are_procedures_and_every_bp_reading_is_there(
    services: Services, full: FullPatient, tmp_path: Path
) -> None:
    s, pid = services, full.patient_id
    first, second = days_ago_at(3, 9), days_ago_at(3, 10)
    remeasured = s.sessions.record_session(
        pid,
        {
            "modality": "wbc_chamber",
            "course_id": full.course_id,
            "started_at": second,
            "duration_s": 120,
            "set_temp": {"value": -110, "unit": "C"},
            "bp_pre_readings": [
                {"systolic": 166, "diastolic": 96, "measured_at": first},  # before the rest
                {"systolic": 138, "diastolic": 86, "measured_at": second},
            ],
            "checklist": dict.fromkeys(
                ("dry_skin", "no_lotion", "no_metal", "protective_gear"), True
            ),
            "overrides": {"contraindication_absolute": "Allergist cleared it in writing this week"},
        },
    )
    draft = s.sessions.start_draft(
        pid, {"modality": "wbc_chamber", "course_id": full.course_id, "started_at": days_ago_at(1)}
    )
    given_up = s.sessions.start_draft(
        pid, {"modality": "wbc_chamber", "course_id": full.course_id, "started_at": days_ago_at(2)}
    )
    s.sessions.abandon(given_up.id, "The patient felt unwell and went home")
    target = tmp_path / "record.zip"
    export_patient(services, pid, target)
    bundle = json.loads(_member(target, "fhir/bundle.json"))

    procedures = {p["identifier"][0]["value"]: p for p in _resources(bundle, "Procedure")}
    expected = {full.general_session_id, full.local_session_id, remeasured.id}
    assert set(procedures) == {str(i) for i in expected}  # no draft, no abandoned session
    assert {draft.id, given_up.id}.isdisjoint(int(i) for i in procedures)
    url = next(
        e["fullUrl"]
        for e in bundle["entry"]
        if e["resource"] is not None
        and e["resource"].get("id") == procedures[str(remeasured.id)]["id"]
    )
    readings = [
        o
        for o in _resources(bundle, "Observation")
        if _loinc(o) == "85354-9" and o["partOf"][0]["reference"] == url
    ]
    systolic = [
        next(
            c["valueQuantity"]["value"]
            for c in o["component"]
            if c["code"]["coding"][0]["code"] == "8480-6"
        )
        for o in readings
    ]
    assert systolic == [166, 138]  # each reading, oldest first
    measured = [datetime.fromisoformat(o["effectiveDateTime"]) for o in readings]
    assert measured == [first, second]
    assert [o["note"][0]["text"] for o in readings] == [
        "Before the session, reading 1 of 2",
        "Before the session, reading 2 of 2",
    ]
