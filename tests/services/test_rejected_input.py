"""A refused input writes nothing at all: every table keeps its row count."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cryolog.domain.errors import InvalidInput
from cryolog.services import Services
from tests.services.conftest import TODAY, patient_data, wbc_session

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

BAD_CALLS: list[tuple[str, Callable[[Services, int], Any], str]] = [
    ("patient", lambda s, pid: s.patients.register(patient_data(height_cm=20.0)), "height_cm"),
    ("edit", lambda s, pid: s.patients.edit(pid, patient_data(family_name="")), "family_name"),
    (
        "screening",
        lambda s, pid: s.pretreatment.record_screening(
            pid, {"screened_on": TODAY, "answers": {"flu": "yes"}}
        ),
        "answers",
    ),
    (
        "consent",
        lambda s, pid: s.pretreatment.record_consent(pid, {"signed_on": TODAY, "form_version": 0}),
        "form_version",
    ),
    (
        "clearance",
        lambda s, pid: s.pretreatment.record_clearance(
            pid,
            {
                "issued_on": TODAY,
                "valid_until": TODAY.replace(year=TODAY.year - 1),
                "ecg": True,
                "blood": True,
                "urine": True,
            },
        ),
        "valid_until",
    ),
    (
        "ice",
        lambda s, pid: s.pretreatment.record_cold_test(
            pid, "ice_cube", {"performed_on": TODAY, "result": "maybe"}
        ),
        "result",
    ),
    (
        "course",
        lambda s, pid: s.courses.open_course(pid, {"protocol_id": "nope", "started_on": TODAY}),
        "protocol_id",
    ),
    (
        "session",
        lambda s, pid: s.sessions.record_session(
            pid, wbc_session(set_temp={"value": -250.0, "unit": "C"})
        ),
        "set_temp",
    ),
    (
        "session course",
        lambda s, pid: s.sessions.record_session(pid, wbc_session(course_id=9999)),
        "course_id",
    ),
    (
        "event",
        lambda s, pid: s.outcomes.record_adverse_event(
            pid, {"event_type": "frostbite", "severity": "extreme", "onset_on": TODAY}
        ),
        "severity",
    ),
    (
        "assessment",
        lambda s, pid: s.outcomes.record_assessment(
            pid, {"kind": "pasi", "assessed_on": TODAY, "value": 80.0}
        ),
        "value",
    ),
    (
        "event of a session id no row can have",
        lambda s, pid: s.outcomes.record_adverse_event(
            pid,
            {"event_type": "frostbite", "severity": "mild", "onset_on": TODAY, "session_id": 2**63},
        ),
        "session_id",
    ),
    (
        "event of a negative session id",
        lambda s, pid: s.outcomes.record_adverse_event(
            pid,
            {"event_type": "frostbite", "severity": "mild", "onset_on": TODAY, "session_id": -1},
        ),
        "session_id",
    ),
    (
        "assessment of a course id no row can have",
        lambda s, pid: s.outcomes.record_assessment(
            pid, {"kind": "pasi", "assessed_on": TODAY, "value": 8.0, "course_id": 2**64}
        ),
        "course_id",
    ),
    ("practice", lambda s, pid: s.practice.update_practice({"name": "x" * 500}), "name"),
]


@pytest.mark.parametrize(("label", "call", "field"), BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_refused_input_names_the_field_and_writes_nothing(
    services: Services,
    row_counts: Callable[[], dict[str, int]],
    label: str,
    call: Callable[[Services, int], Any],
    field: str,
) -> None:
    pid = services.patients.register(patient_data()).id
    before = row_counts()
    with pytest.raises(InvalidInput) as refused:
        call(services, pid)
    assert field in {e.path for e in refused.value.errors}
    assert row_counts() == before


def test_archived_patient_gets_no_new_records(services: Services, row_counts) -> None:  # type: ignore[no-untyped-def]
    pid = services.patients.register(patient_data()).id
    services.patients.archive(pid, "duplicate record of the same person")
    before = row_counts()
    with pytest.raises(InvalidInput, match="archived"):
        services.pretreatment.record_consent(pid, {"signed_on": TODAY, "form_version": 1})
    assert row_counts() == before


def test_archiving_needs_a_reason(services: Services, row_counts) -> None:  # type: ignore[no-untyped-def]
    pid = services.patients.register(patient_data()).id
    before = row_counts()
    with pytest.raises(InvalidInput, match="reason"):
        services.patients.archive(pid, "   ")
    assert row_counts() == before
