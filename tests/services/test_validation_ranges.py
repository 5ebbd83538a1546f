"""Every plausible range of domain.md §2, just under, at and just over each limit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.errors import InvalidInput
from cryolog.domain.schemas import (
    ColdPressorTestInput,
    PatientInput,
    SessionInput,
    parse,
)

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TODAY = date.today()


def session(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "modality": "cold_pack",
        "started_at": NOW,
        "duration_s": 600,
    }
    base.update(changes)
    return base


def patient(**changes: Any) -> dict[str, Any]:
    return {"family_name": "Doe", "birth_date": date(1980, 1, 1), **changes}


def errors_of(model: type, data: dict[str, Any]) -> dict[str, str]:
    try:
        parse(model, data)
    except InvalidInput as exc:
        return {e.path: e.message for e in exc.errors}
    return {}


# (field path, data builder, value below, lowest ok, highest ok, value above)
SESSION_RANGES: list[tuple[str, Any, float, float, float, float]] = [
    ("skin_temp_before_c", lambda v: session(skin_temp_before_c=v), -5.1, -5.0, 40.0, 40.1),
    ("skin_temp_after_c", lambda v: session(skin_temp_after_c=v), -5.1, -5.0, 40.0, 40.1),
    (
        "bp_pre.systolic",
        lambda v: session(bp_pre={"systolic": v, "diastolic": 50}),
        59,
        60,
        260,
        261,
    ),
    (
        "bp_pre.diastolic",
        lambda v: session(bp_pre={"systolic": 200, "diastolic": v}),
        29,
        30,
        160,
        161,
    ),
    (
        "bp_post.systolic",
        lambda v: session(bp_post={"systolic": v, "diastolic": 50}),
        59,
        60,
        260,
        261,
    ),
    ("hr_pre", lambda v: session(hr_pre=v), 29, 30, 220, 221),
    ("hr_post", lambda v: session(hr_post=v), 29, 30, 220, 221),
    ("spo2_pre", lambda v: session(spo2_pre=v), 69, 70, 100, 101),
    ("nrs_pre", lambda v: session(nrs_pre=v), -1, 0, 10, 11),
    ("nrs_post", lambda v: session(nrs_post=v), -1, 0, 10, 11),
    ("duration_s", lambda v: session(duration_s=v), 0, 1, 7200, 7201),
    (
        "duration_s",
        lambda v: session(
            modality="wbc_chamber", duration_s=v, set_temp={"value": -110.0, "unit": "C"}
        ),
        0,
        1,
        600,
        601,
    ),
    (
        "areas[0].area_dm2",
        lambda v: session(areas=[{"site": "face", "area_dm2": v}]),
        0.0,
        0.01,
        100.0,
        100.5,
    ),
    (
        "areas[0].exposure_s",
        lambda v: session(areas=[{"site": "face", "exposure_s": v}]),
        0,
        1,
        7200,
        7201,
    ),
    (
        "pain_zones[0].nrs_pre",
        lambda v: session(pain_zones=[{"zone": "neck", "nrs_pre": v}]),
        -1,
        0,
        10,
        11,
    ),
]

PATIENT_RANGES: list[tuple[str, Any, float, float, float, float]] = [
    ("height_cm", lambda v: patient(height_cm=v), 49.9, 50.0, 250.0, 250.1),
    ("weight_kg", lambda v: patient(weight_kg=v), 1.9, 2.0, 400.0, 400.1),
]


@pytest.mark.parametrize(
    ("path", "build", "under", "low", "high", "over"), SESSION_RANGES + PATIENT_RANGES
)
def test_range_under_at_over(
    path: str, build: Any, under: float, low: float, high: float, over: float
) -> None:
    model = PatientInput if path in {"height_cm", "weight_kg"} else SessionInput
    assert path in errors_of(model, build(under)), f"{under} accepted for {path}"
    assert errors_of(model, build(low)) == {}
    assert errors_of(model, build(high)) == {}
    message = errors_of(model, build(over))[path]
    assert "outside" in message and str(high).rstrip("0").rstrip(".") in message


@pytest.mark.parametrize("modality_id", sorted(MODALITIES))
def test_modality_temperature_range(modality_id: str) -> None:
    spec = MODALITIES[modality_id]
    duration = 60

    def build(value: float, unit: str = "C") -> dict[str, Any]:
        return session(
            modality=modality_id, duration_s=duration, set_temp={"value": value, "unit": unit}
        )

    assert errors_of(SessionInput, build(spec.temp_min_c)) == {}
    assert errors_of(SessionInput, build(spec.temp_max_c)) == {}
    low = errors_of(SessionInput, build(spec.temp_min_c - 0.5))
    high = errors_of(SessionInput, build(spec.temp_max_c + 0.5))
    label = f"for the {spec.label.lower()}"
    assert label in low["set_temp"] and label in high["set_temp"]
    if spec.group is ModalityGroup.LOCAL_MODERATE:
        assert errors_of(SessionInput, session(modality=modality_id)) == {}
    else:
        assert errors_of(SessionInput, session(modality=modality_id, duration_s=60)) == {
            "set_temp": f"is required for the {spec.label.lower()}"
        }


def test_fahrenheit_is_converted_before_the_range_check() -> None:
    # -110 °F is -78.9 °C: plausible for cold air? No: cold_air is -60 … -10 °C.
    errors = errors_of(
        SessionInput,
        session(modality="cold_air", duration_s=300, set_temp={"value": -110, "unit": "F"}),
    )
    assert errors == {
        "set_temp": "-110 °F (-78.9 °C) is outside -60 … -10 °C for the cold-air device"
    }
    ok = parse(
        SessionInput,
        session(modality="wbc_chamber", duration_s=120, set_temp={"value": -166.0, "unit": "F"}),
    )
    assert ok.set_temp is not None and ok.set_temp.celsius == -110.0


def test_unit_is_required_and_must_be_known() -> None:
    assert "set_temp.unit" in errors_of(SessionInput, session(set_temp={"value": 5.0}))
    assert "set_temp.unit" in errors_of(SessionInput, session(set_temp={"value": 5.0, "unit": "K"}))


def test_diastolic_must_be_below_systolic() -> None:
    errors = errors_of(SessionInput, session(bp_pre={"systolic": 120, "diastolic": 120}))
    assert errors == {"bp_pre.diastolic": "120 mmHg must be below the systolic 120 mmHg"}


def test_wrong_types_are_refused_not_coerced() -> None:
    errors = errors_of(SessionInput, session(duration_s="600", hr_pre=70.5, nrs_pre=True))
    assert errors["duration_s"] == "must be a whole number"
    assert errors["hr_pre"] == "must be a whole number"
    assert errors["nrs_pre"] == "must be a whole number"


def test_unknown_fields_are_refused() -> None:
    assert errors_of(SessionInput, session(temperature_c=-110)) == {
        "temperature_c": "is not a known field"
    }


def test_naive_start_time_is_refused() -> None:
    assert errors_of(SessionInput, session(started_at=NOW.replace(tzinfo=None))) == {
        "started_at": "must include the time zone"
    }


def test_birth_date_in_the_past_and_at_most_120_years_ago() -> None:
    assert "birth_date" in errors_of(PatientInput, patient(birth_date=TODAY))
    assert "birth_date" in errors_of(PatientInput, patient(birth_date=TODAY + timedelta(1)))
    assert errors_of(PatientInput, patient(birth_date=TODAY - timedelta(1))) == {}
    oldest = (
        TODAY.replace(year=TODAY.year - 120)
        if not (TODAY.month == 2 and TODAY.day == 29)
        else TODAY.replace(year=TODAY.year - 120, day=28)
    )
    assert errors_of(PatientInput, patient(birth_date=oldest)) == {}
    assert (
        "more than 120 years"
        in errors_of(PatientInput, patient(birth_date=oldest - timedelta(1)))["birth_date"]
    )


@pytest.mark.parametrize("text", ["x" * 201, "Doe\x00", "Doe\u202e", "   ", ""])
def test_names_refuse_huge_or_invisible_text(text: str) -> None:
    assert "family_name" in errors_of(PatientInput, patient(family_name=text))


@pytest.mark.parametrize(
    "text", ["Иванова", "Ñúñez", "O'Brien", "Jean-Pierre", "Παπαδόπουλος", "李", "Nguyễn"]
)
def test_names_accept_every_script(text: str) -> None:
    assert parse(PatientInput, patient(family_name=text)).family_name == text


def test_notes_allow_newlines_but_not_megabytes() -> None:
    assert errors_of(PatientInput, patient(notes="line 1\nline 2\ttab")) == {}
    assert "too long" in errors_of(PatientInput, patient(notes="x" * 20_001))["notes"]


def test_cold_pressor_blood_pressures_are_checked() -> None:
    errors = errors_of(
        ColdPressorTestInput,
        {
            "performed_on": date(2026, 1, 1),
            "water_c": 4.0,
            "immersion_s": 60,
            "bp_before": {"systolic": 120, "diastolic": 80},
            "bp_after": {"systolic": 300, "diastolic": 80},
        },
    )
    assert errors == {"bp_after.systolic": "300 mmHg is outside 60 … 260 mmHg"}
