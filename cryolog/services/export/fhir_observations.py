"""FHIR Observations: a session's vital signs, pain and skin temperature, the cold tests and
the outcome scores. Each is built and validated by the FHIR library's own model."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from fhir.resources.R4B.observation import Observation

from cryolog.domain.ranges import ASSESSMENT_RANGES
from cryolog.services.dto import AssessmentDTO, ColdTestDTO, SessionDTO
from cryolog.services.export import fhir_codes as fc

Built = tuple[str, Observation]

_ICE_RESULTS = {
    "negative": "Negative",
    "erythema_only": "Erythema only",
    "wheal": "Wheal",
    "systemic": "Systemic reaction",
}
_COLD_TESTS = {
    "ice_cube": "Ice cube test",
    "cold_pressor": "Cold pressor test",
    "temp_threshold": "Critical temperature threshold test",
}


class ObservationBuilder:
    """Observations of one patient; ``subject`` is the Patient resource's id."""

    def __init__(self, patient_id: int, subject: str) -> None:
        self.patient_id = patient_id
        self.subject = subject

    def _make(
        self,
        key: str,
        code: Any,
        when: str,
        categories: list[Any],
        **fields: Any,
    ) -> Built:
        rid = fc.resource_id(self.patient_id, "observation", key)
        body = {
            "resourceType": "Observation",
            "id": rid,
            "status": fields.pop("status", "final"),
            "category": categories,
            "code": code,
            "subject": fc.ref(self.subject),
            "effectiveDateTime": when,
            **{k: v for k, v in fields.items() if v is not None},
        }
        return rid, Observation.model_validate(body)

    # sessions ---------------------------------------------------------------------------

    def for_session(self, s: SessionDTO, procedure: str) -> Iterator[Built]:
        """Vital signs before and after, pain scores (whole and per zone), skin temperature."""
        before = s.started_at.isoformat()
        after = (s.started_at + timedelta(seconds=s.exposure_s or 0)).isoformat()
        status = "entered-in-error" if s.archived_at is not None else "final"
        common = {"partOf": [fc.ref(procedure)], "status": status}
        vitals = fc.category(*fc.VITAL_SIGNS)
        yield from self._blood_pressures(s, before, after, common)
        for phase, when, hr, spo2 in (
            ("pre", before, s.hr_pre, s.spo2_pre),
            ("post", after, s.hr_post, s.spo2_post),
        ):
            if hr is not None:
                yield self._make(
                    f"session/{s.id}/hr_{phase}",
                    fc.loinc(fc.HEART_RATE),
                    when,
                    vitals,
                    valueQuantity=fc.quantity(hr, "beats/minute", "/min"),
                    note=[_phase_note(phase)],
                    **common,
                )
            if spo2 is not None:
                yield self._make(
                    f"session/{s.id}/spo2_{phase}",
                    fc.loinc(fc.SPO2),
                    when,
                    vitals,
                    valueQuantity=fc.quantity(spo2, "%", "%"),
                    note=[_phase_note(phase)],
                    **common,
                )
        yield from self._pain(s, before, after, common)
        yield from self._skin(s, before, after, common)

    def _blood_pressures(
        self, s: SessionDTO, before: str, after: str, common: dict[str, Any]
    ) -> Iterator[Built]:
        """Every pre-session reading (measured again after rest: each one), then the one
        after. The latest reading before keeps the id a single reading has."""
        readings = [(r.systolic, r.diastolic, r.measured_at) for r in s.bp_readings]
        if not readings and s.bp_pre_sys is not None and s.bp_pre_dia is not None:
            readings = [(s.bp_pre_sys, s.bp_pre_dia, None)]
        key = f"session/{s.id}/bp_pre"
        for n, (sys_, dia, at) in enumerate(readings, 1):
            last = n == len(readings)
            note = _phase_note("pre")
            if len(readings) > 1:
                note = {"text": f"{note['text']}, reading {n} of {len(readings)}"}
            when = at.isoformat() if at is not None else before
            yield self._bp(key if last else f"{key}/{n}", when, sys_, dia, note, common)
        if s.bp_post_sys is not None and s.bp_post_dia is not None:
            note = _phase_note("post")
            yield self._bp(f"session/{s.id}/bp_post", after, s.bp_post_sys, s.bp_post_dia, note,
                           common)  # fmt: skip

    def _bp(
        self,
        key: str,
        when: str,
        systolic: int,
        diastolic: int,
        note: dict[str, str],
        common: dict[str, Any],
    ) -> Built:
        return self._make(
            key,
            fc.loinc(fc.BP_PANEL),
            when,
            fc.category(*fc.VITAL_SIGNS),
            component=[_mmhg(fc.SYSTOLIC, systolic), _mmhg(fc.DIASTOLIC, diastolic)],
            note=[note],
            **common,
        )

    def _pain(
        self, s: SessionDTO, before: str, after: str, common: dict[str, Any]
    ) -> Iterator[Built]:
        survey = fc.category(*fc.SURVEY)
        for phase, when, value in (("pre", before, s.nrs_pre), ("post", after, s.nrs_post)):
            if value is not None:
                yield self._make(
                    f"session/{s.id}/nrs_{phase}",
                    fc.loinc(fc.PAIN_NRS),
                    when,
                    survey,
                    valueInteger=value,
                    note=[_phase_note(phase)],
                    **common,
                )
        for index, zone in enumerate(s.pain_zones):
            for phase, when, value in (
                ("pre", before, zone.nrs_pre),
                ("post", after, zone.nrs_post),
            ):
                if value is not None:
                    yield self._make(
                        f"session/{s.id}/zone/{index}/nrs_{phase}",
                        fc.loinc(fc.PAIN_NRS),
                        when,
                        survey,
                        valueInteger=value,
                        bodySite=fc.text_concept(zone.zone),
                        note=[_phase_note(phase)],
                        **common,
                    )

    def _skin(
        self, s: SessionDTO, before: str, after: str, common: dict[str, Any]
    ) -> Iterator[Built]:
        method = fc.text_concept(s.skin_temp_method) if s.skin_temp_method else None
        for phase, when, value in (
            ("pre", before, s.skin_temp_before_c),
            ("post", after, s.skin_temp_after_c),
        ):
            if value is not None:
                yield self._make(
                    f"session/{s.id}/skin_{phase}",
                    fc.loinc(fc.SKIN_TEMP),
                    when,
                    fc.category(*fc.VITAL_SIGNS),
                    valueQuantity=fc.quantity(value, "°C", "Cel"),
                    method=method,
                    note=[_phase_note(phase)],
                    **common,
                )

    # cold tests -------------------------------------------------------------------------

    def for_cold_test(self, t: ColdTestDTO) -> Built:
        when = t.performed_on.isoformat()
        fields: dict[str, Any] = {
            "status": "entered-in-error" if t.archived_at is not None else "final",
            "note": [{"text": t.notes}] if t.notes else None,
        }
        if t.kind == "ice_cube":
            fields.update(_ice_cube(t))
        elif t.kind == "cold_pressor":
            fields.update(_cold_pressor(t))
        else:
            fields.update(_threshold(t))
        return self._make(
            f"cold_test/{t.id}",
            fc.local("cold-test", t.kind, _COLD_TESTS.get(t.kind, t.kind)),
            when,
            fc.category(*fc.EXAM),
            **fields,
        )

    # outcome scores ---------------------------------------------------------------------

    def for_assessment(self, a: AssessmentDTO) -> Built:
        label = ASSESSMENT_RANGES[a.kind].label if a.kind in ASSESSMENT_RANGES else a.kind
        code = fc.loinc(fc.PAIN_NRS) if a.kind == "nrs" else fc.local("outcome", a.kind, label)
        unit = "{count}" if a.kind == "lesion_count" else "{score}"
        return self._make(
            f"assessment/{a.id}",
            code,
            a.assessed_on.isoformat(),
            fc.category(*fc.SURVEY),
            status="entered-in-error" if a.archived_at is not None else "final",
            valueQuantity=fc.quantity(a.value, unit.strip("{}"), unit),
            note=[{"text": a.notes}] if a.notes else None,
        )


