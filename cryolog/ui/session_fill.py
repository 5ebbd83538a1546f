"""Fill the session form from a stored session (to go on with it, or to amend it), and
pre-fill a new one from the course's previous session."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from cryolog.services.dto import SessionDTO
from cryolog.ui.session_fields import shown
from cryolog.ui.session_form import SessionFormView


def fill_form(view: SessionFormView, s: SessionDTO) -> None:
    """Every field the form has, exactly as stored (temperatures in the unit typed, the
    start time to the microsecond, every blood pressure reading)."""
    view.modality.setCurrentIndex(max(view.modality.findData(s.modality), 0))
    view.set_started(s.started_at)
    view.duration.set_seconds(s.duration_s)
    view.actual.set_seconds(s.actual_exposure_s)
    view.over_note.setText(s.over_max_note)
    view.set_temp.set_celsius(s.set_temp_c, s.temp_unit_entered)
    view.measured_temp.set_celsius(s.measured_temp_c, s.temp_unit_entered)
    view.device.setText(s.device)
    view.applicator.setText(s.applicator)
    view.vitals.set_readings(s.bp_readings)
    _pair(view.bp_post, s.bp_post_sys, s.bp_post_dia)
    for edit, value in (
        (view.hr_pre, s.hr_pre),
        (view.hr_post, s.hr_post),
        (view.spo2_pre, s.spo2_pre),
        (view.spo2_post, s.spo2_post),
        (view.skin_before, s.skin_temp_before_c),
        (view.skin_after, s.skin_temp_after_c),
        (view.nrs_pre, s.nrs_pre),
        (view.nrs_post, s.nrs_post),
    ):
        edit.setText(shown(value))
    view.skin_method.setCurrentIndex(max(view.skin_method.findData(s.skin_temp_method), 0))
    checks = {
        "dry_skin": s.chk_dry_skin,
        "no_lotion": s.chk_no_lotion,
        "no_metal": s.chk_no_metal,
        "protective_gear": s.chk_protective_gear,
        "oxygen_monitor": s.chk_oxygen_monitor,
    }
    for item, box in view.checks.items():
        box.setChecked(bool(checks.get(item)))
    view.direct.setChecked(bool(s.direct_skin_contact))
    view.areas.setRowCount(0)
    for a in s.areas:
        view.add_area(a.site, a.kind, shown(a.area_dm2), shown(a.passes), shown(a.exposure_s))
    view.reactions.setText(s.reactions)
    view.aborted.setChecked(s.aborted)
    view.abort_reason.setText(s.abort_reason)
    view.notes.setPlainText(s.notes)


def carry_forward(view: SessionFormView, previous: SessionDTO) -> None:
    """What a returning patient's next session starts from: the previous session's set
    values and device. What was measured then (the chamber's real temperature, vitals,
    skin, pain) is measured again, never copied."""
    view.modality.setCurrentIndex(view.modality.findData(previous.modality))
    view.duration.set_seconds(previous.duration_s)
    view.set_temp.set_celsius(previous.set_temp_c, previous.temp_unit_entered)
    view.measured_temp.set_celsius(None, previous.temp_unit_entered)
    view.device.setText(previous.device)
    view.applicator.setText(previous.applicator)
    view.areas.setRowCount(0)
    for a in previous.areas:
        view.add_area(a.site, a.kind, shown(a.area_dm2), shown(a.passes), shown(a.exposure_s))


def _pair(edits: tuple[QLineEdit, QLineEdit], systolic: int | None, diastolic: int | None) -> None:
    edits[0].setText(shown(systolic))
    edits[1].setText(shown(diastolic))
