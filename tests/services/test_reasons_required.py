"""A change of a saved clinical record or of the clinical limits needs a reason by the one
reason rule; a bad reason is refused with a message and nothing is written. A name needs
a letter a reader can see."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from cryolog.domain.errors import InvalidInput
from cryolog.services import Services
from tests.services.conftest import TODAY, patient_data, wbc_session

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

BAD_REASONS = ["", "   ", "x", "\x00", "\u200b" * 12, "1234567890!!", "ok\x07 fine reason"]


def _refused(call: Callable[[], object], row_counts: Callable[[], dict[str, int]]) -> str:
    before = row_counts()
    with pytest.raises(InvalidInput) as refused:
        call()
    assert row_counts() == before
    (error,) = refused.value.errors
    assert error.path == "reason"
    return error.message


@pytest.mark.parametrize("reason", BAD_REASONS)
def test_patient_edit_needs_a_reason(services: Services, row_counts, reason: str) -> None:  # type: ignore[no-untyped-def]
    p = services.patients.register(patient_data())
    older = patient_data(birth_date=date(1979, 5, 2))  # the age rules read it
    _refused(lambda: services.patients.edit(p.id, older, reason=reason), row_counts)
    assert services.patients.get_patient(p.id).birth_date == date(1980, 5, 2)


def test_an_edit_that_changes_nothing_needs_no_reason(services: Services, row_counts) -> None:  # type: ignore[no-untyped-def]
    p = services.patients.register(patient_data())
    before = row_counts()
    services.patients.edit(p.id, patient_data())
    assert row_counts() == before


def test_a_reason_is_kept_as_given_without_its_surrounding_spaces(services: Services) -> None:
    p = services.patients.register(patient_data())
    services.patients.edit(
        p.id, patient_data(height_cm=170.0), reason="  Measured again at the desk \n"
    )
    assert services.records.history(p.id)[0].reason == "Measured again at the desk"


@pytest.mark.parametrize("reason", BAD_REASONS[:4])
def test_restore_archive_and_amend_need_a_real_reason(
    services: Services,
    ready_patient: int,
    row_counts,  # type: ignore[no-untyped-def]
    reason: str,
) -> None:
    saved = services.sessions.record_session(ready_patient, wbc_session())
    _refused(
        lambda: services.sessions.amend_session(saved.id, wbc_session(), reason=reason), row_counts
    )
    _refused(lambda: services.sessions.archive(saved.id, reason), row_counts)
    services.patients.archive(ready_patient, "Registered twice by mistake")
    _refused(lambda: services.patients.restore(ready_patient, reason), row_counts)


@pytest.mark.parametrize("reason", BAD_REASONS)
def test_clinical_limits_need_a_reason(services: Services, row_counts, reason: str) -> None:  # type: ignore[no-untyped-def]
    _refused(lambda: services.practice.set_thresholds({"exposure_max_s": 200}, reason), row_counts)
    assert services.practice.thresholds()["exposure_max_s"] != 200


def test_correcting_a_resolution_date_needs_a_reason(services: Services, row_counts) -> None:  # type: ignore[no-untyped-def]
    pid = services.patients.register(patient_data()).id
    event = services.outcomes.record_adverse_event(
        pid, {"event_type": "erythema", "severity": "mild", "onset_on": TODAY - timedelta(days=3)}
    )
    services.outcomes.resolve_adverse_event(event.id, {"resolved_on": TODAY - timedelta(days=1)})
    _refused(
        lambda: services.outcomes.resolve_adverse_event(event.id, {"resolved_on": TODAY}),
        row_counts,
    )
    services.outcomes.resolve_adverse_event(
        event.id, {"resolved_on": TODAY}, "Resolution date misread on the form"
    )
    assert services.records.history(pid)[0].reason == "Resolution date misread on the form"


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("family_name", "\u200d"),
        ("family_name", "---"),
        ("given_name", "\u200c"),
        ("middle_name", "42"),
    ],
)
def test_a_name_needs_a_visible_letter(services: Services, field: str, name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.patients.register(patient_data(**{field: name}))
    assert [e.path for e in refused.value.errors] == [field]
    assert "letter" in refused.value.errors[0].message