def _mmhg(code: tuple[str, str], value: int) -> dict[str, Any]:
    return {"code": fc.loinc(code), "valueQuantity": fc.quantity(value, "mmHg", "mm[Hg]")}


def _phase_note(phase: str) -> dict[str, str]:
    return {"text": "Before the session" if phase == "pre" else "After the session"}


def _component(code: str, label: str, **value: Any) -> dict[str, Any]:
    return {"code": fc.local("cold-test-part", code, label), **value}


def _interpretation(positive: bool) -> list[Any]:
    code, display = ("POS", "Positive") if positive else ("NEG", "Negative")
    return [fc.concept(fc.INTERPRETATION, code, display)]


def _ice_cube(t: ColdTestDTO) -> dict[str, Any]:
    result = t.ice_result or "negative"
    parts = []
    if t.contact_s is not None:
        parts.append(_component("contact", "Contact time", valueQuantity=_seconds(t.contact_s)))
    if t.read_after_min is not None:
        parts.append(
            _component(
                "read_after",
                "Read after removal",
                valueQuantity=fc.quantity(t.read_after_min, "min", "min"),
            )
        )
    if t.antihistamine_48h is not None:
        parts.append(
            _component(
                "antihistamine_48h",
                "Antihistamine in the last 48 h",
                valueBoolean=t.antihistamine_48h,
            )
        )
    return {
        "valueCodeableConcept": fc.local(
            "ice-cube-result", result, _ICE_RESULTS.get(result, result)
        ),
        "interpretation": _interpretation(result in ("wheal", "systemic")),
        "component": parts or None,
    }


def _seconds(value: int) -> dict[str, Any]:
    return fc.quantity(value, "s", "s")


def _cold_pressor(t: ColdTestDTO) -> dict[str, Any]:
    parts = []
    if t.water_c is not None:
        parts.append(
            _component(
                "water", "Water temperature", valueQuantity=fc.quantity(t.water_c, "°C", "Cel")
            )
        )
    if t.immersion_s is not None:
        parts.append(
            _component("immersion", "Immersion time", valueQuantity=_seconds(t.immersion_s))
        )
    for code, label, value in (
        ("bp_before_systolic", "Systolic before", t.bp_before_sys),
        ("bp_before_diastolic", "Diastolic before", t.bp_before_dia),
        ("bp_after_systolic", "Systolic after", t.bp_after_sys),
        ("bp_after_diastolic", "Diastolic after", t.bp_after_dia),
    ):
        if value is not None:
            parts.append(
                _component(code, label, valueQuantity=fc.quantity(value, "mmHg", "mm[Hg]"))
            )
    return {"component": parts or None}


def _threshold(t: ColdTestDTO) -> dict[str, Any]:
    if t.ctt_c is None:
        return {
            "valueCodeableConcept": fc.text_concept("No wheal at any tested temperature"),
            "interpretation": _interpretation(False),
        }
    return {
        "valueQuantity": fc.quantity(t.ctt_c, "°C", "Cel"),
        "interpretation": _interpretation(True),
    }
