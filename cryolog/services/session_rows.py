"""A validated session input as table columns and child rows, and what an edit changes.

Edits are applied as differences: a column whose value is the same is not assigned, and a
list of child rows (areas, pain zones, blood pressure readings, findings) that is the same
is left alone, so an edit never rewrites what it did not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cryolog.db.models import (
    SessionArea,
    SessionBPReading,
    SessionFinding,
    SessionPainZone,
    TreatmentSession,
)
from cryolog.domain import locale as loc
from cryolog.domain.messages import Message
from cryolog.services.dto import (
    AreaDTO,
    BPReadingDTO,
    FindingDTO,
    PainZoneDTO,
    SessionDTO,
    from_row,
)

if TYPE_CHECKING:  # annotations only: printing a session needs neither
    from cryolog.domain.rules import Finding
    from cryolog.domain.schemas import SessionInput

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
    "actual_exposure_s",
    "over_max_note",
)
_CHECKS = ("dry_skin", "no_lotion", "no_metal", "protective_gear", "oxygen_monitor")

FROZEN_COLUMNS: dict[str, tuple[str, ...]] = {
    "course_id": ("course_id",),
    "modality": ("modality",),
    "started_at": ("started_at",),
    "duration_s": ("duration_s",),
    "set_temp": ("set_temp_c", "temp_unit_entered"),
    "device": ("device",),
    "applicator": ("applicator",),
    "bp_pre": ("bp_pre_sys", "bp_pre_dia"),
    "hr_pre": ("hr_pre",),
    "spo2_pre": ("spo2_pre",),
    "checklist": tuple(f"chk_{item}" for item in _CHECKS),
    "skin_temp_before_c": ("skin_temp_before_c",),
    "nrs_pre": ("nrs_pre",),
    "direct_skin_contact": ("direct_skin_contact",),
}
"""The columns behind each pre-session input field (domain.session_state.PRE_SESSION_FIELDS)."""


def session_dto(row: TreatmentSession) -> SessionDTO:
    return from_row(
        SessionDTO,
        row,
        areas=tuple(from_row(AreaDTO, a) for a in row.areas),
        pain_zones=tuple(from_row(PainZoneDTO, z) for z in row.pain_zones),
        findings=tuple(finding_dto(f) for f in row.findings),
        bp_readings=tuple(from_row(BPReadingDTO, r) for r in row.bp_readings),
    )


@lru_cache(maxsize=4096)
def stored_message(key: str, values_json: str | None) -> Message:
    """A saved finding's message (immutable, so one object serves every finding that was
    saved with the same key and values: a long course repeats the same few)."""
    return Message.stored(key, values_json)


def finding_dto(row: Any) -> FindingDTO:
    """A saved finding (``row``: its mapped object, or its columns by attribute)."""
    said = None
    if row.message_key is not None:
        said = stored_message(row.message_key, row.message_values)
    return FindingDTO(
        rule=row.rule,
        level=row.level,
        message=row.message,
        override_reason=row.override_reason,
        said=said,
        shown_language=row.shown_language,
    )


def local_day(values: SessionInput) -> date:
    """The practice's calendar day of the session (the machine's local time zone)."""
    return values.started_at.astimezone().date()


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


# child rows as comparable tuples --------------------------------------------------------


def _area_keys(values: SessionInput) -> list[tuple[Any, ...]]:
    return [(a.site, a.kind.value, a.area_dm2, a.passes, a.exposure_s) for a in values.areas]


def _zone_keys(values: SessionInput) -> list[tuple[Any, ...]]:
    return [(z.zone, z.nrs_pre, z.nrs_post) for z in values.pain_zones]


def _reading_keys(values: SessionInput) -> list[tuple[Any, ...]]:
    return [(r.systolic, r.diastolic, getattr(r, "measured_at", None)) for r in values.pre_readings]


def _finding_keys(findings: Sequence[Finding], overrides: dict[str, str]) -> list[tuple[Any, ...]]:
    """A finding as (rule, level, key, values, override): what it says, in no language."""
    return [
        (f.rule, f.level.value, f.text.key, f.text.values_json(), overrides.get(f.rule) or None)
        for f in findings
    ]


def _stored_finding_keys(row: TreatmentSession) -> list[tuple[Any, ...]]:
    """The stored findings as ``_finding_keys`` writes them. A finding saved before keyed
    messages has only its English text: it stands for itself ("text" with that text)."""
    return [
        (f.rule, f.level, f.message_key, f.message_values, f.override_reason)
        if f.message_key is not None
        else (f.rule, f.level, "text", Message.text(f.message).values_json(), f.override_reason)
        for f in row.findings
    ]


def _legacy_findings_equal(row: TreatmentSession, keys: list[tuple[Any, ...]]) -> bool:
    """Unkeyed stored findings that say, in English, what ``keys`` say (nothing changed)."""
    if any(f.message_key is not None for f in row.findings) or len(row.findings) != len(keys):
        return False
    return all(
        (f.rule, f.level, f.message, f.override_reason)
        == (rule, level, Message.stored(key, values).render(loc.MACHINE), override)
        for f, (rule, level, key, values, override) in zip(row.findings, keys, strict=True)
    )


def _stored_keys(row: TreatmentSession) -> dict[str, list[tuple[Any, ...]]]:
    return {
        "areas": [(a.site, a.kind, a.area_dm2, a.passes, a.exposure_s) for a in row.areas],
        "pain_zones": [(z.zone, z.nrs_pre, z.nrs_post) for z in row.pain_zones],
        "bp_readings": [(r.systolic, r.diastolic, r.measured_at) for r in row.bp_readings],
        "findings": _stored_finding_keys(row),
    }


def stored_overrides(row: TreatmentSession) -> dict[str, str]:
    return {f.rule: f.override_reason for f in row.findings if f.override_reason}


CHILD_MODELS: dict[str, type[Any]] = {
    "areas": SessionArea,
    "pain_zones": SessionPainZone,
    "bp_readings": SessionBPReading,
    "findings": SessionFinding,
}
"""The mapped class of each list of child rows (``TreatmentSession.__audit_children__``)."""


def child_values(name: str, keys: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """The columns of the child rows ``keys`` stand for, in order (no parent, no id)."""
    if name == "areas":
        return [
            {"position": i, "site": s, "kind": k, "area_dm2": d, "passes": p, "exposure_s": e}
            for i, (s, k, d, p, e) in enumerate(keys)
        ]
    if name == "pain_zones":
        return [
            {"position": i, "zone": z, "nrs_pre": a, "nrs_post": b}
            for i, (z, a, b) in enumerate(keys)
        ]
    if name == "bp_readings":
        return [
            {"position": i, "systolic": s, "diastolic": d, "measured_at": m}
            for i, (s, d, m) in enumerate(keys)
        ]
    shown = loc.current()
    return [
        {
            "position": i,
            "rule": r,
            "level": lv,
            "message": Message.stored(k, v).render(shown),
            "override_reason": o,
            "message_key": k,
            "message_values": v,
            "shown_language": shown.language,
        }
        for i, (r, lv, k, v, o) in enumerate(keys)
    ]


def _build(name: str, keys: list[tuple[Any, ...]]) -> list[Any]:
    model = CHILD_MODELS[name]
    return [model(**values) for values in child_values(name, keys)]


def child_keys(
    values: SessionInput, findings: Sequence[Finding] | None
) -> dict[str, list[tuple[Any, ...]]]:
    """The child rows ``values`` stands for; findings only when given (None: keep them)."""
    keys = {
        "areas": _area_keys(values),
        "pain_zones": _zone_keys(values),
        "bp_readings": _reading_keys(values),
    }
    if findings is not None:
        keys["findings"] = _finding_keys(findings, values.overrides)
    return keys


def new_children(values: SessionInput, findings: Sequence[Finding]) -> dict[str, list[Any]]:
    return {name: _build(name, keys) for name, keys in child_keys(values, findings).items()}


# differences -----------------------------------------------------------------------------


def changed_columns(row: TreatmentSession, values: SessionInput) -> dict[str, Any]:
    """The columns whose stored value ``values`` would change."""
    return {
        key: value for key, value in session_columns(values).items() if getattr(row, key) != value
    }


def changed_children(
    row: TreatmentSession, values: SessionInput, findings: Sequence[Finding] | None
) -> dict[str, list[tuple[Any, ...]]]:
    stored = _stored_keys(row)
    return {
        name: keys
        for name, keys in child_keys(values, findings).items()
        if stored[name] != keys and not (name == "findings" and _legacy_findings_equal(row, keys))
    }


def frozen_changes(row: TreatmentSession, values: SessionInput) -> list[str]:
    """The pre-session input fields whose values differ from what is stored."""
    columns = session_columns(values)
    fields = [
        name
        for name, keys in FROZEN_COLUMNS.items()
        if any(getattr(row, key) != columns[key] for key in keys)
    ]
    if _stored_keys(row)["bp_readings"] != _reading_keys(values):
        fields.append("bp_pre_readings")
    given = values.overrides
    if any(given.get(rule) != reason for rule, reason in stored_overrides(row).items()):
        fields.append("overrides")  # a reason given may not change (a new one may be added)
    return fields


def apply(row: TreatmentSession, values: SessionInput, findings: Sequence[Finding] | None) -> bool:
    """Write the differences of ``values`` (and ``findings``, when given) into ``row``;
    True when anything changed."""
    columns = changed_columns(row, values)
    children = changed_children(row, values, findings)
    for key, value in columns.items():
        setattr(row, key, value)
    for name, keys in children.items():
        setattr(row, name, _build(name, keys))
    return bool(columns or children)


def audit_children(row: TreatmentSession) -> dict[str, list[Any]]:
    return {name: list(getattr(row, name)) for name in TreatmentSession.__audit_children__}
