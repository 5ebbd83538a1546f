"""What the day plan (the Today tab) reads besides the appointments: who is due a session
by their open courses' schedule, the sessions of a day, and those not signed yet."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, Integer, String, bindparam, select, text

from cryolog.db.course_due import COUNTED as COUNTED
from cryolog.db.course_due import display_name as _name
from cryolog.db.database import as_date
from cryolog.db.models import Patient, TreatmentSession
from cryolog.domain.booking.bookings import AppointmentStatus
from cryolog.domain.catalog import MODALITIES, protocol
from cryolog.domain.schedule import overdue_grace_days
from cryolog.domain.session_state import OPEN_STATES
from cryolog.services.base import Service
from cryolog.services.dto import DueCourse, TodaySession

UNSIGNED = [s.value for s in OPEN_STATES]
HELD_STATUSES = [AppointmentStatus.BOOKED.value, AppointmentStatus.ATTENDED.value]
"""A visit in one of these states holds its course's next session (appointments_rules.HELD)."""

_DAY = bindparam("day", type_=Date())
_ORDER = " FROM course_due WHERE next_due <= :day ORDER BY next_due, name_key, course_id"
DUE = text(
    "SELECT course_id, patient_id, protocol_id, next_due, sessions_planned, sessions_done,"
    " patient_name" + _ORDER
).bindparams(_DAY)
DUE_KEYS = text("SELECT course_id, patient_id, protocol_id, next_due" + _ORDER).bindparams(_DAY)
"""The due rows with only what sorts them into overdue and the rest (a page's worth of
them is then read whole, ``DUE_SHOWN``): half the read of ``DUE`` for a long list."""
DUE_SHOWN = text(
    "SELECT course_id, sessions_planned, sessions_done, patient_name FROM course_due"
    " WHERE course_id IN :ids"
).bindparams(bindparam("ids", expanding=True, type_=Integer()))
HELD_COURSES = text(
    "SELECT course_id FROM appointment WHERE local_day >= :day AND status IN :held"
).bindparams(_DAY, bindparam("held", expanding=True, type_=String()))
"""The courses of the visits held from a day on: one range of ``ix_appointment_day_course``,
read from the index alone (no DISTINCT and no test on the course: either makes SQLite walk
the course index, every appointment of the practice, to spare itself a sort)."""


@dataclass(frozen=True, slots=True)
class DuePage:
    """A stretch of the due list (``offset`` on, at most the limit asked for) and how many
    courses the whole list has."""

    items: tuple[DueCourse, ...]
    total: int


def _paged(
    rows: Sequence[Sequence[Any]],
    today: date,
    held: set[int],
    leave_out: Collection[int],
    offset: int,
    limit: int | None,
) -> tuple[list[Sequence[Any]], dict[tuple[str, object], tuple[int, bool]], int]:
    """The due rows (course, patient, protocol, date first, in the key's order) sorted into
    overdue and the rest, the held courses and left-out patients left out: the page's
    rows, each (protocol, date)'s days late and whether overdue, and the list's length."""
    # (protocol, date) -> days late, overdue: a few hundred for thousands of rows
    facts: dict[tuple[str, object], tuple[int, bool]] = {}
    graces: dict[str, int] = {}
    overdue: list[Sequence[Any]] = []
    later: list[Sequence[Any]] = []  # each in the rows' order: by date, then name
    for row in rows:
        cid, pid, proto, nxt = row[:4]
        if cid in held or pid in leave_out:
            continue
        fact = facts.get((proto, nxt))
        if fact is None:
            grace = graces.get(proto)
            if grace is None:
                grace = graces[proto] = overdue_grace_days(protocol(proto))
            late = (today - as_date(nxt)).days
            fact = facts[(proto, nxt)] = (late, late > grace)
        (overdue if fact[1] else later).append(row)
    total, first = len(overdue) + len(later), len(overdue)
    end = total if limit is None else min(total, offset + max(limit, 0))
    page = overdue[offset:end] + later[max(offset - first, 0) : max(end - first, 0)]
    return page, facts, total


