"""The session panel's typing kept aside (ui/keep_aside.py) and offered back after a crash.

A session is stored as a draft while it is typed, but only what is valid can be stored: a
half-typed blood pressure or a duration that cannot be read stays in the panel. That
typing is kept aside with the other forms of the record — which session it belongs to
(or the course of one not stored yet, or the signed one being amended), the fields, and
the treated areas as typed — and put back into a panel opened on the same session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cryolog.ui import form_state

if TYPE_CHECKING:
    from cryolog.ui.session_panel import SessionPanel

KEY = "session"
"""The name of the session panel among a record's kept forms."""


def kept_state(panel: SessionPanel) -> dict[str, Any] | None:
    """What the panel holds that the database does not have yet (None: nothing)."""
    presenter = panel.presenter
    dto = presenter.dto
    if not presenter.unsaved() or (dto is None and presenter.busy):
        return None  # stored, or the first draft (what was filled in for it) on its way
    form = panel.form
    return {
        "session_id": dto.id if dto is not None else None,
        "state": dto.state if dto is not None else None,
        "amending": panel.amending is not None,
        "course_id": presenter.course_id(),
        "fields": form_state.snapshot(form, skip=form.areas_box),
        "areas": form.areas_box.rows(),
    }


def session_id(state: dict[str, Any]) -> int | None:
    value = state.get("session_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def course_id(state: dict[str, Any]) -> int | None:
    value = state.get("course_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def same_step(state: dict[str, Any], session_state: str) -> bool:
    """Was the typing kept while the session was where it is now? (Typing kept in a
    draft is not put over the frozen values of a session that has run since.)"""
    return state.get("state") == session_state


def put_back(panel: SessionPanel, state: dict[str, Any]) -> None:
    """Put kept typing back into ``panel`` (opened on the same session); it is unsaved
    again, so the draft is stored as soon as it is valid."""
    form = panel.form
    areas = state.get("areas")
    if isinstance(areas, list):
        form.areas_box.set_rows(areas)
    fields = state.get("fields")
    if isinstance(fields, dict):
        form_state.apply(form, fields, skip=form.areas_box)
    form.changed.emit()
