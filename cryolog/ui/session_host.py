"""Where a session lives in a patient's record: a "Session" tab with the panel, a strip
above the tabs to start one (or go back to it), and the marks that call the practitioner.

The strip and the tab marks also carry the ice cube timer: while another tab is in front
(of the record, or of the window) the practitioner sees that the cube is to come off or
the skin to be read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from cryolog.domain.catalog import protocol
from cryolog.domain.session_state import SessionState
from cryolog.services.dto import PatientRecord, SessionDTO
from cryolog.ui import session_kept
from cryolog.ui.session_clock import app_alarm, app_clock
from cryolog.ui.session_panel import SessionPanel

if TYPE_CHECKING:
    from cryolog.ui.record.cold_tests_tab import ColdTestsTab
    from cryolog.ui.record.courses_tab import CoursesTab
    from cryolog.ui.record.record_view import PatientRecordView

STRIP_STYLE = (
    "QWidget#sessionStrip { background:#f4f6f8; border-top:1px solid #dde3e8;"
    " border-bottom:1px solid #dde3e8; }"
)
ALARM_STYLE = "color:white; background:#b3261e; border-radius:3px; padding:3px 8px;"


class SessionHost(QObject):
    def __init__(self, view: PatientRecordView) -> None:
        super().__init__(view)
        self.view = view
        self.clock, self.alarm = app_clock(), app_alarm()
        self.panel: SessionPanel | None = None
        self.name = ""
        self._marks = {"session": "", "ice": ""}
        self.strip = QWidget()
        self.strip.setObjectName("sessionStrip")
        self.strip.setStyleSheet(STRIP_STYLE)
        self.strip.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.strip.setFixedHeight(34)  # steady: what it says never moves the tabs
        self.status = QLabel()
        self.status.setObjectName("sessionStatus")
        self.status.setStyleSheet("color:#333;")
        self.ice_status = QLabel()
        self.ice_status.setObjectName("iceStatus")
        self.ice_status.hide()
        self.ice_button = QPushButton(self.tr("Cold tests"))
        self.ice_button.hide()
        self.start_button = QPushButton(self.tr("Start session"))
        self.start_button.setObjectName("startSession")
        self.back_button = QPushButton(self.tr("Go to the session"))
        self.back_button.hide()
        layout = QHBoxLayout(self.strip)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.ice_status)
        layout.addWidget(self.ice_button)
        layout.addWidget(self.back_button)
        layout.addWidget(self.start_button)
        self.start_button.clicked.connect(lambda: self.start(view.selected_course_id()))
        self.back_button.clicked.connect(self._go_back)
        self.ice_button.clicked.connect(lambda: view.tabs.setCurrentWidget(view.cold_tests))
        view.tabs.currentChanged.connect(lambda _: self._show_strip())
        self.read_only = ""  # why nothing can be written ('' when it can)
        self.archived = False
        self.open_sessions: list[SessionDTO] = []
        self._first_load = True

    def courses_built(self, courses: CoursesTab) -> None:
        """The record's courses tab was built (when first shown): follow its selection."""
        selection = courses.course_table.selectionModel()
        selection.selectionChanged.connect(lambda *_: self._show_strip())

    def cold_tests_built(self, cold_tests: ColdTestsTab) -> None:
        """The cold tests tab was built: its ice cube timer marks the strip and the tab."""
        cold_tests.ice.attention.connect(self._ice_attention)

    # the record -------------------------------------------------------------------------

    def show_record(self, record: PatientRecord) -> None:
        """After every load: the open sessions; one that runs, or one of today, is opened."""
        self.name = record.patient.display_name
        self.open_sessions = sorted(
            (s for s in record.sessions if s.archived_at is None and SessionState(s.state).open),
            key=lambda s: s.started_at,
        )
        self.archived = record.patient.archived_at is not None
        self._enable_start()
        if self.panel is None and self._first_load:  # opening the record, not every reload
            current = [
                s
                for s in self.open_sessions
                if s.state == SessionState.RUNNING.value or s.session_date == date.today()
            ]
            if current:
                self.open_session(current[-1], show=False)
        self._first_load = False
        self._show_strip()

    def set_read_only(self, reason: str) -> None:
        """Browse only: no session starts, an open panel's steps stay off."""
        self.read_only = reason
        self._enable_start()
        if self.panel is not None:
            self.panel.set_read_only(reason)

    def _enable_start(self) -> None:
        self.start_button.setEnabled(not self.archived and not self.read_only)
        self.start_button.setToolTip(
            self.read_only or self.tr("A new session of the selected course, beside the chamber")
        )

    def _show_strip(self) -> None:
        panel = self.panel
        self.back_button.setVisible(panel is not None or bool(self.open_sessions))
        self.start_button.setVisible(panel is None)
        if panel is not None:
            in_front = self.view.tabs.currentWidget() is panel
            what = "Amending a signed session" if panel.amending else "A session is open"
            self.status.setText(
                "" if in_front else self.tr("<b>{0}</b> in the Session tab.").format(what)
            )
            self.back_button.setText(self.tr("Go to the session"))
            self.back_button.setVisible(not in_front)
        elif self.open_sessions:
            latest = self.open_sessions[-1]
            when = latest.started_at.astimezone().strftime("%d.%m.%Y %H:%M")
            label = SessionState(latest.state).label
            self.status.setText(
                self.tr("A session of {0} is not signed yet ({1}).").format(when, label)
            )
            self.back_button.setText(self.tr("Go on with it"))
        else:
            self.status.setText(self._next_text())

    def _next_text(self) -> str:
        """What Start session starts: the selected course's next session."""
        data, course = self.view.data, self.view.selected_course_dto()
        if data is None or course is None or course.status != "open":
            return ""
        done = sum(1 for s in data.record.sessions if s.course_id == course.id and s.counts)
        label = protocol(course.protocol_id).label
        if course.planned_sessions:
            return QCoreApplication.translate(
                "SessionHost", "Start session: {0}, session {1} of {2}."
            ).format(label, done + 1, course.planned_sessions)
        return QCoreApplication.translate("SessionHost", "Start session: {0}, session {1}.").format(
            label, done + 1
        )

    def _go_back(self) -> None:
        if self.panel is not None:
            self.view.tabs.setCurrentWidget(self.panel)
        elif self.open_sessions:
            self.open_session(self.open_sessions[-1])

    # the panel --------------------------------------------------------------------------

    def start(self, course_id: int | None, device: str = "") -> SessionPanel | None:
        """A new session (stored as a draft at once) of ``course_id``, on ``device`` when
        given (the booked resource), or the one already open."""
        if self.panel is not None:
            self.view.tabs.setCurrentWidget(self.panel)
            return self.panel
        if self.read_only:
            return None
        panel = self._panel(None)
        if panel is not None:
            panel.begin(course_id, device)
        return panel

    def open_session(self, session: SessionDTO, show: bool = True) -> SessionPanel | None:
        """Go on with an unsigned session."""
        if self.panel is not None:
            self.view.tabs.setCurrentWidget(self.panel)
            return self.panel if self.panel.presenter.dto == session else None
        panel = self._panel(None, show)
        if panel is not None:
            panel.resume(session)
        return panel

    def amend(self, session: SessionDTO) -> SessionPanel | None:
        if SessionState(session.state).open:
            return self.open_session(session)
        if self.panel is not None:
            self.view.tabs.setCurrentWidget(self.panel)
            return None
        panel = self._panel(session)
        if panel is not None:
            panel.resume(session)
        return panel

    def _panel(self, amending: SessionDTO | None, show: bool = True) -> SessionPanel | None:
        data = self.view.data
        if data is None:
            return None
        v = self.view
        panel = SessionPanel(v.services, v.runner, data.record, self.clock, self.alarm, amending)
        panel.attention.connect(self._session_attention)
        panel.finished.connect(self._finished)
        panel.closed.connect(self.close_panel)
        panel.set_read_only(self.read_only)
        self.panel = panel
        v.tabs.insertTab(0, panel, self.tr("Session"))
        if show:
            v.tabs.setCurrentWidget(panel)
        self._show_strip()
        return panel

    def close_panel(self) -> None:
        panel, self.panel = self.panel, None
        if panel is not None:
            panel.timer.stop()
            index = self.view.tabs.indexOf(panel)
            if index >= 0:
                self.view.tabs.removeTab(index)
            panel.deleteLater()
        self._marks["session"] = ""
        self._retitle()
        self._show_strip()
        self.view.reload()

    def _finished(self, session: SessionDTO) -> None:
        self.view.tabs.setCurrentWidget(self.view.courses)
        if session.course_id is not None:
            self.view.courses.select_course(session.course_id)

    # marks ------------------------------------------------------------------------------

    def _session_attention(self, mark: str) -> None:
        panel = self.panel
        if panel is not None:
            index = self.view.tabs.indexOf(panel)
            state = panel.state
            label = (
                QCoreApplication.translate("SessionHost", "Session")
                if state is None
                else QCoreApplication.translate("SessionHost", "Session · {0}").format(state.label)
            )
            if panel.amending is not None:
                label = QCoreApplication.translate("SessionHost", "Amend session")
            if panel.timer.running:
                label = QCoreApplication.translate("SessionHost", "Session {0}").format(mark)
            if index >= 0:
                self.view.tabs.setTabText(index, label)
        self._marks["session"] = mark if mark != "●" else ""
        self._retitle()

    def _ice_attention(self, mark: str) -> None:
        self._marks["ice"] = mark
        ice = self.view.cold_tests.ice
        index = self.view.tabs.indexOf(self.view.cold_tests)
        if index >= 0:
            title = QCoreApplication.translate("SessionHost", "Cold tests")
            self.view.tabs.setTabText(index, f"{title} {mark}".strip())
        alarm = mark.startswith("⚠")
        self.ice_status.setText(
            self.tr("Ice cube test: {0}").format(ice.timer.prompt) if mark else ""
        )
        self.ice_status.setStyleSheet(ALARM_STYLE if alarm else "color:#1a3d7c;")
        self.ice_status.setVisible(bool(mark))
        self.ice_button.setVisible(bool(mark))
        self._retitle()

    def title(self, name: str) -> str:
        """The record's tab title: the patient's name behind what calls for attention."""
        marks = " ".join(m for m in (self._marks["session"], self._marks["ice"]) if m)
        return f"{marks} {name}".strip()

    def _retitle(self) -> None:
        if self.name:
            self.view.title_changed.emit(self.title(self.name))

    def unsaved(self) -> bool:
        return self.panel is not None and self.panel.unsaved()

    def kept_typing(self) -> dict[str, Any] | None:
        """The open panel's typing the database does not have (None: nothing to keep)."""
        return session_kept.kept_state(self.panel) if self.panel is not None else None

    def restore_typing(self, state: dict[str, Any]) -> SessionPanel | None:
        """Open the session the kept typing belongs to and put the typing back; nothing
        when that session is gone, signed meanwhile, or the database is read-only."""
        data = self.view.data
        if data is None or self.read_only:
            return None
        wanted = session_kept.session_id(state)
        opened = self.panel
        current = opened.presenter.dto if opened is not None else None
        if opened is not None and current is not None and current.id == wanted:
            if not session_kept.same_step(state, current.state):
                return None
            session_kept.put_back(opened, state)  # the session opened with the record
            return opened
        if wanted is None:
            panel = self.start(session_kept.course_id(state))
        else:
            dto = next((s for s in data.record.sessions if s.id == wanted), None)
            if dto is None or dto.archived_at is not None:
                return None
            if not session_kept.same_step(state, dto.state):
                return None
            if SessionState(dto.state).open:
                panel = self.open_session(dto)
            elif state.get("amending") is True:
                panel = self.amend(dto)
            else:
                return None
        if panel is not None:
            session_kept.put_back(panel, state)
        return panel

    def pending(self) -> SessionPending | None:
        """The open panel as a form the record asks about before it closes."""
        return SessionPending(self.panel) if self.panel is not None else None


class SessionPending:
    """An open session panel seen as a DirtyTracked form (ui/dirty.py). Save stores what is
    typed and succeeds once the database has it; a running exposure timer cannot be saved
    away: the record stays open until the timer is stopped."""

    unsaved_label = "the session"

    def __init__(self, panel: SessionPanel) -> None:
        self.panel = panel

    def has_unsaved_changes(self) -> bool:
        return self.panel.unsaved()

    def save(self, done: Callable[[bool], None] | None = None) -> None:
        presenter = self.panel.presenter
        presenter.save_now()

        def settled(busy: bool = False) -> None:
            if busy:
                return
            presenter.busy_changed.disconnect(settled)
            if done is not None:
                done(not self.panel.unsaved())

        presenter.busy_changed.connect(settled)
        if not presenter.busy:
            settled()
