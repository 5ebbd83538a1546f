"""Record screening, medical clearance, consent and cold tests."""

from __future__ import annotations

from typing import Any

from cryolog.db.models import Clearance, ColdTest, Consent, Screening, ScreeningAnswer
from cryolog.db.models._common import ClinicalRecord
from cryolog.db.types import utcnow
from cryolog.domain.catalog import CATALOG_VERSION
from cryolog.domain.enums import ColdTestKind
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.schemas import (
    ClearanceInput,
    ColdPressorTestInput,
    ColdTestInput,
    ConsentInput,
    IceCubeTestInput,
    ScreeningInput,
    TempThresholdTestInput,
)
from cryolog.domain.schemas.ice_cube import TimedIceCubeTestInput
from cryolog.services.base import Payload, Service
from cryolog.services.dto import (
    ClearanceDTO,
    ColdTestDTO,
    ConsentDTO,
    ScreeningDTO,
    from_row,
)
from cryolog.services.ice_test import timing_columns
from cryolog.services.record_reads import cold_test_dto, load_thresholds, screening_dto

_COLD_TEST_INPUTS: dict[ColdTestKind, type[ColdTestInput]] = {
    ColdTestKind.ICE_CUBE: TimedIceCubeTestInput,
    ColdTestKind.COLD_PRESSOR: ColdPressorTestInput,
    ColdTestKind.TEMP_THRESHOLD: TempThresholdTestInput,
}

_ARCHIVABLE: dict[str, type[ClinicalRecord]] = {
    "screening": Screening,
    "clearance": Clearance,
    "consent": Consent,
    "cold_test": ColdTest,
}


def cold_test_columns(kind: ColdTestKind, values: Any) -> dict[str, Any]:
    """Table columns of a validated cold test input."""
    columns: dict[str, Any] = {
        "kind": kind.value,
        "performed_on": values.performed_on,
        "notes": values.notes,
    }
    if isinstance(values, IceCubeTestInput):
        columns.update(
            contact_s=values.contact_s,
            read_after_min=values.read_after_min,
            ice_result=values.result.value,
            antihistamine_48h=values.antihistamine_48h,
        )
        if isinstance(values, TimedIceCubeTestInput):
            columns.update(timing_columns(values, utcnow()))
    elif isinstance(values, ColdPressorTestInput):
        columns.update(
            water_c=values.water_c,
            immersion_s=values.immersion_s,
            bp_before_sys=values.bp_before.systolic,
            bp_before_dia=values.bp_before.diastolic,
            bp_after_sys=values.bp_after.systolic,
            bp_after_dia=values.bp_after.diastolic,
        )
    else:
        columns.update(ctt_c=values.ctt_c)
    return columns


class PretreatmentService(Service):
    def record_screening(self, patient_id: int, data: Payload) -> ScreeningDTO:
        values = self.validate(ScreeningInput, data)
        with self.write() as session:
            self.live_patient(session, patient_id)
            row = Screening(
                patient_id=patient_id,
                screened_on=values.screened_on,
                catalog_version=CATALOG_VERSION,
                notes=values.notes,
                answers=[
                    ScreeningAnswer(condition_id=c, answer=a.value)
                    for c, a in sorted(values.answers.items())
                ],
            )
            self.add_record(session, row, "screening", patient_id)
            return screening_dto(row)

    def record_clearance(self, patient_id: int, data: Payload) -> ClearanceDTO:
        values = self.validate(ClearanceInput, data)
        with self.write() as session:
            self.live_patient(session, patient_id)
            row = Clearance(patient_id=patient_id, **values.model_dump())
            self.add_record(session, row, "clearance", patient_id)
            return from_row(ClearanceDTO, row)

    def record_consent(self, patient_id: int, data: Payload) -> ConsentDTO:
        values = self.validate(ConsentInput, data)
        with self.write() as session:
            self.live_patient(session, patient_id)
            current = int(load_thresholds(session)["consent_form_version"])
            if values.form_version > current:
                raise InvalidInput(
                    [
                        FieldError(
                            "form_version",
                            said(
                                "form_version_ahead", version=values.form_version, current=current
                            ),
                        )
                    ]
                )
            row = Consent(patient_id=patient_id, **values.model_dump())
            self.add_record(session, row, "consent", patient_id)
            return from_row(ConsentDTO, row)

    def record_cold_test(self, patient_id: int, kind: str, data: Payload) -> ColdTestDTO:
        test_kind = next((k for k in ColdTestKind if k.value == kind), None)
        if test_kind is None:
            known = ", ".join(k.value for k in ColdTestKind)
            raise InvalidInput([FieldError("kind", said("one_of", choices=known))])
        values: ColdTestInput = self.validate(_COLD_TEST_INPUTS[test_kind], data)
        with self.write() as session:
            self.live_patient(session, patient_id)
            row = ColdTest(patient_id=patient_id, **cold_test_columns(test_kind, values))
            self.add_record(session, row, "cold_test", patient_id)
            return cold_test_dto(row)

    def archive(self, entity: str, record_id: int, reason: str) -> None:
        """Archive a screening, clearance, consent or cold test entered in error."""
        model = _ARCHIVABLE[entity]
        with self.write() as session:
            row = self.get(session, model, record_id)
            self.archive_row(session, row, entity, row.patient_id, reason)  # type: ignore[attr-defined]