class TodayService(Service):
    def due(self, today: date | None = None, *, unbooked: bool = False) -> list[DueCourse]:
        """Open courses due on ``today`` or overdue: overdue first, then by date and name;
        with ``unbooked``, only those with no visit held for them from ``today`` on (the
        whole list: the window asks for it a page at a time, ``due_page``)."""
        return list(self.due_page(today, unbooked=unbooked).items)

    def due_page(
        self,
        today: date | None = None,
        *,
        unbooked: bool = False,
        leave_out: Collection[int] = (),
        offset: int = 0,
        limit: int | None = None,
    ) -> DuePage:
        """The due list from ``offset`` on, at most ``limit`` courses (None: to its end),
        and its length; the courses of the patients in ``leave_out`` are not in it.

        The courses come from ``course_due`` (each open course's next due date, count,
        target and patient's name, kept exact by every write that changes them,
        cryolog.db.course_due): one range of its primary key (date, case-folded name,
        course), already in the list's order, so the read is as long as the list, however
        many open courses and sessions the practice has. Every row's date and protocol is
        read and sorted into overdue and the rest (the total counts them all), but only
        the page's rows are read whole and made into the list's items. The visits held
        from ``today`` on are one range of an index of the appointments."""
        today = today or date.today()
        whole = limit is None
        with self.read() as session:
            rows = session.execute(DUE if whole else DUE_KEYS, {"day": today}).all()
            held: set[int] = set()
            if unbooked:
                found = session.execute(HELD_COURSES, {"day": today, "held": HELD_STATUSES})
                held = {cid for (cid,) in found.all()}
            page, facts, total = _paged(rows, today, held, leave_out, offset, limit)
            if not whole and page:  # the page's rows in full, in the same transaction
                ids = [row[0] for row in page]
                shown = {r[0]: r[1:] for r in session.execute(DUE_SHOWN, {"ids": ids})}
                page = [(*row, *shown[row[0]]) for row in page]
        labels: dict[str, str] = {}
        items: list[DueCourse] = []
        for cid, pid, proto, nxt, planned, done, name in page:
            label = labels.get(proto)
            if label is None:
                label = labels[proto] = protocol(proto).label  # in today's language
            late, past_grace = facts[(proto, nxt)]
            items.append(
                DueCourse(pid, name, cid, label, done, planned, as_date(nxt), past_grace, late)
            )
        return DuePage(tuple(items), total)

    def recorded(self, today: date | None = None) -> list[TodaySession]:
        """Sessions of ``today`` (its calendar day), drafts included, earliest first."""
        today = today or date.today()
        return self._sessions(TreatmentSession.session_date == today)

    def to_complete(self, today: date | None = None) -> list[TodaySession]:
        """Sessions of earlier days still not signed (a draft, running or completed)."""
        today = today or date.today()
        return self._sessions(
            TreatmentSession.session_date < today,
            TreatmentSession.state.in_(UNSIGNED),
            _not_signed(),
        )

    def unfinished(self, today: date | None = None) -> list[TodaySession]:
        """Every session not signed yet (a draft, running or completed) up to ``today``,
        oldest first: what the day plan lists to be completed."""
        today = today or date.today()
        return self._sessions(
            TreatmentSession.session_date <= today,
            TreatmentSession.state.in_(UNSIGNED),
            _not_signed(),
        )

    def _sessions(self, *where: Any) -> list[TodaySession]:
        with self.read() as session:
            rows = session.execute(
                select(
                    TreatmentSession.id,
                    TreatmentSession.patient_id,
                    TreatmentSession.started_at,
                    TreatmentSession.modality,
                    TreatmentSession.duration_s,
                    TreatmentSession.course_id,
                    TreatmentSession.state,
                    Patient.family_name,
                    Patient.given_name,
                    Patient.middle_name,
                )
                .join(Patient, Patient.id == TreatmentSession.patient_id)
                .where(*where, TreatmentSession.archived_at.is_(None))
                .order_by(TreatmentSession.started_at, TreatmentSession.id)
            ).all()
        labels: dict[str, str] = {}
        found: list[TodaySession] = []
        for sid, pid, at, modality, duration, cid, state, family, given, middle in rows:
            if modality not in labels:
                labels[modality] = MODALITIES[modality].label
            found.append(
                TodaySession(
                    sid,
                    pid,
                    _name(family, given, middle),
                    at,
                    labels[modality],
                    duration,
                    cid,
                    state,
                )
            )
        return found


def _not_signed() -> Any:
    """``state <> 'signed'``: the condition of the partial index on the sessions' state
    (revision 0021), which SQLite uses only when the query states that condition."""
    from cryolog.domain.session_state import SessionState

    return TreatmentSession.state != SessionState.SIGNED.value
