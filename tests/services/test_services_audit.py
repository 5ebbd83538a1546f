"""Each service writes its change and the audit row in one transaction; nothing on refusal."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest

from cryolog.domain.errors import InvalidInput, StaleRecord
from cryolog.services import Services
from cryolog.services.safety import SafetyStop
from tests.services.conftest import TODAY, patient_data, wbc_session

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)


def _last(services: Services, pid: int) -> tuple[str, str, dict, dict, str | None]:  # type: ignore[type-arg]
    entry = services.records.history(pid)[0]
    before = json.loads(entry.before_json) if entry.before_json else {}
    after = json.loads(entry.after_json) if entry.after_json else {}
    assert entry.actor == "dr.test" and entry.at.tzinfo is not None
    return entry.action, entry.entity, before, after, entry.reason


def test_patient_lifecycle_is_audited(services: Services) -> None:
    p = services.patients.register(patient_data())
    assert _last(services, p.id)[:2] == ("create", "patient")
    edited = services.patients.edit(
        p.id,
        patient_data(phone="+7 900 000-00-00"),
        expected_version=p.version,
        reason="new number given by the patient",
    )
    action, _, before, after, reason = _last(services, p.id)
    assert (action, reason) == ("update", "new number given by the patient")
    assert before["phone"] == "+7 912 123-45-67" and after["phone"] == "+7 900 000-00-00"
    services.patients.archive(p.id, "moved away to another city")
    assert _last(services, p.id)[0] == "archive"
    services.patients.restore(p.id, "came back for a new course")
    assert _last(services, p.id)[0] == "restore"
    with pytest.raises(StaleRecord):
        services.patients.edit(p.id, patient_data(), expected_version=edited.version - 1)


def test_unchanged_edit_writes_no_audit_row(services: Services) -> None:
    p = services.patients.register(patient_data())
    services.patients.edit(p.id, patient_data(), expected_version=p.version)
    assert len(services.records.history(p.id)) == 1


@pytest.mark.parametrize(
    ("call", "entity"),
    [
        (
            lambda s, pid: s.pretreatment.record_screening(
                pid, {"screened_on": TODAY, "answers": {"diabetes": "yes", "raynaud": "unknown"}}
            ),
            "screening",
        ),
        (
            lambda s, pid: s.pretreatment.record_consent(
                pid, {"signed_on": TODAY, "form_version": 1}
            ),
            "consent",
        ),
        (
            lambda s, pid: s.pretreatment.record_clearance(
                pid,
                {
                    "issued_on": TODAY,
                    "valid_until": TODAY,
                    "ecg": True,
                    "blood": True,
                    "urine": False,
                },
            ),
            "clearance",
        ),
        (
            lambda s, pid: s.pretreatment.record_cold_test(
                pid,
                "cold_pressor",
                {
                    "performed_on": TODAY,
                    "water_c": 4.0,
                    "immersion_s": 60,
                    "bp_before": {"systolic": 120, "diastolic": 80},
                    "bp_after": {"systolic": 135, "diastolic": 85},
                },
            ),
            "cold_test",
        ),
        (
            lambda s, pid: s.pretreatment.record_cold_test(
                pid, "temp_threshold", {"performed_on": TODAY, "ctt_c": None}
            ),
            "cold_test",
        ),
        (
            lambda s, pid: s.courses.open_course(
                pid, {"protocol_id": "wbc_course", "started_on": TODAY}
            ),
            "course",
        ),
        (
            lambda s, pid: s.outcomes.record_adverse_event(
                pid, {"event_type": "erythema", "severity": "mild", "onset_on": TODAY}
            ),
            "adverse_event",
        ),
        (
            lambda s, pid: s.outcomes.record_assessment(
                pid, {"kind": "dlqi", "assessed_on": TODAY, "value": 12.0}
            ),
            "assessment",
        ),
    ],
)
def test_every_record_service_writes_an_audit_row(
    services: Services,
    call: Callable,  # type: ignore[type-arg]
    entity: str,
) -> None:
    pid = services.patients.register(patient_data()).id
    created = call(services, pid)
    action, logged_entity, _, after, _ = _last(services, pid)
    assert (action, logged_entity) == ("create", entity)
    assert after["id"] == created.id and after["patient_id"] == pid


def test_screening_audit_holds_the_answers(services: Services) -> None:
    pid = services.patients.register(patient_data()).id
    services.pretreatment.record_screening(
        pid, {"screened_on": TODAY, "answers": {"diabetes": "yes"}}
    )
    after = _last(services, pid)[3]
    assert after["answers"] == [
        {"answer": "yes", "condition_id": "diabetes", "screening_id": after["id"]}
    ]


def test_session_record_amend_archive_are_audited(services: Services, ready_patient: int) -> None:
    saved = services.sessions.record_session(ready_patient, wbc_session())
    assert _last(services, ready_patient)[:2] == ("create", "session")
    with pytest.raises(InvalidInput, match="reason"):
        services.sessions.amend_session(saved.id, wbc_session(duration_s=150), reason=" ")
    amended = services.sessions.amend_session(
        saved.id,
        wbc_session(duration_s=150),
        reason="typo in the duration",
        expected_version=saved.version,
    )
    action, _, before, after, reason = _last(services, ready_patient)
    assert (action, reason) == ("amend", "typo in the duration")
    assert (before["duration_s"], after["duration_s"]) == (120, 150)
    assert amended.version == saved.version + 1
    services.sessions.archive(saved.id, "entered for the wrong patient")
    assert _last(services, ready_patient)[0] == "archive"


def test_hard_stop_is_refused_without_reason_and_saved_with_one(
    services: Services, ready_patient: int
) -> None:
    risky = wbc_session(bp_pre={"systolic": 165, "diastolic": 95})
    with pytest.raises(SafetyStop) as stop:
        services.sessions.record_session(ready_patient, risky)
    assert [f.rule for f in stop.value.unresolved] == ["bp_high"]
    assert "165/95" in stop.value.unresolved[0].message
    assert services.records.patient_record(ready_patient).sessions == ()
    reason = "Re-measured after 10 min rest: 150/90; physician approved"
    saved = services.sessions.record_session(
        ready_patient, {**risky, "overrides": {"bp_high": reason}}
    )
    finding = next(f for f in saved.findings if f.rule == "bp_high")
    assert (finding.level, finding.override_reason) == ("hard_stop", reason)
    after = _last(services, ready_patient)[3]
    assert {"rule": "bp_high", "override_reason": reason}.items() <= after["findings"][0].items()


def test_course_close_is_audited_and_checked(services: Services) -> None:
    pid = services.patients.register(patient_data()).id
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": TODAY})
    assert course.planned_sessions == 15
    with pytest.raises(InvalidInput, match="before the course started"):
        services.courses.close_course(course.id, {"ended_on": TODAY - timedelta(days=1)})
    closed = services.courses.close_course(course.id, {"ended_on": TODAY, "reason": "done"})
    assert closed.status == "completed"
    assert _last(services, pid)[0] == "close"


def test_thresholds_changes_are_validated_and_audited(services: Services, row_counts) -> None:  # type: ignore[no-untyped-def]
    before = row_counts()
    with pytest.raises(InvalidInput) as bad:
        services.practice.set_thresholds({"bp_warn_systolic": 170})
    assert bad.value.errors[0].path == "bp_warn_systolic"
    with pytest.raises(InvalidInput):
        services.practice.set_thresholds({"exposure_max_s": 9999})
    assert row_counts() == before
    values = services.practice.set_thresholds(
        {"exposure_max_s": 200}, reason="chamber policy changed in May"
    )
    assert (
        values["exposure_max_s"] == 200 and services.practice.thresholds()["exposure_max_s"] == 200
    )
    assert row_counts()["audit_log"] == before["audit_log"] + 1


def test_practice_details_are_audited(services: Services, row_counts) -> None:  # type: ignore[no-untyped-def]
    before = row_counts()["audit_log"]
    services.practice.update_practice({"name": "Cryo Centre", "phone": "+44 20 7946 0000"})
    assert services.practice.practice().name == "Cryo Centre"
    assert row_counts()["audit_log"] == before + 1
