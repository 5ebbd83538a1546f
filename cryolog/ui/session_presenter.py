"""Behaviour of the session panel: pre-fill, live checks, and every write on the worker.

A new session is stored as a draft at once; what is typed afterwards is stored a moment
later (``AUTOSAVE_MS``), so a crash loses at most that moment. The steps (start the timer,
stop it, sign, abandon, amend) are queued behind any save still on its way, one write at a
time, each with the version the last write gave back. The window never waits for them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from cryolog.domain.catalog import Protocol, protocol
from cryolog.domain.errors import FieldError, InvalidInput, SafetyStop, StaleRecord
from cryolog.domain.messages import Ref
from cryolog.domain.rules import Finding
from cryolog.domain.schemas import SessionDraftInput, SessionInput, parse
from cryolog.domain.session_state import SessionState, ran_past_maximum
from cryolog.domain.thresholds import defaults
from cryolog.services import Services
from cryolog.services.dto import CourseDTO, SessionDTO
from cryolog.ui.changes import Change
from cryolog.ui.findings_panel import FindingsPanel
from cryolog.ui.session_clock import Clock
from cryolog.ui.session_fill import carry_forward, fill_form
from cryolog.ui.session_form import SessionFormView
from cryolog.ui.tasks import TaskRunner

AUTOSAVE_MS = 600
Work = Callable[[], Any]


@dataclass
class _Op:
    """One write: ``make(version)`` gives the work (None: nothing to write), ``done`` and
    ``failed`` run on the window's thread afterwards."""

    name: str
    make: Callable[[int | None], Work | None]
    done: Callable[[Any], None]
    failed: Callable[[BaseException, str], bool] | None = None


def field_label(path: str, whole: bool = False) -> str:
    """A field in the practitioner's words: its label from the message catalog
    ('duration_s' -> 'duration (s)'), else its name with spaces; ``whole`` adds the
    part of the path below the field ('bp_pre.systolic' -> 'bp pre systolic')."""
    name = path.split(".")[0].split("[")[0]
    if not name:
        return ""
    label = Ref("field_label", name).render().replace("_", " ")
    rest = path[len(name) :].strip(".").replace(".", " ").replace("_", " ")
    return f"{label} {rest}" if whole and rest else label


def field_names(exc: InvalidInput) -> str:
    names: list[str] = []
    for error in exc.errors:
        name = field_label(error.path) or "form"
        if name not in names:
            names.append(name)
    return ", ".join(names)


def readable(exc: InvalidInput) -> str:
    """'duration (s): is required …' — the refusal in words, field by field."""
    return "; ".join(
        f"{field_label(e.path, whole=True)}: {e.message}" if e.path else e.message
        for e in exc.errors
    )


