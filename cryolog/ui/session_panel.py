"""The session panel inside a patient's record: the form, the live safety checks, the
exposure timer, and the steps of the session (domain.session_state).

It never blocks the window: the practitioner can open another patient while a chamber
session runs here, and come back. The timer's alarm rings, shows a red strip and asks for
attention in the task bar; ``attention`` tells the record what to put on its tab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import locale as loc
from cryolog.domain.errors import InvalidInput, StaleRecord
from cryolog.domain.rules import Finding
from cryolog.domain.session_state import SessionState
from cryolog.domain.units import format_duration
from cryolog.services import Services
from cryolog.services.dto import PatientRecord, SessionDTO
from cryolog.ui.changed_elsewhere import show_refusal
from cryolog.ui.errors import show_error
from cryolog.ui.findings_panel import FindingsPanel
from cryolog.ui.override_dialog import OverrideDialog
from cryolog.ui.read_only import disable_for
from cryolog.ui.reason_dialog import ReasonDialog
from cryolog.ui.session_clock import Alarm, Clock
from cryolog.ui.session_form import SessionFormView
from cryolog.ui.session_presenter import SessionPresenter, field_label, readable
from cryolog.ui.session_timer import ExposureTimer
from cryolog.ui.tasks import TaskRunner

ALARM_STYLE = (
    "background:#b3261e; color:white; font-size:16px; font-weight:600;"
    " border-radius:4px; padding:8px 12px;"
)
AMEND_STYLE = (
    "background:#e8f0fe; color:#1a3d7c; border:1px solid #b6ccf5;"
    " border-radius:4px; padding:6px 10px;"
)
STATE_STYLES = {
    None: "#52606d",
    SessionState.DRAFT: "#52606d",
    SessionState.RUNNING: "#0b6b3a",
    SessionState.COMPLETED: "#1a3d7c",
    SessionState.SIGNED: "#1e5e2f",
}


class SessionPanel(QWidget):
    """``closed`` when it is done with (signed, amended, abandoned, or closed by hand);
    ``attention`` with a short mark for the record's tab ('' for none)."""

    closed = Signal()
    finished = Signal(object)  # the signed or amended session
    attention = Signal(str)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        record: PatientRecord,
        clock: Clock,
        alarm: Alarm,
        amending: SessionDTO | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionPanel")
        self.clock, self.alarm, self.amending = clock, alarm, amending
        self.form = SessionFormView(clock=clock)
        self.findings = FindingsPanel()
        self.findings.setMinimumWidth(280)
        self.presenter = SessionPresenter(
            services,
            runner,
            self.form,
            self.findings,
            record.patient.id,
            record.courses,
            record.sessions,
            clock,
            amending=amending is not None,
        )
        self.timer = ExposureTimer(clock, self)
        self.dialog: QWidget | None = None
        self.error_box: QWidget | None = None
        self.elsewhere: QWidget | None = None  # what was stored meanwhile, once refused
        self.refusal = ""
        self.read_only = ""  # why nothing can be written ('' when it can)
        self._build()
        self._wire()

    # layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.state_label = QLabel()
        self.state_label.setObjectName("sessionState")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("sessionClock")
        self.clock_label.setStyleSheet("font-size:26px; font-weight:600; padding:0 12px;")
        self.start_button = QPushButton(self.tr("Start timer"))
        self.start_button.setObjectName("startTimer")
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("stopTimer")
        self.done_button = QPushButton(self.tr("Done without timer"))
        self.done_button.setToolTip(
            self.tr("The exposure ran without the timer: the plan is recorded")
        )
        self.sign_button = QPushButton(self.tr("Sign"))
        self.sign_button.setObjectName("signSession")
        self.sign_button.setToolTip(
            self.tr("Lock the session; later changes are amendments (Ctrl+S)")
        )
        self.abandon_button = QPushButton(self.tr("Abandon…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("The session stays stored; go on with it later"))
        self.amend_button = QPushButton(self.tr("Save amendment…"))
        for big in (self.start_button, self.stop_button, self.sign_button, self.amend_button):
            big.setMinimumHeight(34)
            big.setStyleSheet("font-weight:600; padding:0 18px;")
        self.alarm_strip = QLabel()
        self.alarm_strip.setObjectName("sessionAlarm")
        self.alarm_strip.setStyleSheet(ALARM_STYLE)
        self.alarm_strip.hide()
        self.reason = QLabel()
        self.reason.setObjectName("saveReason")
        self.reason.setStyleSheet("color:#8c1d18;")
        self.reason.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.state_label, 1)
        top.addWidget(self.clock_label)
        for button in (
            self.abandon_button,
            self.close_button,
            self.done_button,
            self.start_button,
            self.stop_button,
            self.sign_button,
            self.amend_button,
        ):
            top.addWidget(button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        side = QVBoxLayout()
        side.addWidget(self.findings)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        if self.amending is not None:
            banner = QLabel(_amend_banner(self.amending))
            banner.setObjectName("amendBanner")
            banner.setWordWrap(True)
            banner.setStyleSheet(AMEND_STYLE)
            layout.addWidget(banner)
        layout.addLayout(top)
        layout.addWidget(self._notice_slot())
        layout.addLayout(body, 1)

    def _notice_slot(self) -> QWidget:
        """Why a step cannot be taken, and the timer's alarm over it, in one place of
        fixed height: neither pushes the form down when it appears or goes."""
        slot = QWidget()
        slot.setObjectName("sessionNotices")
        grid = QGridLayout(slot)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.reason, 0, 0)
        grid.addWidget(self.alarm_strip, 0, 0)  # over the reason while it rings
        self.alarm_strip.setText("⚠")
        alarm_height = self.alarm_strip.sizeHint().height()
        self.alarm_strip.clear()
        slot.setFixedHeight(max(alarm_height, self.reason.fontMetrics().lineSpacing() * 2 + 4))
        return slot

    def _wire(self) -> None:
        p = self.presenter
        self.start_button.clicked.connect(lambda: p.start_timer())
        self.stop_button.clicked.connect(self.stop)
        self.done_button.clicked.connect(lambda: p.mark_done())
        self.sign_button.clicked.connect(lambda: p.sign())
        self.amend_button.clicked.connect(lambda: p.save_amendment())
        self.abandon_button.clicked.connect(self.ask_abandon)
        self.close_button.clicked.connect(self.close_panel)
        QShortcut(QKeySequence.StandardKey.Save, self, self._shortcut_save)
        p.validity.connect(self._validity)
        p.stored.connect(self._stored)
        p.busy_changed.connect(lambda _: self._refresh())
        p.needs_overrides.connect(self._ask_overrides)
        p.needs_reason.connect(self._ask_reason)
        p.finished.connect(self._finished)
        p.abandoned.connect(self.closed)
        p.refused.connect(self._refused)
        p.failed.connect(self._failed)
        p.stale.connect(self._changed_elsewhere)
        self.timer.ticked.connect(self._ticked)
        self.timer.alarm.connect(self._ring)

    # starting ---------------------------------------------------------------------------

    def begin(self, course_id: int | None, device: str = "") -> None:
        self.presenter.begin(course_id, device)
        self._refresh()
        self._focus_first()

    def resume(self, session: SessionDTO) -> None:
        self.presenter.resume(session)
        self._stored(session)
        self._focus_first()

    def _focus_first(self) -> None:
        """Where the practitioner types first: the blood pressure of a whole-body session."""
        state = self.presenter.state
        if state is SessionState.RUNNING:
            self.stop_button.setFocus()
        elif state is SessionState.COMPLETED:
            self.form.bp_post[0].setFocus()
        elif self.form.vitals.isVisibleTo(self.form) and self.amending is None:
            self.form.bp_pre[0].setFocus()
        else:
            self.form.duration.edit.setFocus()

    # the steps --------------------------------------------------------------------------

    @property
    def state(self) -> SessionState | None:
        return self.presenter.state

    def stop(self) -> None:
        if self.timer.running:
            self.presenter.stop_timer(self.timer.stop())
        self.alarm_strip.hide()
        self.attention.emit(self._mark())

    def ask_abandon(self) -> ReasonDialog:
        dialog = ReasonDialog(
            self.tr("Abandon the session"),
            self.tr("Give up this draft? It is kept with the reason, but counts nowhere."),
            self.tr("Abandon"),
            self,
        )
        dialog.accepted.connect(lambda: self.presenter.abandon(dialog.reason()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def close_panel(self) -> None:
        if not self.read_only:
            self.presenter.save_now()
        self.closed.emit()

    def set_read_only(self, reason: str) -> None:
        """Browse only: the values can be read, no step or typing is written."""
        self.read_only = reason
        self.presenter.read_only = bool(reason)
        self.form.setEnabled(not reason)
        self._refresh()

    def _shortcut_save(self) -> None:
        for button in (self.sign_button, self.amend_button):
            if button.isVisible() and button.isEnabled():
                button.click()
                return

    def _ask_overrides(
        self, stops: Sequence[Finding], retry: Callable[[dict[str, str]], None]
    ) -> None:
        dialog = OverrideDialog(stops, self)
        dialog.accepted.connect(lambda: retry(dialog.reasons()))
        self.dialog = dialog
        dialog.open()

    def _ask_reason(self, overrides: dict[str, str]) -> None:
        dialog = ReasonDialog(
            self.tr("Amend a signed session"),
            self.tr(
                "Why is this session being changed? The values before and after are both kept."
            ),
            self.tr("Save amendment"),
            self,
        )
        dialog.accepted.connect(lambda: self.presenter.save_amendment(overrides, dialog.reason()))
        self.dialog = dialog
        dialog.open()

    def _validity(self, _ok: bool, _why: str) -> None:
        self.refusal = ""  # the form changed: an earlier refusal no longer applies
        self._refresh()

    def _refused(self, text: str) -> None:
        self.refusal = self.tr("Not done: {0}").format(text)
        self._refresh()

    def _finished(self, session: SessionDTO) -> None:
        self.finished.emit(session)
        self.closed.emit()

    def _failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, InvalidInput):
            self._refused(readable(exc))
            return
        self._refused(
            self.tr("not stored ({0}); what is typed stays here and is tried again").format(exc)
        )
        if self.error_box is None or not self.error_box.isVisible():  # one box, not one a save
            self.error_box = show_error(
                self, self.tr("The session was not stored"), exc, details, saving=True
            )

    def _changed_elsewhere(self, exc: StaleRecord, again: Callable[[], None]) -> None:
        """What was stored meanwhile, above the form that keeps the typing: reload theirs,
        or store this over it (an amendment asks its reason again)."""
        p = self.presenter

        def over(version: int) -> None:
            p.adopt_version(version)
            again()

        names = [c.field for c in exc.other.fields] if exc.other is not None else []
        labels = {name: field_label(name).capitalize() for name in names}
        layout = self.layout()
        index = layout.count() - 1 if layout is not None else 0  # just above the form
        self.elsewhere = show_refusal(self, exc, labels, p.reload_theirs, over, index)

    # what is shown ----------------------------------------------------------------------

    def _stored(self, session: SessionDTO) -> None:
        state = SessionState(session.state)
        running = state is SessionState.RUNNING
        if running and not self.timer.running and session.running_at and session.duration_s:
            self.timer.start(session.running_at, session.duration_s)
        self.form.freeze_pre(state is not SessionState.DRAFT and self.amending is None)
        self.form.show_exposure(state in (SessionState.COMPLETED, SessionState.SIGNED))
        if state is SessionState.COMPLETED and not self.form.bp_post[0].text():
            self.form.bp_post[0].setFocus()
        self._refresh()

    def _refresh(self) -> None:
        state, p = self.state, self.presenter
        amending = self.amending is not None
        draft = not amending and state in (None, SessionState.DRAFT)
        ready = p.valid is not None and not p.stepping  # typing still being stored waits
        # in the queue: the step goes after it
        self.start_button.setVisible(draft)
        self.done_button.setVisible(draft)
        self.abandon_button.setVisible(draft)
        self.start_button.setEnabled(ready and state is not None)
        self.done_button.setEnabled(ready and state is not None)
        self.abandon_button.setEnabled(state is not None and not p.stepping)
        self.stop_button.setEnabled(not p.stepping)
        self.stop_button.setVisible(state is SessionState.RUNNING and not amending)
        self.sign_button.setVisible(state is SessionState.COMPLETED and not amending)
        self.sign_button.setEnabled(ready)
        self.close_button.setVisible(state is not SessionState.RUNNING)
        self.close_button.setText(self.tr("Cancel") if amending else self.tr("Close"))
        self.amend_button.setVisible(amending)
        self.amend_button.setEnabled(p.valid is not None and not p.stepping)
        for button in self.step_buttons():
            disable_for(button, self.read_only)
        self.clock_label.setVisible(state in (SessionState.RUNNING, SessionState.COMPLETED))
        self.state_label.setText(self._state_text())
        color = STATE_STYLES.get(state, "#52606d")
        self.state_label.setStyleSheet(f"color:{color}; font-size:15px; font-weight:600;")
        self.reason.setText(self.refusal if p.valid is not None else self._why_not())
        self.reason.setVisible(bool(self.reason.text()))
        self._ticked()

    def step_buttons(self) -> tuple[QPushButton, ...]:
        """The buttons that write (off in a read-only database)."""
        return (
            self.start_button,
            self.done_button,
            self.abandon_button,
            self.stop_button,
            self.sign_button,
            self.amend_button,
        )

    def _why_not(self) -> str:
        step = (
            self.tr("Start timer") if self.state in (None, SessionState.DRAFT) else self.tr("Sign")
        )
        if self.amending is not None:
            step = self.tr("Save")
        return self.tr("{0} needs: {1}").format(step, self.presenter.reason)

    def _state_text(self) -> str:
        state, dto = self.state, self.presenter.dto
        if self.amending is not None:
            return self.tr("Amending a signed session")
        if state is None or dto is None:
            return self.tr("New session — storing the draft…")
        saved = (
            self.tr("saving…")
            if self.presenter.busy
            else self.tr("stored {0}").format(_hm(self.presenter.stored_at))
        )
        texts = {
            SessionState.DRAFT: self.tr("Draft · {0}").format(saved),
            SessionState.RUNNING: self.tr("Running since {0}").format(_hm(dto.running_at)),
            SessionState.COMPLETED: self.tr(
                "Completed · after-session values, then Sign · {0}"
            ).format(saved),
        }
        return texts.get(state, state.label)

    def _ticked(self) -> None:
        if self.state is SessionState.COMPLETED and self.presenter.dto is not None:
            actual = self.presenter.dto.actual_exposure_s
            self.clock_label.setText(self.tr("{0} done").format(_mmss(actual)) if actual else "")
            self.clock_label.setStyleSheet("font-size:20px; color:#1a3d7c; padding:0 12px;")
        elif self.timer.started is not None:
            over = self.timer.over
            self.clock_label.setText(self.timer.text() + (" over" if over else " left"))
            color = "#b3261e" if over else "#0b6b3a"
            self.clock_label.setStyleSheet(
                f"font-size:26px; font-weight:600; color:{color}; padding:0 12px;"
            )
        self.attention.emit(self._mark())

    def _ring(self, _count: int) -> None:
        self.alarm.ring(self, "exposure")
        planned = _mmss(self.timer.planned_s)
        self.alarm_strip.setText(
            self.tr("⚠ Time is up: {0} done. Stop the session now.").format(planned)
        )
        self.alarm_strip.show()
        self.attention.emit(self._mark())

    def _mark(self) -> str:
        """What the record's tab shows: the time left, or that the time is up."""
        if self.timer.running:
            return ("⚠ " if self.timer.over else "▶ ") + self.timer.text()
        if self.state in (SessionState.DRAFT, SessionState.COMPLETED):
            return "●"
        return ""

    def unsaved(self) -> bool:
        return self.timer.running or self.presenter.unsaved()


def _hm(moment: object) -> str:
    return moment.astimezone().strftime("%H:%M:%S") if isinstance(moment, datetime) else ""


def _mmss(seconds: int | None) -> str:
    return "" if seconds is None else format_duration(seconds)


def _amend_banner(s: SessionDTO) -> str:
    when = loc.window_locale().datetime(s.started_at)
    kept = [f.rule.replace("_", " ") for f in s.findings if f.override_reason]
    text = QCoreApplication.translate(
        "SessionPanel",
        "<b>Amending the session of {0}.</b> Change what was recorded wrongly; Save asks"
        " why, and the history keeps the values before and after.",
    ).format(when)
    if kept:
        text += QCoreApplication.translate(
            "SessionPanel", " The override reasons given then ({0}) are kept."
        ).format(", ".join(kept))
    return text
