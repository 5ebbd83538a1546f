"""Behaviour of the session form: pre-fill, live validation and findings, save with overrides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from PySide6.QtCore import QDateTime, QObject, Signal

from cryolog.domain.catalog import Protocol, protocol
from cryolog.domain.enums import FindingLevel
from cryolog.domain.errors import InvalidInput, SafetyStop
from cryolog.domain.rules import Finding
from cryolog.domain.schemas import SessionInput, parse
from cryolog.services import Services
from cryolog.services.dto import CourseDTO, SessionDTO
from cryolog.ui.findings_panel import FindingsPanel
from cryolog.ui.session_fields import shown
from cryolog.ui.session_fill import fill_form
from cryolog.ui.session_form import SessionFormView
from cryolog.ui.tasks import TaskRunner


def hard_stops(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.level is FindingLevel.HARD_STOP]


def _field_names(exc: InvalidInput) -> str:
    names = []
    for error in exc.errors:
        name = error.path.split(".")[0].split("[")[0].replace("_", " ") or "form"
        if name not in names:
            names.append(name)
    return ", ".join(names)


class SessionPresenter(QObject):
    """``validity`` (ok, reason) after each check; ``findings_ready`` after each preview;
    ``needs_overrides`` with the hard stops when Save needs written reasons; ``saved``.

    With ``amending`` (a stored session) the form starts as that session was saved, Save
    asks for the amendment reason (``needs_reason``) and amends it at the version read.
    """

    validity = Signal(bool, str)
    findings_ready = Signal(list)
    needs_overrides = Signal(list)
    needs_reason = Signal(object)  # the override reasons to save with
    saved = Signal(object)
    save_failed = Signal(object, str)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        view: SessionFormView,
        panel: FindingsPanel,
        patient_id: int,
        courses: Sequence[CourseDTO],
        sessions: Sequence[SessionDTO],
        amending: SessionDTO | None = None,
    ) -> None:
        super().__init__(view)
        self.services = services
        self.runner = runner
        self.view = view
        self.panel = panel
        self.patient_id = patient_id
        self.sessions = list(sessions)
        self.courses = {c.id: c for c in courses}
        self.amending = amending
        kept = amending.course_id if amending else None
        self.channel = f"findings:{id(self)}"
        self.valid: SessionInput | None = None
        self.reason = ""
        self.dirty = False
        self._loading = True
        view.course.addItem("No course (one-off session)", None)
        for course in courses:
            if (course.status == "open" and course.archived_at is None) or course.id == kept:
                view.course.addItem(
                    f"{protocol(course.protocol_id).label} from "
                    f"{course.started_on.strftime('%d.%m.%Y')}",
                    course.id,
                )
        view.course.currentIndexChanged.connect(self._course_changed)
        view.changed.connect(self._changed)

    # pre-fill ---------------------------------------------------------------------------

    def start(self, course_id: int | None = None) -> None:
        """Pre-fill from the course's protocol and its previous session, then check."""
        self._loading = True
        index = self.view.course.findData(course_id) if course_id else -1
        fallback = min(1, self.view.course.count() - 1)
        self.view.course.setCurrentIndex(index if index >= 0 else fallback)
        if self.amending is not None:
            course_protocol = self._course_protocol()
            self.view.allow_modalities(course_protocol.modalities if course_protocol else ())
            fill_form(self.view, self.amending)
        else:
            self._prefill()
        self._loading = False
        self.dirty = False
        self.check()

    def course_id(self) -> int | None:
        data = self.view.course.currentData()
        return int(data) if data is not None else None

    def _previous(self) -> SessionDTO | None:
        cid = self.course_id()
        same = [s for s in self.sessions if s.archived_at is None and s.course_id == cid]
        return max(same, key=lambda s: s.started_at) if same else None

    def _prefill(self) -> None:
        v = self.view
        previous = self._previous()
        course_protocol = self._course_protocol()
        v.allow_modalities(course_protocol.modalities if course_protocol else ())
        if previous is not None:
            v.modality.setCurrentIndex(v.modality.findData(previous.modality))
            v.duration.setText(str(previous.duration_s))
            v.set_temp.set_celsius(previous.set_temp_c, previous.temp_unit_entered)
            v.measured_temp.set_celsius(previous.measured_temp_c, previous.temp_unit_entered)
            v.device.setText(previous.device)
            v.applicator.setText(previous.applicator)
            v.areas.setRowCount(0)
            for a in previous.areas:
                v.add_area(a.site, a.kind, shown(a.area_dm2), shown(a.passes), shown(a.exposure_s))
        elif course_protocol and course_protocol.modalities:
            v.modality.setCurrentIndex(v.modality.findData(course_protocol.modalities[0]))
        v.started.setDateTime(QDateTime.currentDateTime())

    def _course_protocol(self) -> Protocol | None:
        cid = self.course_id()
        return protocol(self.courses[cid].protocol_id) if cid in self.courses else None

    def _course_changed(self) -> None:
        if not self._loading and self.amending is None:
            self._loading = True
            self._prefill()
            self._loading = False

    # live checks ------------------------------------------------------------------------

    def _changed(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self.check()

    def payload(self, overrides: dict[str, str] | None = None) -> dict[str, Any]:
        data = self.view.values(self.course_id())
        reasons = {**self.kept_overrides(), **(overrides or {})}
        if reasons:
            data["overrides"] = reasons
        if self.amending is not None and self.amending.pain_zones:
            data["pain_zones"] = [asdict(z) for z in self.amending.pain_zones]
        return data

    def kept_overrides(self) -> dict[str, str]:
        """Override reasons the amended session was saved with (still valid unless changed)."""
        if self.amending is None:
            return {}
        return {f.rule: f.override_reason for f in self.amending.findings if f.override_reason}

    @property
    def session_id(self) -> int | None:
        return self.amending.id if self.amending else None

    def check(self) -> None:
        """Validate what is typed; when valid, ask the rule engine (on the worker)."""
        try:
            self.valid = parse(SessionInput, self.payload())
        except InvalidInput as exc:
            self.valid = None
            self.view.errors.show(exc)
            count = len(exc.errors)
            self.reason = (
                f"Save is disabled: {count} value{'s' if count > 1 else ''} to fix"
                f" ({_field_names(exc)})."
            )
            self.validity.emit(False, self.reason)
            self.panel.show_note("Safety checks run once the values above are valid.")
            return
        self.view.errors.clear()
        self.reason = ""
        self.validity.emit(True, "")
        values, sessions, sid = self.valid, self.services.sessions, self.session_id
        self.runner.submit(
            self.channel,
            lambda: sessions.preview_findings(self.patient_id, values, sid),
            self._findings_arrived,
            lambda exc, details: self.panel.show_note(f"Safety checks unavailable: {exc}"),
            owner=self.panel,
        )

    def _findings_arrived(self, findings: list[Finding]) -> None:
        self.panel.show_findings(findings)
        self.findings_ready.emit(findings)

    # saving -----------------------------------------------------------------------------

    def save(self, overrides: dict[str, str] | None = None, reason: str | None = None) -> None:
        """Save; with an unresolved hard stop, emit ``needs_overrides`` instead (and when
        amending without a reason yet, ``needs_reason``). On any failure the form keeps
        everything that was typed."""
        try:
            data = self.payload(overrides)
            parse(SessionInput, data)
            sessions = self.services.sessions
            findings = sessions.preview_findings(self.patient_id, data, self.session_id)
            given = data.get("overrides", {})
            missing = [f for f in hard_stops(findings) if not given.get(f.rule)]
            if missing:
                self.needs_overrides.emit(missing)
                return
            if self.amending is None:
                result = sessions.record_session(self.patient_id, data)
            elif reason is None:
                self.needs_reason.emit(overrides or {})
                return
            else:
                result = sessions.amend_session(
                    self.amending.id, data, reason=reason, expected_version=self.amending.version
                )
        except InvalidInput as exc:
            self.view.errors.show(exc)
            self.save_failed.emit(exc, "")
            return
        except SafetyStop as exc:
            self.needs_overrides.emit(exc.unresolved)
            return
        except Exception as exc:
            self.save_failed.emit(exc, "")
            return
        self.dirty = False
        self.saved.emit(result)
