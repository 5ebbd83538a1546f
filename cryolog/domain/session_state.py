"""The life of a session record: draft → running → completed → signed (or abandoned).

- **draft**: stored as soon as the practitioner starts a session, so a crash loses none
  of it; every value can change (blood pressure can be measured again after rest), hard
  stops are allowed and simply shown.
- **running**: the exposure timer has started. The pre-session values (below) and the
  override reasons are frozen; a hard stop cannot be left unresolved.
- **completed**: the exposure is over (its actual length recorded); the after-session
  values are filled in without an amendment reason.
- **signed**: locked; a later change is an amendment with a reason.
- **abandoned**: a draft given up, with a reason; kept, but it counts nowhere.

Running and later sessions count for the daily and interval rules; drafts do not.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.messages import Message, Ref


class SessionState(StrEnum):
    DRAFT = "draft"
    RUNNING = "running"
    COMPLETED = "completed"
    SIGNED = "signed"
    ABANDONED = "abandoned"

    @property
    def counts(self) -> bool:
        """Whether a session in this state counts for the rules and the course's schedule."""
        return self in COUNTED_STATES

    @property
    def open(self) -> bool:
        """Not yet signed (nor abandoned): still being recorded."""
        return self in OPEN_STATES

    @property
    def label(self) -> str:
        return Ref("session_state", self.value).render()


COUNTED_STATES = frozenset({SessionState.RUNNING, SessionState.COMPLETED, SessionState.SIGNED})
OPEN_STATES = frozenset({SessionState.DRAFT, SessionState.RUNNING, SessionState.COMPLETED})

TRANSITIONS: dict[SessionState, frozenset[SessionState]] = {
    SessionState.DRAFT: frozenset(
        {SessionState.RUNNING, SessionState.COMPLETED, SessionState.ABANDONED}
    ),
    SessionState.RUNNING: frozenset({SessionState.COMPLETED}),
    SessionState.COMPLETED: frozenset({SessionState.SIGNED}),
    SessionState.SIGNED: frozenset(),
    SessionState.ABANDONED: frozenset(),
}
"""A draft may also be marked done without the timer (completed straight away)."""

PRE_SESSION_FIELDS = (
    "course_id",
    "modality",
    "started_at",
    "duration_s",
    "set_temp",
    "device",
    "applicator",
    "bp_pre",
    "bp_pre_readings",
    "hr_pre",
    "spo2_pre",
    "checklist",
    "skin_temp_before_c",
    "nrs_pre",
    "direct_skin_contact",
    "overrides",
)
"""Session input fields frozen once the timer runs: what the safety checks were made on."""


def transition_problem(current: SessionState, target: SessionState) -> Message | None:
    """Why a session cannot go from ``current`` to ``target``, or None when it can."""
    if target in TRANSITIONS[current]:
        return None
    return Message(
        "field.transition",
        current=Ref("session_state", current.value),
        target=Ref("session_state", target.value),
    )


def exposure_limit_s(modality: str, settings: Mapping[str, float]) -> int | None:
    """The most exposure the practice allows for ``modality`` (None: no such limit).

    Whole-body sessions stop at ``exposure_max_s``; ice and cold packs at
    ``cold_pack_max_s``; extreme local cold has per-area limits instead.
    """
    group = MODALITIES[modality].group
    if group is ModalityGroup.GENERAL:
        return int(settings["exposure_max_s"])
    if group is ModalityGroup.LOCAL_MODERATE:
        return int(settings["cold_pack_max_s"])
    return None


def ran_past_maximum(modality: str, actual_s: int | None, settings: Mapping[str, float]) -> bool:
    """True when the recorded exposure is longer than the modality's maximum."""
    limit = exposure_limit_s(modality, settings)
    return actual_s is not None and limit is not None and actual_s > limit
