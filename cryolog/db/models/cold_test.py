"""Cold tests: ice cube, cold pressor and temperature threshold, in one table."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, Float, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base
from cryolog.db.models._common import ClinicalRecord, between, in_list, patient_fk
from cryolog.db.types import UTCDateTime
from cryolog.domain.enums import ColdTestKind, IceCubeResult

_ICE = "kind <> 'ice_cube' OR (contact_s IS NOT NULL AND ice_result IS NOT NULL)"
_PRESSOR = (
    "kind <> 'cold_pressor' OR (water_c IS NOT NULL AND immersion_s IS NOT NULL"
    " AND bp_before_sys IS NOT NULL AND bp_before_dia IS NOT NULL"
    " AND bp_after_sys IS NOT NULL AND bp_after_dia IS NOT NULL)"
)


class ColdTest(ClinicalRecord, Base):
    __tablename__ = "cold_test"
    __table_args__ = (
        CheckConstraint(in_list("kind", [k.value for k in ColdTestKind]), name="kind_known"),
        CheckConstraint(
            "ice_result IS NULL OR " + in_list("ice_result", [r.value for r in IceCubeResult]),
            name="ice_result_known",
        ),
        CheckConstraint(_ICE, name="ice_fields"),
        CheckConstraint(_PRESSOR, name="pressor_fields"),
        CheckConstraint(between("contact_s", 1, 1800), name="contact_plausible"),
        CheckConstraint(between("water_c", 0, 15), name="water_plausible"),
        CheckConstraint(between("immersion_s", 1, 600), name="immersion_plausible"),
        CheckConstraint(between("ctt_c", 4, 44), name="ctt_plausible"),
        CheckConstraint(between("bp_before_sys", 60, 260), name="bp_before_sys_plausible"),
        CheckConstraint(between("bp_after_sys", 60, 260), name="bp_after_sys_plausible"),
        CheckConstraint(between("bp_before_dia", 30, 160), name="bp_before_dia_plausible"),
        CheckConstraint(between("bp_after_dia", 30, 160), name="bp_after_dia_plausible"),
        CheckConstraint("NOT read_early OR kind = 'ice_cube'", name="read_early_ice_only"),
        CheckConstraint(
            "cube_removed_at IS NULL OR contact_started_at IS NULL"
            " OR cube_removed_at >= contact_started_at",
            name="removed_after_start",
        ),
    )

    patient_id: Mapped[int] = patient_fk()
    kind: Mapped[str] = mapped_column(String(20))
    performed_on: Mapped[date] = mapped_column(Date)
    # ice_cube
    contact_s: Mapped[int | None] = mapped_column(Integer)
    read_after_min: Mapped[int | None] = mapped_column(Integer)
    ice_result: Mapped[str | None] = mapped_column(String(20))
    antihistamine_48h: Mapped[bool | None] = mapped_column(Boolean)
    # ice_cube timed in the window (all None for a test entered afterwards from paper)
    contact_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cube_removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_early: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # cold_pressor
    water_c: Mapped[float | None] = mapped_column(Float)
    immersion_s: Mapped[int | None] = mapped_column(Integer)
    bp_before_sys: Mapped[int | None] = mapped_column(Integer)
    bp_before_dia: Mapped[int | None] = mapped_column(Integer)
    bp_after_sys: Mapped[int | None] = mapped_column(Integer)
    bp_after_dia: Mapped[int | None] = mapped_column(Integer)
    # temp_threshold: None means no wheal at any tested temperature
    ctt_c: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str] = mapped_column(Text, default="")
