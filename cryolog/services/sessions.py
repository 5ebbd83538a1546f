"""Record and amend treatment sessions, with the safety findings of the rule engine."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from cryolog.db.models import Course, SessionArea, SessionFinding, SessionPainZone, TreatmentSession
from cryolog.domain.catalog import protocol
from cryolog.domain.enums import CourseStatus, FindingLevel
from cryolog.domain.errors import FieldError, InvalidInput
from cryolog.domain.reasons import check_reason
from cryolog.domain.schemas import SessionInput
from cryolog.services import audit
from cryolog.services.base import Payload, Service
from cryolog.services.dto import AreaDTO, FindingDTO, PainZoneDTO, SessionDTO, from_row
from cryolog.services.safety import Finding, SafetyStop, evaluate_for_session

_SCALARS = (
    "modality",
    "device",
    "applicator",
    "duration_s",
    "hr_pre",
    "spo2_pre",
    "hr_post",
    "spo2_post",
    "skin_temp_before_c",
    "skin_temp_after_c",
    "nrs_pre",
    "nrs_post",
    "direct_skin_contact",
    "reactions",
    "aborted",
    "abort_reason",
    "notes",
    "course_id",
)


def session_dto(row: TreatmentSession) -> SessionDTO:
    return from_row(
        SessionDTO,
        row,
        areas=tuple(from_row(AreaDTO, a) for a in row.areas),
        pain_zones=tuple(from_row(PainZoneDTO, z) for z in row.pain_zones),
        findings=tuple(from_row(FindingDTO, f) for f in row.findings),
    )


def session_columns(values: SessionInput) -> dict[str, Any]:
    """Table columns of a validated session input (temperatures in °C, day in local time)."""
    columns: dict[str, Any] = {name: getattr(values, name) for name in _SCALARS}
    columns["started_at"] = values.started_at
    columns["session_date"] = local_day(values)
    columns["set_temp_c"] = values.set_temp.celsius if values.set_temp else None
    columns["measured_temp_c"] = values.measured_temp.celsius if values.measured_temp else None
    columns["temp_unit_entered"] = values.set_temp.unit.value if values.set_temp else "C"
    columns["skin_temp_method"] = values.skin_temp_method.value if values.skin_temp_method else None
    for phase in ("pre", "post"):
        bp = getattr(values, f"bp_{phase}")
        columns[f"bp_{phase}_sys"] = bp.systolic if bp else None
        columns[f"bp_{phase}_dia"] = bp.diastolic if bp else None
    for item, value in values.checklist.model_dump().items():
        columns[f"chk_{item}"] = value
    return columns


def local_day(values: SessionInput) -> date:
    """The practice's calendar day of the session (the machine's local time zone)."""
    return values.started_at.astimezone().date()


def _children(values: SessionInput, findings: list[Finding]) -> dict[str, Any]:
    return {
        "areas": [
            SessionArea(
                position=i,
                site=a.site,
                kind=a.kind.value,
                area_dm2=a.area_dm2,
                passes=a.passes,
                exposure_s=a.exposure_s,
            )
            for i, a in enumerate(values.areas)
        ],
        "pain_zones": [
            SessionPainZone(position=i, zone=z.zone, nrs_pre=z.nrs_pre, nrs_post=z.nrs_post)
            for i, z in enumerate(values.pain_zones)
        ],
        "findings": [
            SessionFinding(
                position=i,
                rule=f.rule,
                level=f.level.value,
                message=f.message,
                override_reason=values.overrides.get(f.rule) or None,
            )
            for i, f in enumerate(findings)
        ],
    }


def require_overrides(findings: list[Finding], overrides: dict[str, str]) -> None:
    """Refuse unless every hard stop has a written override reason."""
    unresolved = [
        f
        for f in findings
        if f.level is FindingLevel.HARD_STOP and not overrides.get(f.rule, "").strip()
    ]
    if unresolved:
        raise SafetyStop(findings, unresolved)


class SessionService(Service):
    def record_session(self, patient_id: int, data: Payload) -> SessionDTO:
        values = self.validate(SessionInput, data)
        with self.write() as session:
            self.live_patient(session, patient_id)
            self._check_course(session, patient_id, values)
            findings = evaluate_for_session(session, patient_id, values, exclude_session=None)
            require_overrides(findings, values.overrides)
            row = TreatmentSession(
                patient_id=patient_id, **session_columns(values), **_children(values, findings)
            )
            self.add_record(session, row, "session", patient_id)
            return session_dto(row)

    def preview_findings(
        self, patient_id: int, data: Payload, session_id: int | None = None
    ) -> list[Finding]:
        """What the rule engine says about a proposed session, without saving anything."""
        values = self.validate(SessionInput, data)
        with self.read() as session:
            return evaluate_for_session(session, patient_id, values, exclude_session=session_id)

    def amend_session(
        self,
        session_id: int,
        data: Payload,
        *,
        reason: str,
        expected_version: int | None = None,
    ) -> SessionDTO:
        values = self.validate(SessionInput, data)
        reason = check_reason(reason)
        with self.write() as session:
            row = self.get(session, TreatmentSession, session_id)
            self.check_version(row, expected_version)
            self._check_course(session, row.patient_id, values, amending=True)
            findings = evaluate_for_session(session, row.patient_id, values, exclude_session=row.id)
            require_overrides(findings, values.overrides)
            before = audit.snapshot(
                row, areas=row.areas, pain_zones=row.pain_zones, findings=row.findings
            )
            for key, value in {**session_columns(values), **_children(values, findings)}.items():
                setattr(row, key, value)
            session.flush()
            after = audit.snapshot(
                row, areas=row.areas, pain_zones=row.pain_zones, findings=row.findings
            )
            audit.write(
                session,
                self.actor,
                "amend",
                "session",
                row.id,
                row.patient_id,
                before,
                after,
                reason,
            )
            return session_dto(row)

    def archive(self, session_id: int, reason: str) -> None:
        with self.write() as session:
            row = self.get(session, TreatmentSession, session_id)
            self.archive_row(session, row, "session", row.patient_id, reason)

    def _check_course(
        self, session: Session, patient_id: int, values: SessionInput, amending: bool = False
    ) -> None:
        if local_day(values) > date.today():
            raise InvalidInput([FieldError("started_at", "is in the future")])
        if values.course_id is None:
            return
        course = session.get(Course, values.course_id)
        if course is None or course.patient_id != patient_id:
            raise InvalidInput([FieldError("course_id", "is not a course of this patient")])
        if course.status != CourseStatus.OPEN.value and not amending:
            raise InvalidInput([FieldError("course_id", "this course is closed")])
        if local_day(values) < course.started_on:
            raise InvalidInput(
                [
                    FieldError(
                        "started_at",
                        f"is before the course started ({course.started_on.isoformat()})",
                    )
                ]
            )
        spec = protocol(course.protocol_id)
        if not spec.allows(values.modality):
            allowed = ", ".join(spec.modalities)
            raise InvalidInput(
                [
                    FieldError(
                        "modality",
                        f"{values.modality} is not used in {spec.label} courses ({allowed})",
                    )
                ]
            )
