"""The patient header's alert strip: the same rule engine, patient rules only."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from cryolog.db.database import Database
from cryolog.domain.catalog import CONDITIONS
from cryolog.domain.enums import FindingLevel
from cryolog.domain.errors import RecordNotFound
from cryolog.services import Services
from cryolog.services.alerts import AlertService

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

TODAY = date.today()


def _alerts(db: Database, pid: int, modality: str | None = None) -> dict[str, FindingLevel]:
    found = AlertService(db, "tester").alerts(pid, modality)
    return {a.rule: a.level for a in found.alerts}


def _patient(s: Services, **extra: object) -> int:
    return s.patients.register(
        {"family_name": "Ёлкина", "birth_date": date(1990, 2, 3), **extra}, allow_duplicate=True
    ).id


def _ready(s: Services, pid: int, **answers: str) -> None:
    s.pretreatment.record_screening(
        pid, {"screened_on": TODAY, "answers": {**dict.fromkeys(CONDITIONS, "no"), **answers}}
    )
    s.pretreatment.record_consent(pid, {"signed_on": TODAY, "form_version": 1})
    s.pretreatment.record_cold_test(pid, "ice_cube", {"performed_on": TODAY, "result": "negative"})


def test_a_new_patient_has_red_alerts_for_everything_missing(db: Database) -> None:
    pid = _patient(Services.open(db, "tester"))

    found = AlertService(db, "tester").alerts(pid)

    assert found.modality == "ln2_applicator"
    assert {a.rule for a in found.red} == {
        "consent_missing",
        "screening_missing",
        "cold_test_missing",
    }
    assert found.amber == ()
    assert all(a.message for a in found.alerts)


def test_a_ready_patient_has_no_alerts(db: Database) -> None:
    s = Services.open(db, "tester")
    pid = _patient(s)
    _ready(s, pid)

    assert _alerts(db, pid) == {}


def test_contraindications_are_red_for_absolute_and_amber_for_relative(db: Database) -> None:
    s = Services.open(db, "tester")
    pid = _patient(s)
    _ready(s, pid, raynaud="yes", diabetes="yes", cold_urticaria="unknown")

    found = _alerts(db, pid)

    assert found == {
        "contraindication_absolute": FindingLevel.HARD_STOP,
        "contraindication_relative": FindingLevel.WARNING,
    }


def test_a_positive_or_expired_cold_test_is_red(db: Database) -> None:
    s = Services.open(db, "tester")
    pid = _patient(s)
    _ready(s, pid)
    s.pretreatment.record_cold_test(pid, "ice_cube", {"performed_on": TODAY, "result": "wheal"})
    assert _alerts(db, pid) == {"cold_test_positive": FindingLevel.HARD_STOP}

    old = _patient(s)
    _ready(s, old)
    later = AlertService(db, "tester").alerts(old, as_of=datetime.now() + timedelta(days=181))
    assert {a.rule for a in later.red} == {"cold_test_missing"}


def test_the_open_course_decides_the_modality_and_whole_body_needs_clearance(
    db: Database,
) -> None:
    s = Services.open(db, "tester")
    pid = _patient(s, height_cm=150.0)
    _ready(s, pid)
    s.courses.open_course(pid, {"protocol_id": "wbc_course", "started_on": TODAY})

    found = AlertService(db, "tester").alerts(pid)

    assert found.modality == "wbc_chamber"
    assert {a.rule for a in found.red} == {"clearance_missing"}
    assert _alerts(db, pid, "cryosauna_n2") == {
        "clearance_missing": FindingLevel.HARD_STOP,
        "height_minimum": FindingLevel.HARD_STOP,
    }
    s.pretreatment.record_clearance(
        pid,
        {
            "issued_on": TODAY,
            "valid_until": TODAY + timedelta(days=90),
            "ecg": True,
            "blood": True,
            "urine": True,
        },
    )
    assert _alerts(db, pid) == {}


def test_unknown_patient_or_modality_is_refused(db: Database) -> None:
    with pytest.raises(RecordNotFound):
        AlertService(db, "tester").alerts(999)
    pid = _patient(Services.open(db, "tester"))
    with pytest.raises(KeyError, match="unknown modality"):
        AlertService(db, "tester").alerts(pid, "sauna")
