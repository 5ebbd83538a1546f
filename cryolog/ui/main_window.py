"""The main window: patients, Today, and open patient records as tabs."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cryolog import __version__
from cryolog.services import Services
from cryolog.ui import dirty, keep_aside, prompts
from cryolog.ui.changes import PATIENT, PRACTICE, Change, hub
from cryolog.ui.demo_file import demo_file_for
from cryolog.ui.empty_state import EmptyState
from cryolog.ui.errors import show_error
from cryolog.ui.fields import install_input_guards_after
from cryolog.ui.keep_aside import KeptTyping
from cryolog.ui.language import refresh_handout_languages
from cryolog.ui.models import PatientListModel
from cryolog.ui.ops import Operations
from cryolog.ui.patient_list import PatientListView
from cryolog.ui.read_only import ReadOnlyBanner, disable_for

if TYPE_CHECKING:  # imported when first needed: the window opens faster without them
    from cryolog.services.dto import PracticeDTO
    from cryolog.ui.appointments.day_plan import DayPlanView
    from cryolog.ui.appointments.hooks import Calendar
    from cryolog.ui.patient_dialog import PatientDialog
    from cryolog.ui.preferences import PreferencesDialog
    from cryolog.ui.record.record_view import PatientRecordView


TODAY_TAB = 1
"""The Today tab's place, after Patients."""