class SessionPresenter(QObject):
    validity = Signal(bool, str)  # complete and valid? else why not
    findings_ready = Signal(list)
    stored = Signal(object)  # the SessionDTO after every write
    needs_overrides = Signal(list, object)  # hard stops, and the step to retry with reasons
    needs_reason = Signal(object)  # amending: the override reasons to save with
    finished = Signal(object)  # signed or amended
    abandoned = Signal()
    refused = Signal(str)  # a write refused: the reason (the fields show theirs)
    failed = Signal(object, str)
    stale = Signal(object, object)  # refused as changed elsewhere: the error, how to redo it
    busy_changed = Signal(bool)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        view: SessionFormView,
        panel: FindingsPanel,
        patient_id: int,
        courses: Sequence[CourseDTO],
        sessions: Sequence[SessionDTO],
        clock: Clock,
        amending: bool = False,
    ) -> None:
        super().__init__(view)
        self.services, self.runner, self.view, self.panel = services, runner, view, panel
        self.patient_id, self.clock, self.amending = patient_id, clock, amending
        self.sessions = list(sessions)
        self.courses = {c.id: c for c in courses}
        self.dto: SessionDTO | None = None
        self.stored_at: datetime | None = None  # when the last write came back
        self.settings: dict[str, float] = defaults()
        self.valid: SessionInput | None = None
        self.reason = ""
        self.start_edited = False
        self._loading = True
        self.read_only = False  # a read-only database: nothing is queued
        self._ops: deque[_Op] = deque()
        self._in_flight = False
        self._current: _Op | None = None
        self._stored_payload: dict[str, Any] | None = None
        self.channel = f"findings:{id(self)}"
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        view.course.addItem(self.tr("No course (one-off session)"), None)
        view.course.currentIndexChanged.connect(self._course_changed)
        view.changed.connect(self._changed)
        view.started.dateTimeChanged.connect(self._start_changed)
        thresholds = services.practice
        runner.submit(f"settings:{id(self)}", thresholds.thresholds, self._settings, owner=view)

    # starting ---------------------------------------------------------------------------

    @property
    def state(self) -> SessionState | None:
        return SessionState(self.dto.state) if self.dto is not None else None

    def _fill_courses(self, kept: int | None) -> None:
        for course in self.courses.values():
            if (course.status == "open" and course.archived_at is None) or course.id == kept:
                label = f"{protocol(course.protocol_id).label} from "
                label += course.started_on.strftime("%d.%m.%Y")
                self.view.course.addItem(label, course.id)

    def begin(self, course_id: int | None, device: str = "") -> None:
        """A new session, pre-filled from the course and its previous session (``device``,
        the booked resource, wins over the previous one's), stored as a draft at once."""
        self._fill_courses(None)
        index = self.view.course.findData(course_id) if course_id else -1
        fallback = min(1, self.view.course.count() - 1)
        self.view.course.setCurrentIndex(index if index >= 0 else fallback)
        self._prefill()
        if device:
            self.view.device.setText(device)
        self._loading = False
        self.check()
        self._queue(_Op("draft", self._make_save, self._saved, self._save_failed))

    def resume(self, dto: SessionDTO) -> None:
        """Go on with a stored session (a draft, or one already running or completed), or
        amend a signed one."""
        self.dto = dto
        self._fill_courses(dto.course_id)
        self.view.course.setCurrentIndex(max(self.view.course.findData(dto.course_id), 0))
        course_protocol = self._course_protocol()
        self.view.allow_modalities(course_protocol.modalities if course_protocol else ())
        fill_form(self.view, dto)
        self.start_edited = dto.session_date != date.today()  # an older start stays as it is
        self._loading = False
        self._stored_payload = self._storable()
        self.check()

    def course_id(self) -> int | None:
        data = self.view.course.currentData()
        return int(data) if data is not None else None

    def _course_protocol(self) -> Protocol | None:
        cid = self.course_id()
        return protocol(self.courses[cid].protocol_id) if cid in self.courses else None

    def _previous(self) -> SessionDTO | None:
        cid = self.course_id()
        same = [s for s in self.sessions if s.counts and s.course_id == cid]
        return max(same, key=lambda s: s.started_at) if same else None

    def _prefill(self) -> None:
        self._loading = True
        v = self.view
        course_protocol = self._course_protocol()
        v.allow_modalities(course_protocol.modalities if course_protocol else ())
        previous = self._previous()
        if previous is not None:
            carry_forward(v, previous)
        elif course_protocol and course_protocol.modalities:
            v.modality.setCurrentIndex(v.modality.findData(course_protocol.modalities[0]))
        v.set_started(self.clock.now())
        self.start_edited = False
        self._loading = False

    def _course_changed(self) -> None:
        if not self._loading and self.state in (None, SessionState.DRAFT) and not self.amending:
            self._prefill()

    def _settings(self, values: dict[str, float]) -> None:
        self.settings = values
        self._show_over_note()

    # typing -----------------------------------------------------------------------------

    def _start_changed(self) -> None:
        if not self._loading:
            self.start_edited = True

    def _changed(self) -> None:
        if self._loading:
            return
        self.check()
        if not self.amending and not self.read_only and (self.state is None or self.state.open):
            self._autosave.start()

    def payload(self, overrides: dict[str, str] | None = None) -> dict[str, Any]:
        data = self.view.values(self.course_id())
        reasons = {**self.kept_overrides(), **(overrides or {})}
        if reasons:
            data["overrides"] = reasons
        if self.dto is not None and self.dto.pain_zones:
            data["pain_zones"] = [asdict(z) for z in self.dto.pain_zones]
        return data

    def kept_overrides(self) -> dict[str, str]:
        """Override reasons already stored with the session (frozen once it has run)."""
        if self.dto is None:
            return {}
        return {f.rule: f.override_reason for f in self.dto.findings if f.override_reason}

    def _parse(self, model: type[SessionInput], data: dict[str, Any]) -> SessionInput:
        try:
            return parse(model, data)
        except InvalidInput as exc:
            raise self._explained(exc) from None

    def _explained(self, exc: InvalidInput) -> InvalidInput:
        """A duration that could not be read is named as such, not as 'a whole number'."""
        problems = self.view.parse_problems()
        return InvalidInput(
            [FieldError(e.path, problems.get(e.path, e.message)) for e in exc.errors]
        )

    def check(self) -> None:
        """Validate what is typed; when complete, ask the rule engine (on the worker)."""
        try:
            self.valid = self._parse(SessionInput, self.payload())
        except InvalidInput as exc:
            self.valid = None
            if self.state in (None, SessionState.DRAFT) and not self.amending:
                self._show_draft_problems(exc)
            else:
                self.view.errors.show(exc)
            count = len(exc.errors)
            plural = "s" if count > 1 else ""
            self.reason = f"{count} value{plural} to complete or fix ({field_names(exc)})."
            self.validity.emit(False, self.reason)
            self.panel.show_note(self.tr("Safety checks run once the values above are complete."))
            return
        self.view.errors.clear()
        self.reason = ""
        self.validity.emit(True, "")
        self._show_over_note()
        values, sessions = self.valid, self.services.sessions
        sid = self.dto.id if self.dto is not None else None
        self.runner.submit(
            self.channel,
            lambda: sessions.preview_findings(self.patient_id, values, sid),
            self._findings_arrived,
            lambda exc, details: self.panel.show_note(
                QCoreApplication.translate(
                    "SessionPresenter", "Safety checks unavailable: {0}"
                ).format(exc)
            ),
            owner=self.panel,
        )

    def _show_draft_problems(self, exc: InvalidInput) -> None:
        """In a draft, a value not typed yet is no error; a wrong one is."""
        wrong = [e for e in exc.errors if e.code != "required"]
        if wrong:
            self.view.errors.show(InvalidInput(wrong))
        else:
            self.view.errors.clear()

    def _findings_arrived(self, findings: list[Finding]) -> None:
        self.panel.show_findings(findings)
        self.findings_ready.emit(findings)

    def _show_over_note(self) -> None:
        actual = self.view.actual.value()
        over = isinstance(actual, int) and ran_past_maximum(
            self.view.modality.currentData(), actual, self.settings
        )
        self.view.show_over_note(over or bool(self.view.over_note.text().strip()))

    # the write queue --------------------------------------------------------------------

    def _queue(self, op: _Op) -> None:
        if self.read_only:
            return
        self._ops.append(op)
        self.busy_changed.emit(True)
        self._run_next()

    @property
    def busy(self) -> bool:
        return self._in_flight or bool(self._ops) or self._autosave.isActive()

    @property
    def stepping(self) -> bool:
        """A step (start, stop, sign, …) is on its way: its buttons wait for it."""
        names = [op.name for op in self._ops]
        if self._current is not None:
            names.append(self._current.name)
        return any(name not in ("save", "draft") for name in names)

    def _run_next(self) -> None:
        while not self._in_flight and self._ops:
            op = self._ops.popleft()
            work = op.make(self.dto.version if self.dto is not None else None)
            if work is None:
                continue
            self._in_flight, self._current = True, op
            self.busy_changed.emit(True)
            self.runner.save(  # a save of its own, never dropped (ui/ops.py)
                work,
                partial(self._op_done, op),
                change=partial(self._change, op),
                on_error=partial(self._op_failed, op),
                owner=self.view,  # a closed panel needs no answer (the write is done)
            )
        if not self.busy:
            self.busy_changed.emit(False)

    def _change(self, op: _Op, _result: Any) -> Change | None:
        """What the "changed" hub is told: a new draft and every step (the record, Today
        and the list follow); the typing kept every moment is not announced."""
        return None if op.name == "save" else Change.of("session", self.patient_id)

    def _op_done(self, op: _Op, result: Any) -> None:
        self._in_flight, self._current = False, None
        if isinstance(result, SessionDTO):
            self.dto = result
            self.stored_at = self.clock.now()
            self._show_over_note()
            self.stored.emit(result)
        op.done(result)
        self._run_next()

    def _op_failed(self, op: _Op, exc: BaseException, details: str) -> None:
        self._in_flight, self._current = False, None
        handled = op.failed(exc, details) if op.failed is not None else False
        if not handled:
            if isinstance(exc, StaleRecord):
                self._stored_payload = None  # not stored: what is typed waits for a choice
                self.stale.emit(exc, self.save_amendment if op.name == "amend" else self.save_now)
            elif isinstance(exc, InvalidInput):
                explained = self._explained(exc)
                self.view.errors.show(explained)
                self.refused.emit(readable(explained))
            else:
                self.failed.emit(exc, details)
        self._run_next()

    # changed elsewhere -----------------------------------------------------------------

    def adopt_version(self, version: int) -> None:
        """Save over the version stored now (the practitioner chose their typing)."""
        if self.dto is not None:
            self.dto = replace(self.dto, version=version)

    def reload_theirs(self) -> None:
        """Replace the typing with the session as stored now."""
        dto, records, pid = self.dto, self.services.records, self.patient_id
        if dto is None:
            return

        def loaded(record: Any) -> None:
            found = [s for s in record.sessions if s.id == dto.id]
            if not found:
                return
            self.dto = found[0]
            self._loading = True
            fill_form(self.view, found[0])
            self._loading = False
            self._stored_payload = self.payload() if self.amending else self._storable()
            self.check()

        def failed(exc: BaseException, details: str) -> None:
            self.failed.emit(exc, details)

        self.runner.submit(
            f"reload:{id(self)}", lambda: records.patient_record(pid), loaded, failed,
            owner=self.view,
        )  # fmt: skip

    # saving what is typed ---------------------------------------------------------------

    def _storable(self) -> dict[str, Any] | None:
        """What can be stored now (None: a value is wrong, the fields say which)."""
        data = self.payload()
        draft = self.state in (None, SessionState.DRAFT)
        try:
            self._parse(SessionDraftInput if draft else SessionInput, data)
        except InvalidInput:
            return None
        return data

    def unsaved(self) -> bool:
        """Typing not stored yet: waiting to be stored, or not storable as it is."""
        if self.amending:
            return self.payload() != self._stored_payload
        return self.busy or self._storable() != self._stored_payload

    def save_now(self) -> None:
        """Store what is typed (also what the timer waits for); nothing when unchanged."""
        self._autosave.stop()
        if not any(op.name in ("save", "draft") for op in self._ops):
            self._queue(_Op("save", self._make_save, self._saved, self._save_failed))

    def _make_save(self, version: int | None) -> Work | None:
        data = self._storable()
        if data is None or data == self._stored_payload:
            return None
        sessions, pid, dto = self.services.sessions, self.patient_id, self.dto
        self._stored_payload = data
        if dto is None:
            return lambda: sessions.start_draft(pid, data)
        return lambda: sessions.save_draft(dto.id, data, expected_version=version)

    def _saved(self, _result: object) -> None:
        """Stored: the kept payload stays the reference for the next change."""

    def _save_failed(self, _exc: BaseException, _details: str) -> bool:
        self._stored_payload = None  # not stored: the next change tries again
        return False

    # steps ------------------------------------------------------------------------------

    def start_timer(self, overrides: dict[str, str] | None = None) -> None:
        """Freeze the pre-session values and start the exposure (hard stops need reasons)."""
        if not self.start_edited:
            self._loading = True
            self.view.set_started(self.clock.now())
            self._loading = False
        at = self.clock.now()
        self._step("start", "start_timer", self.payload(overrides), self.start_timer, at=at)

    def stop_timer(self, actual_s: int) -> None:
        self._loading = True
        self.view.actual.set_seconds(actual_s)
        self._loading = False
        self._stop(self.payload())

    def _stop(self, data: dict[str, Any]) -> None:
        def retry(more: dict[str, str]) -> None:
            self._stop({**data, "overrides": {**data.get("overrides", {}), **more}})

        self._step("stop", "stop_timer", data, retry, at=self.clock.now())

    def mark_done(self, overrides: dict[str, str] | None = None) -> None:
        self._step("done", "mark_done", self.payload(overrides), self.mark_done)

    def sign(self, overrides: dict[str, str] | None = None) -> None:
        self._step("sign", "sign", self.payload(overrides), self.sign, at=self.clock.now())

    def _step(
        self,
        name: str,
        method: str,
        data: dict[str, Any],
        retry: Callable[[dict[str, str]], None] | None,
        **extra: Any,
    ) -> None:
        self.save_now()  # what was typed goes first
        sessions = self.services.sessions

        def make(version: int | None) -> Work | None:
            dto = self.dto
            if dto is None:
                return None
            call = getattr(sessions, method)
            return lambda: call(dto.id, data, expected_version=version, **extra)

        def done(result: SessionDTO) -> None:
            self._stored_payload = self._storable()
            if SessionState(result.state) is SessionState.SIGNED:
                self.finished.emit(result)

        def failed(exc: BaseException, _details: str) -> bool:
            if isinstance(exc, SafetyStop) and retry is not None:
                self.needs_overrides.emit(exc.unresolved, retry)
                return True
            return False

        self._queue(_Op(name, make, done, failed))

    def abandon(self, reason: str) -> None:
        self._autosave.stop()
        sessions = self.services.sessions

        def make(version: int | None) -> Work | None:
            dto = self.dto
            if dto is None:
                return None
            return lambda: sessions.abandon(dto.id, reason, expected_version=version)

        self._queue(_Op("abandon", make, lambda _: self.abandoned.emit()))

    def save_amendment(
        self, overrides: dict[str, str] | None = None, reason: str | None = None
    ) -> None:
        """Ask the reason first; then amend on the worker (hard stops ask their reasons)."""
        if reason is None:
            self.needs_reason.emit(overrides or {})
            return
        data, sessions, dto = self.payload(overrides), self.services.sessions, self.dto
        assert dto is not None

        def make(version: int | None) -> Work:
            return lambda: sessions.amend_session(
                dto.id, data, reason=reason, expected_version=dto.version
            )

        def failed(exc: BaseException, _details: str) -> bool:
            if isinstance(exc, SafetyStop):
                self.needs_overrides.emit(
                    exc.unresolved,
                    lambda more: self.save_amendment({**(overrides or {}), **more}, reason),
                )
                return True
            return False

        def done(result: SessionDTO) -> None:
            self._stored_payload = self.payload()
            self.finished.emit(result)

        self._queue(_Op("amend", make, done, failed))
