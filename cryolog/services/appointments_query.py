"""Appointments read as DTOs, with the patient's name, the course and the resource."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from cryolog.db.models import Appointment, BookingResource, Course, Patient
from cryolog.domain.booking.stored import StoredWarnings
from cryolog.domain.catalog import PROTOCOLS
from cryolog.services.appointments_dto import AppointmentDTO
from cryolog.services.appointments_zone import to_local


def person_name(family: str, given: str, middle: str) -> str:
    return " ".join(p for p in (family, given, middle) if p)


def appointment_dtos(
    session: Session,
    zone: ZoneInfo,
    *,
    first: date | None = None,
    last: date | None = None,
    patient_id: int | None = None,
    course_id: int | None = None,
    select_ids: Sequence[int] | None = None,
) -> list[AppointmentDTO]:
    a, p = Appointment, Patient
    stmt = (
        select(
            a,
            p.family_name,
            p.given_name,
            p.middle_name,
            p.phone,
            BookingResource.name,
            Course.protocol_id,
        )
        .join(p, p.id == a.patient_id)
        .join(BookingResource, BookingResource.id == a.resource_id)
        .outerjoin(Course, Course.id == a.course_id)
        .order_by(a.starts_at, a.resource_id, a.id)
    )
    if first is not None:
        stmt = stmt.where(a.local_day >= first)
    if last is not None:
        stmt = stmt.where(a.local_day <= last)
    if patient_id is not None:
        stmt = stmt.where(a.patient_id == patient_id)
    if course_id is not None:
        stmt = stmt.where(a.course_id == course_id)
    if select_ids is not None:
        stmt = stmt.where(a.id.in_(list(select_ids)))
    return [
        _dto(row, person_name(family, given, middle), phone, resource, protocol_id, zone)
        for row, family, given, middle, phone, resource, protocol_id in session.execute(stmt)
    ]


def _dto(
    row: Appointment,
    name: str,
    phone: str,
    resource: str,
    protocol_id: str | None,
    zone: ZoneInfo,
) -> AppointmentDTO:
    proto = PROTOCOLS.get(protocol_id or "")
    return AppointmentDTO(
        id=row.id,
        version=row.version,
        patient_id=row.patient_id,
        patient_name=name,
        patient_phone=phone,
        course_id=row.course_id,
        protocol_label=proto.label if proto else "",
        resource_id=row.resource_id,
        resource_name=resource,
        modality=row.modality,
        start=to_local(row.starts_at, zone),
        starts_at=row.starts_at,
        length_min=row.length_min,
        status=row.status,
        cancel_reason=row.cancel_reason,
        session_id=row.session_id,
        warnings=row.warnings,
        kept=StoredWarnings(row.warnings, row.warnings_said, row.warnings_language),
        warning_reason=row.warning_reason,
    )