class MainWindow(QMainWindow):
    """``switch_database`` asks the app to open another file (path or '' to choose)."""

    switch_database = Signal(str)

    def __init__(self, services: Services, settings: QSettings | None = None) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        # Two lanes (ui/ops.py): one for what the practitioner waits for (searches,
        # records, saves), one for housekeeping (warm-up, integrity scan, Today's plan,
        # documents) so it never delays a search. ``closing`` tells background work to stop.
        self.ops = Operations(self)
        self.runner = self.ops.interactive
        self.background = self.ops.background
        self.closing = threading.Event()
        self.last_record_tab = 0
        self._closing_confirmed = False
        self._in_close = False
        self.setWindowTitle(self.tr("cryolog"))
        self.model = PatientListModel(self.runner, lambda: self.services.search)
        self.patients = PatientListView(self.model)
        install_input_guards_after([self.model.loaded, self.model.failed])
        self.empty = EmptyState()
        self.patients_page = QStackedWidget()
        self.patients_page.addWidget(self.patients)
        self.patients_page.addWidget(self.empty)
        # Today is the day plan: appointments, who is due, sessions not signed yet. It is
        # built the first time it is wanted (its tab shown, Ctrl+T, a start from it), so
        # the window opens without it; until then its tab holds an empty page.
        self._today: DayPlanView | None = None
        self._today_page = QWidget()
        self._today_built: list[Callable[[DayPlanView], object]] = []
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.addTab(self.patients_page, self.tr("Patients"))
        self.tabs.addTab(self._today_page, self.tr("Today"))
        for fixed in (0, 1):
            self.tabs.tabBar().setTabButton(
                fixed, self.tabs.tabBar().ButtonPosition.RightSide, None
            )
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.banner = ReadOnlyBanner()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.records: dict[int, PatientRecordView] = {}
        self.dialog: QWidget | None = None
        self.calendar: Calendar | None = None
        self.db_label = QLabel(self.tr("Database: {0}").format(services.db.label))
        self.statusBar().addPermanentWidget(self.db_label)
        self._actions()
        self._wire()
        self.restore_layout()
        self.apply_read_only()
        from cryolog.services.encryption_codec import codec_for

        self.kept = KeptTyping.for_database(services.db.label, codec_for(services.db))
        self.keep_timer = QTimer(self)
        self.keep_timer.setInterval(keep_aside.INTERVAL_MS)
        self.keep_timer.timeout.connect(self.keep_aside)
        self.keep_timer.start()
        QTimer.singleShot(0, self.offer_kept_typing)
        self.model.set_query("")
        # once the window is up: the list is read through the data layer, which loads after
        QTimer.singleShot(0, lambda: refresh_handout_languages(self.background, services))
        self.practice_now: tuple[PracticeDTO, dict[str, float]] | None = None
        # once the window is up (the data layer loads after it is shown), so that
        # Preferences opens without a read on this thread
        QTimer.singleShot(0, self.read_practice)
        from cryolog.ui.appointments.hooks import install_calendar

        install_calendar(self)
        from cryolog.ui.server_changes import install_server_changes

        self.server_changes = install_server_changes(self, services.db)
        from cryolog.ui.copy_dialog import install_copy_actions

        self.copy_action = install_copy_actions(self, services.db, self.background)

    # setup ------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _actions(self) -> None:
        self.new_action = self._action(
            self.tr("&New patient…"), self.new_patient, QKeySequence.StandardKey.New
        )
        self.find_action = self._action(
            self.tr("&Find patient"), self.focus_search, QKeySequence.StandardKey.Find
        )
        self.today_action = self._action(
            self.tr("&Today"), lambda: self.tabs.setCurrentWidget(self.today), "Ctrl+T"
        )
        self.open_db_action = self._action(
            self.tr("&Open database…"),
            lambda: self.switch_database.emit(""),
            QKeySequence.StandardKey.Open,
        )
        self.prefs_action = self._action(self.tr("&Preferences…"), self.preferences, "Ctrl+,")
        self.import_action = self._action(self.tr("&Import patients…"), self.import_patients)
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.about_action = self._action(
            self.tr("&About cryolog"), self.about, QKeySequence.StandardKey.HelpContents
        )
        self.close_tab_action = self._action(
            self.tr("&Close patient"), self._close_current, "Ctrl+W"
        )
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu = file_menu
        for action in (
            self.new_action,
            self.open_db_action,
            self.import_action,
            self.prefs_action,
            None,
            self.close_tab_action,
            self.quit_action,
        ):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        view = self.menuBar().addMenu(self.tr("&View"))
        view.addAction(self.find_action)
        view.addAction(self.today_action)
        self.menuBar().addMenu(self.tr("&Help")).addAction(self.about_action)
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.find_action, self.today_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    def _wire(self) -> None:
        self.patients.search.textChanged.connect(self.search)
        self.patients.search.returnPressed.connect(self.patients.open_selected)
        hub().changed.connect(self._changed)
        self.patients.archived.toggled.connect(lambda _: self.search(self.patients.search.text()))
        self.patients.new_patient.connect(self.new_patient)
        self.patients.open_patient.connect(self.open_patient)
        self.model.loaded.connect(self._list_loaded)
        self.model.failed.connect(
            lambda exc, d: show_error(
                self, QCoreApplication.translate("MainWindow", "Search failed"), exc, d
            )
        )
        self.empty.create_patient.connect(self.new_patient)
        self.empty.load_demo.connect(self.load_demo)
        self.empty.save_practice.connect(self.save_practice)

    # patients ---------------------------------------------------------------------------

    def _changed(self, change: Change) -> None:
        """The one place the window's own lists learn of a write (see ui/changes.py)."""
        if change.touches(PATIENT):
            self.model.refresh()
        if change.touches(PRACTICE):
            self.practice_now = None  # until read again, Preferences reads for itself
            self.read_practice()
        self.refresh_today()  # the day's plan follows any clinical or booking write

    @property
    def today(self) -> DayPlanView:
        """The day plan (the Today tab), built and put in its tab when first wanted."""
        if self._today is None:
            from cryolog.ui.appointments.day_plan import DayPlanView

            today = DayPlanView(self.services, self.runner, reads=self.background)
            self._today = today
            today.open_patient.connect(self.open_patient)
            today.start_requested.connect(self.start_session)
            today.open_session.connect(self.go_on_with_session)
            today.set_read_only(self.read_only_reason())
            current = self.tabs.currentIndex()
            blocked = self.tabs.blockSignals(True)  # the same tab, only its page changes
            self.tabs.removeTab(TODAY_TAB)
            self.tabs.insertTab(TODAY_TAB, today, self.tr("Today"))
            self.tabs.tabBar().setTabButton(
                TODAY_TAB, self.tabs.tabBar().ButtonPosition.RightSide, None
            )
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(blocked)
            self._today_page.deleteLater()
            for attach in self._today_built:
                attach(today)
            self._today_built.clear()
        return self._today

    def when_today_built(self, attach: Callable[[DayPlanView], object]) -> None:
        """Call ``attach`` with the day plan once it exists (now, if it does)."""
        if self._today is not None:
            attach(self._today)
        else:
            self._today_built.append(attach)

    def refresh_today(self) -> None:
        """Reload the day plan if it was built (it loads itself when first shown)."""
        if self._today is not None:
            self._today.refresh()

    def read_practice(self) -> None:
        """Keep the practice and its limits at hand (read on the lane) for Preferences."""
        services = self.services  # its practice service is made on the lane, not here

        def read() -> tuple[PracticeDTO, dict[str, float]]:
            return services.practice.practice(), services.practice.thresholds()

        def keep(values: tuple[PracticeDTO, dict[str, float]]) -> None:
            self.practice_now = values

        self.background.submit("practice-now", read, keep, lambda *_: None, owner=self)

    def read_only_reason(self) -> str:
        db = self.services.db
        return (db.read_only_reason or "The database is open read-only.") if db.read_only else ""

    def apply_read_only(self) -> None:
        reason = self.read_only_reason()
        self.banner.show_reason(reason)
        for action in (self.new_action,):
            action.setEnabled(not reason)
            action.setToolTip(reason or action.text())
        disable_for(self.patients.new_button, reason)
        if self._today is not None:
            self._today.set_read_only(reason)
        for button in (self.empty.create_button, self.empty.demo_button, self.empty.save_button):
            disable_for(button, reason)

    def search(self, text: str) -> None:
        self.model.set_query(text, self.patients.archived.isChecked())

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.patients_page.setCurrentWidget(self.patients)
        self.patients.search.setFocus()
        self.patients.search.selectAll()

    def _list_loaded(self, text: str) -> None:
        empty_db = not text and not self.model.rowCount() and not self.patients.archived.isChecked()
        if empty_db:  # on the worker: the window must not wait for the data layer
            services = self.services
            self.runner.submit(
                "practice",
                lambda: services.practice.practice(),
                self.empty.practice.load,
                owner=self.empty,
            )
        self.patients_page.setCurrentWidget(self.empty if empty_db else self.patients)

    def new_patient(self) -> PatientDialog:
        from cryolog.ui.patient_dialog import PatientDialog

        dialog = PatientDialog(self.services, parent=self, lane=self.runner)
        dialog.saved.connect(lambda patient: self.open_patient(patient.id))
        dialog.open_existing.connect(self.open_patient)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_patient(self, patient_id: int) -> PatientRecordView:
        view = self.records.get(patient_id)
        if view is None:
            from cryolog.ui.record.record_view import PatientRecordView

            view = PatientRecordView(self.services, self.runner, patient_id, self.last_record_tab)
            view.title_changed.connect(lambda title, v=view: self._retitle(v, title))
            view.tab_chosen.connect(self._record_tab_chosen)
            from cryolog.ui.erase_dialog import install_erase

            install_erase(self, view)
            self.records[patient_id] = view
            self.tabs.addTab(view, "…")
        self.tabs.setCurrentWidget(view)
        return view

    def start_session(
        self, patient_id: int, course_id: int | None, resource_id: int
    ) -> PatientRecordView:
        """From the day plan: the patient's record with its session panel started for the
        booked course, the device being the booked resource."""
        device = self.today.resource_name(resource_id)
        view = self.open_patient(patient_id)
        _when_loaded(view, lambda: view.session_host.start(course_id, device=device))
        return view

    def go_on_with_session(self, patient_id: int, session_id: int) -> PatientRecordView:
        """From the day plan: the record, with the unsigned session open in its panel."""
        view = self.open_patient(patient_id)

        def go_on() -> None:
            data = view.data
            found = [s for s in data.record.sessions if s.id == session_id] if data else []
            if found:
                view.session_host.open_session(found[0])

        _when_loaded(view, go_on)
        return view

    def _retitle(self, view: PatientRecordView, title: str) -> None:
        index = self.tabs.indexOf(view)
        if index >= 0:
            self.tabs.setTabText(index, title if len(title) < 28 else title[:26] + "…")

    def _record_tab_chosen(self, index: int) -> None:
        self.last_record_tab = index
        if self.settings is not None:
            self.settings.setValue("record/tab", index)

    def close_tab(self, index: int) -> bool:
        """Close a record; with unsaved changes ask first (save / discard / cancel). True
        when it closed at once (after Save it closes once every save succeeded)."""
        view = self._record_at(index)
        if view is None:
            return False
        return dirty.settle(
            self, view.unsaved_forms(), lambda: self._remove(view), "a form in this record"
        )

    def _remove(self, view: PatientRecordView) -> None:
        index = self.tabs.indexOf(view)
        if index >= 0:
            self.tabs.removeTab(index)
        self.records.pop(view.patient_id, None)
        view.deleteLater()

    def _close_current(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        shown = self.tabs.widget(index)
        if shown is not None and shown in (self._today, self._today_page):
            self.today.refresh()

    def _record_at(self, index: int) -> PatientRecordView | None:
        widget = self.tabs.widget(index)
        return next((view for view in self.records.values() if view is widget), None)

    # kept-aside typing -----------------------------------------------------------------

    def keep_aside(self) -> None:
        """Every few seconds: the unsaved typing of the open records, to a private file."""
        kept = {pid: t for pid, view in self.records.items() if (t := view.kept_typing())}
        self.kept.write(kept)

    def offer_kept_typing(self) -> None:
        kept = self.kept.read()
        if not kept or not prompts.restore_kept(self, len(kept)):
            if kept:
                self.kept.clear()
            return
        for pid, forms in kept.items():
            view = self.open_patient(pid)

            def put_back(v: PatientRecordView = view, f: dict[str, Any] = forms) -> None:
                v.loaded.disconnect(put_back)
                v.restore_typing(f)

            view.loaded.connect(put_back)

    # first run --------------------------------------------------------------------------

    def load_demo(self) -> None:
        """Ask first; by default the demonstration goes into a file of its own, opened in
        place of this one, so the practitioner's real database never gets made-up patients."""
        choice = prompts.demo_target(self, demo_file_for(self.services.db))
        if choice is None:
            return
        if choice.separate:
            self._make_demo_file(choice.path)
            return
        # imported when asked for: the generator is an optional part of the services
        generate = importlib.import_module("cryolog.services.demo").generate_demo
        db = self.services.db
        self.empty.demo_button.setEnabled(False)
        self.empty.demo_status.setText(self.tr("Loading demonstration data…"))
        self.background.save(
            lambda: generate(db, patients=200, seed=1),
            self._demo_loaded,
            change=Change.of(PATIENT),
            on_error=self._demo_failed,
        )

    def _make_demo_file(self, path: Path) -> None:
        generate = importlib.import_module("cryolog.services.demo").generate_demo
        self.empty.demo_button.setEnabled(False)
        self.empty.demo_status.setText(
            self.tr("Writing demonstration data to {0}…").format(path.name)
        )

        def work() -> Path:
            from cryolog.db.database import open_database

            demo = open_database(path)
            try:
                generate(demo, patients=200, seed=1)
            finally:
                demo.dispose()
            return path

        self.background.save(
            work, lambda p: self.switch_database.emit(str(p)), on_error=self._demo_failed
        )

    def _demo_loaded(self, _result: object) -> None:
        self.empty.demo_status.clear()
        self.empty.demo_button.setEnabled(True)

    def _demo_failed(self, exc: BaseException, details: str) -> None:
        self.empty.demo_button.setEnabled(True)
        self.empty.demo_status.clear()
        show_error(self, self.tr("Demo data could not be loaded"), exc, details)

    def save_practice(self, values: dict[str, str]) -> None:
        practice = self.services.practice
        self.empty.practice.errors.clear()

        def failed(exc: BaseException, details: str) -> None:
            show_error(
                self,
                QCoreApplication.translate("MainWindow", "Practice details not saved"),
                exc,
                details,
                saving=True,
            )

        self.runner.save(
            lambda: practice.update_practice(values),
            lambda _r: self.empty.practice_saved.setText(
                QCoreApplication.translate(
                    "MainWindow", "Saved. You can change these in Preferences."
                )
            ),
            change=Change.of(PRACTICE),
            on_invalid=self.empty.practice.errors.show,
            on_error=failed,
            button=self.empty.save_button,
        )

    # dialogs ----------------------------------------------------------------------------

    def preferences(self) -> PreferencesDialog:
        from cryolog.ui.preferences import PreferencesDialog
        from cryolog.ui.privacy_settings import install_privacy_tab

        dialog = PreferencesDialog(self.services, self, lane=self.runner, loaded=self.practice_now)
        if self.settings is not None:
            install_privacy_tab(dialog, self.settings)
        self.dialog = dialog
        dialog.open()
        return dialog

    def import_patients(self) -> QWidget:
        from cryolog.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.services, self.runner, self)
        dialog.imported.connect(lambda _: self.model.refresh())
        self.dialog = dialog
        dialog.open()
        return dialog

    def shortcut_texts(self) -> list[str]:
        """The keys as they are bound now (read from the actions, so the list cannot drift
        from what the keys do), and the two the forms and the session panel add."""
        native = QKeySequence.SequenceFormat.NativeText
        named = [
            (self.find_action, self.tr("find")),
            (self.new_action, self.tr("new patient")),
            (self.today_action, self.tr("today")),
            (self.calendar.week_action if self.calendar else None, self.tr("week")),
            (self.close_tab_action, self.tr("close patient")),
            (self.prefs_action, self.tr("preferences")),
            (self.about_action, self.tr("this help")),
        ]
        texts = [
            f"{action.shortcut().toString(native)} {label}"
            for action, label in named
            if action is not None and not action.shortcut().isEmpty()
        ]
        save = QKeySequence(QKeySequence.StandardKey.Save).toString(native)
        texts.insert(3, self.tr("{0} sign a completed session (or save an amendment)").format(save))
        return [*texts, self.tr("Esc cancel")]

    def about(self) -> QMessageBox:
        """Version, shortcuts and the database in use (F1); closes with Esc or OK."""
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About cryolog"))
        box.setText(
            self.tr("<b>cryolog {0}</b><p>Treatment logbook for cryotherapy.</p>").format(
                __version__
            )
            + f"<p>{' · '.join(self.shortcut_texts())}</p>"
            + self.tr("<p>Database: {0}</p>").format(self.services.db.label)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setEscapeButton(QMessageBox.StandardButton.Ok)
        self.dialog = box
        box.open()
        return box

    def choose_file(self) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Open or create a cryolog database"),
            "",
            self.tr("cryolog database (*.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        return path

    # layout memory and closing ----------------------------------------------------------

    def restore_layout(self) -> None:
        if self.settings is None:
            self.resize(1280, 760)
            return
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        tab = self.settings.value("record/tab")
        if tab is not None and str(tab).isdigit():
            self.last_record_tab = int(str(tab))

    def save_layout(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())

    def unsaved_views(self) -> list[PatientRecordView]:
        return [v for v in self.records.values() if v.has_unsaved_work()]

    def unsaved_forms(self) -> list[dirty.DirtyTracked]:
        """Every form of the window with unsaved changes: records and open dialogs."""
        found: list[dirty.DirtyTracked] = []
        for view in self.records.values():
            found.extend(view.unsaved_forms())
        dialog = self.dialog
        visible = isinstance(dialog, QWidget) and dialog.isVisible()
        if isinstance(dialog, dirty.DirtyTracked) and visible and dialog.has_unsaved_changes():
            found.append(dialog)
        return found

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Quit, switch database or close: unsaved changes ask (save / discard / cancel);
        after Save the window closes once every save succeeded."""
        if not self._closing_confirmed:
            self._in_close = True
            settled = dirty.settle(
                self, self.unsaved_forms(), self._confirm_close, "the open forms"
            )
            self._in_close = False
            if not settled:
                event.ignore()
                return
        if self.closing.is_set():  # closed already (a second close event)
            super().closeEvent(event)
            return
        self.save_layout()
        self.keep_timer.stop()
        self.kept.clear()  # closed cleanly: nothing is left unsaved on purpose
        self.closing.set()
        hub().changed.disconnect(self._changed)
        if self.server_changes is not None:
            self.server_changes.stop()
        self.ops.shutdown()
        super().closeEvent(event)

    def _confirm_close(self) -> None:
        """Everything is saved or discarded: close (now, or once the saves are done)."""
        self._closing_confirmed = True
        if not self._in_close:  # the saves finished after the question: close now
            self.close()


def _when_loaded(view: PatientRecordView, then: Callable[[], object]) -> None:
    """``then()`` now if the record is on screen, else once its first load arrives."""
    if view.data is not None:
        then()
        return

    def once() -> None:
        view.loaded.disconnect(once)
        then()

    view.loaded.connect(once)
