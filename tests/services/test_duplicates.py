"""The same patient or course twice is caught; a course opened by mistake can be voided;
every reason follows the one rule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from cryolog.domain.errors import InvalidInput, SafetyStop
from cryolog.services import Services
from cryolog.services.duplicates import PossibleDuplicateCourse, PossibleDuplicatePatient
from tests.services.conftest import TODAY, patient_data, wbc_session

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

BAD_REASONS = ["", "x", "...", "\u200d", "\u200d" * 12, "1234567890", "ok\x00 fine reason"]


def test_same_name_and_birth_date_is_caught_accent_and_case_blind(services: Services) -> None:
    first = services.patients.register(
        {"family_name": "Ёлкина", "given_name": "Алёна", "birth_date": date(1985, 7, 7)}
    )
    with pytest.raises(PossibleDuplicatePatient) as caught:
        services.patients.register(
            {"family_name": "ЕЛКИНА", "given_name": "алена", "birth_date": date(1985, 7, 7)}
        )
    (match,) = caught.value.matches
    assert match.patient.id == first.id and match.same_name_and_birth and not match.same_phone
    assert services.search.count("") == 1


def test_same_phone_in_another_form_is_caught(services: Services) -> None:
    services.practice.update_practice({"country": "RU"})
    first = services.patients.register(patient_data(phone="+7 912 123-45-67"))
    with pytest.raises(PossibleDuplicatePatient) as caught:
        services.patients.register(
            {"family_name": "Other", "birth_date": date(1990, 1, 1), "phone": "8 912 1234567"}
        )
    assert [(m.patient.id, m.same_phone) for m in caught.value.matches] == [(first.id, True)]


def test_archived_patients_are_among_the_matches(services: Services) -> None:
    first = services.patients.register(patient_data())
    services.patients.archive(first.id, "moved away to another city")
    (match,) = services.patients.matches(patient_data())
    assert match.archived


def test_register_anyway_and_different_people(services: Services) -> None:
    services.patients.register(patient_data())
    twin = services.patients.register(patient_data(), allow_duplicate=True)
    assert twin.id
    other = patient_data(given_name="Анна", phone="+7 999 000-00-01")
    assert services.patients.matches(other) == []
    born_later = patient_data(birth_date=date(1981, 5, 2), phone="")
    assert services.patients.matches(born_later) == []


def test_a_second_open_course_of_the_same_protocol_asks(
    services: Services, ready_patient: int
) -> None:
    first = services.courses.open_course(
        ready_patient, {"protocol_id": "acne", "started_on": TODAY}
    )
    with pytest.raises(PossibleDuplicateCourse) as caught:
        services.courses.open_course(ready_patient, {"protocol_id": "acne", "started_on": TODAY})
    assert [c.id for c in caught.value.courses] == [first.id]
    services.courses.open_course(ready_patient, {"protocol_id": "rosacea", "started_on": TODAY})
    again = services.courses.open_course(
        ready_patient, {"protocol_id": "acne", "started_on": TODAY}, allow_duplicate=True
    )
    assert again.id != first.id


def test_a_course_without_sessions_is_voided_kept_and_hidden(
    services: Services, ready_patient: int
) -> None:
    course = services.courses.open_course(
        ready_patient, {"protocol_id": "acne", "started_on": TODAY}
    )
    voided = services.courses.void_course(course.id, "opened for the wrong patient")
    assert voided.archived_at is not None
    record = services.records.patient_record(ready_patient)
    assert [c.id for c in record.courses] == [course.id]  # kept
    entry = services.records.history(ready_patient)[0]
    assert (entry.action, entry.entity, entry.reason) == (
        "void",
        "course",
        "opened for the wrong patient",
    )
    # no longer asks: the voided course is not an open one
    services.courses.open_course(ready_patient, {"protocol_id": "acne", "started_on": TODAY})


def test_a_course_with_a_session_cannot_be_voided(services: Services, ready_patient: int) -> None:
    course = services.courses.open_course(
        ready_patient, {"protocol_id": "wbc_course", "started_on": TODAY}
    )
    services.sessions.record_session(ready_patient, wbc_session(course_id=course.id))
    with pytest.raises(InvalidInput, match="closed, not voided"):
        services.courses.void_course(course.id, "opened for the wrong patient")


def test_drafts_and_abandoned_sessions_do_not_keep_a_course_from_being_voided(
    services: Services, ready_patient: int
) -> None:
    course = services.courses.open_course(
        ready_patient, {"protocol_id": "wbc_course", "started_on": TODAY}
    )
    draft = services.sessions.start_draft(ready_patient, wbc_session(course_id=course.id))
    given_up = services.sessions.start_draft(ready_patient, wbc_session(course_id=course.id))
    services.sessions.abandon(given_up.id, "The patient felt unwell and went home")
    voided = services.courses.void_course(course.id, "opened for the wrong patient")
    assert voided.archived_at is not None
    sessions = {s.id: s for s in services.records.patient_record(ready_patient).sessions}
    left = sessions[draft.id]  # the draft goes with its course: abandoned, with the reason
    assert (left.state, left.archived_at is not None) == ("abandoned", True)
    assert services.today.unfinished() == []
    history = [(e.action, e.entity, e.reason) for e in services.records.history(ready_patient)]
    assert ("abandon", "session", "opened for the wrong patient") in history


@pytest.mark.parametrize("step", ["running", "completed", "signed"])
def test_a_session_that_ran_keeps_the_course_from_being_voided(
    services: Services, ready_patient: int, step: str
) -> None:
    course = services.courses.open_course(
        ready_patient, {"protocol_id": "wbc_course", "started_on": TODAY}
    )
    data = wbc_session(course_id=course.id)
    s = services.sessions
    draft = s.start_draft(ready_patient, data)
    if step == "running":
        s.start_timer(draft.id, data, expected_version=draft.version)
    else:
        done = s.mark_done(draft.id, data, expected_version=draft.version)
        if step == "signed":
            s.sign(draft.id, data, expected_version=done.version)
    with pytest.raises(InvalidInput, match="closed, not voided"):
        services.courses.void_course(course.id, "opened for the wrong patient")


def _void(s: Services, pid: int) -> Callable[[str], object]:
    course = s.courses.open_course(pid, {"protocol_id": "acne", "started_on": TODAY})
    return lambda r: s.courses.void_course(course.id, r)


def _archive_patient(s: Services, pid: int) -> Callable[[str], object]:
    return lambda r: s.patients.archive(pid, r)


def _restore_patient(s: Services, pid: int) -> Callable[[str], object]:
    s.patients.archive(pid, "moved away to another city")
    return lambda r: s.patients.restore(pid, r)


def _edit_patient(s: Services, pid: int) -> Callable[[str], object]:
    return lambda r: s.patients.edit(pid, patient_data(height_cm=170.0), reason=r)


def _archive_session(s: Services, pid: int) -> Callable[[str], object]:
    sid = s.sessions.record_session(pid, wbc_session()).id
    return lambda r: s.sessions.archive(sid, r)


def _amend_session(s: Services, pid: int) -> Callable[[str], object]:
    saved = s.sessions.record_session(pid, wbc_session())
    return lambda r: s.sessions.amend_session(saved.id, wbc_session(duration_s=150), reason=r)


def _override(s: Services, pid: int) -> Callable[[str], object]:
    risky = wbc_session(bp_pre={"systolic": 175, "diastolic": 95})
    return lambda r: s.sessions.record_session(pid, {**risky, "overrides": {"bp_high": r}})


def _thresholds(s: Services, pid: int) -> Callable[[str], object]:
    return lambda r: s.practice.set_thresholds({"exposure_max_s": 200}, r)


@pytest.mark.parametrize(
    "make",
    [
        _void,
        _archive_patient,
        _restore_patient,
        _edit_patient,
        _archive_session,
        _amend_session,
        _override,
        _thresholds,
    ],
)
@pytest.mark.parametrize("reason", BAD_REASONS)
def test_bad_reasons_are_refused_by_the_service(
    services: Services,
    ready_patient: int,
    row_counts: Callable[[], dict[str, int]],
    make: Callable[[Services, int], Callable[[str], object]],
    reason: str,
) -> None:
    act = make(services, ready_patient)
    before = row_counts()
    with pytest.raises((InvalidInput, SafetyStop)) as caught:
        act(reason)
    if isinstance(caught.value, InvalidInput):
        assert any("reason" in e.path or "overrides" in e.path for e in caught.value.errors)
    else:  # an empty override is no override: the hard stop stands
        assert make is _override and not reason.strip()
    assert row_counts() == before
