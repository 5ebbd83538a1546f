"""The main window: patients, Today, and open patient records as tabs."""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

from cryolog import __version__
from cryolog.services import Services
from cryolog.services.dto import PatientDTO
from cryolog.ui import dirty
from cryolog.ui.empty_state import EmptyState
from cryolog.ui.errors import show_error
from cryolog.ui.models import PatientListModel
from cryolog.ui.patient_list import PatientListView
from cryolog.ui.tasks import TaskRunner
from cryolog.ui.today_view import TodayView

if TYPE_CHECKING:  # imported when first needed: the window opens faster without them
    from cryolog.ui.appointments.hooks import Calendar
    from cryolog.ui.patient_dialog import PatientDialog
    from cryolog.ui.preferences import PreferencesDialog
    from cryolog.ui.record.record_view import PatientRecordView


class MainWindow(QMainWindow):
    """``switch_database`` asks the app to open another file (path or '' to choose)."""

    switch_database = Signal(str)

    def __init__(self, services: Services, settings: QSettings | None = None) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        # Two workers: one for what the practitioner waits for (searches, records, saves),
        # one for long housekeeping (data-layer warm-up, integrity scan) so it never
        # delays a search. ``closing`` tells background work to stop early.
        self.runner = TaskRunner(self)
        self.background = TaskRunner(self, "background")
        self.closing = threading.Event()
        self.setWindowTitle("cryolog")
        self.model = PatientListModel(self.runner, lambda: self.services.search)
        self.patients = PatientListView(self.model)
        self.empty = EmptyState()
        self.patients_page = QStackedWidget()
        self.patients_page.addWidget(self.patients)
        self.patients_page.addWidget(self.empty)
        self.today = TodayView(self.runner, lambda: self.services.today)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.addTab(self.patients_page, "Patients")
        self.tabs.addTab(self.today, "Today")
        for fixed in (0, 1):
            self.tabs.tabBar().setTabButton(
                fixed, self.tabs.tabBar().ButtonPosition.RightSide, None
            )
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.records: dict[int, PatientRecordView] = {}
        self.dialog: QWidget | None = None
        self.calendar: Calendar | None = None
        self.db_label = QLabel(f"Database: {services.db.label}")
        self.statusBar().addPermanentWidget(self.db_label)
        self._actions()
        self._wire()
        self.restore_layout()
        self.model.set_query("")
        from cryolog.ui.appointments.hooks import install_calendar

        install_calendar(self)

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
            "&New patient…", self.new_patient, QKeySequence.StandardKey.New
        )
        self.find_action = self._action(
            "&Find patient", self.focus_search, QKeySequence.StandardKey.Find
        )
        self.today_action = self._action(
            "&Today", lambda: self.tabs.setCurrentWidget(self.today), "Ctrl+T"
        )
        self.open_db_action = self._action(
            "&Open database…", lambda: self.switch_database.emit(""), QKeySequence.StandardKey.Open
        )
        self.prefs_action = self._action("&Preferences…", self.preferences, "Ctrl+,")
        self.import_action = self._action("&Import patients…", self.import_patients)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.about_action = self._action(
            "&About cryolog", self.about, QKeySequence.StandardKey.HelpContents
        )
        self.close_tab_action = self._action("&Close patient", self._close_current, "Ctrl+W")
        file_menu = self.menuBar().addMenu("&File")
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
        view = self.menuBar().addMenu("&View")
        view.addAction(self.find_action)
        view.addAction(self.today_action)
        self.menuBar().addMenu("&Help").addAction(self.about_action)
        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.find_action, self.today_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    def _wire(self) -> None:
        self.patients.search.textChanged.connect(self.search)
        self.patients.search.returnPressed.connect(self.patients.open_selected)
        self.patients.archived.toggled.connect(lambda _: self.search(self.patients.search.text()))
        self.patients.new_patient.connect(self.new_patient)
        self.patients.open_patient.connect(self.open_patient)
        self.today.open_patient.connect(self.open_patient)
        self.model.loaded.connect(self._list_loaded)
        self.model.failed.connect(lambda exc, d: show_error(self, "Search failed", exc, d))
        self.empty.create_patient.connect(self.new_patient)
        self.empty.load_demo.connect(self.load_demo)
        self.empty.save_practice.connect(self.save_practice)

    # patients ---------------------------------------------------------------------------

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

        dialog = PatientDialog(self.services, parent=self)
        dialog.saved.connect(self._patient_created)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _patient_created(self, patient: PatientDTO) -> None:
        self.model.refresh()
        self.open_patient(patient.id)

    def open_patient(self, patient_id: int) -> PatientRecordView:
        view = self.records.get(patient_id)
        if view is None:
            from cryolog.ui.record.record_view import PatientRecordView

            view = PatientRecordView(self.services, self.runner, patient_id)
            view.title_changed.connect(lambda title, v=view: self._retitle(v, title))
            view.patient_changed.connect(self.model.refresh)
            self.records[patient_id] = view
            self.tabs.addTab(view, "…")
        self.tabs.setCurrentWidget(view)
        return view

    def _retitle(self, view: PatientRecordView, title: str) -> None:
        index = self.tabs.indexOf(view)
        if index >= 0:
            self.tabs.setTabText(index, title if len(title) < 28 else title[:26] + "…")

    def close_tab(self, index: int) -> bool:
        view = self._record_at(index)
        if view is None:
            return False
        if view.has_unsaved_work() and not dirty.confirm_discard(
            self, "a form open in this record"
        ):
            return False
        self.tabs.removeTab(index)
        self.records.pop(view.patient_id, None)
        view.deleteLater()
        return True

    def _close_current(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        record = self._record_at(index)
        if self.tabs.widget(index) is self.today:
            self.today.refresh()
        elif record is not None and record.data is not None:
            record.reload()

    def _record_at(self, index: int) -> PatientRecordView | None:
        widget = self.tabs.widget(index)
        return next((view for view in self.records.values() if view is widget), None)

    # first run --------------------------------------------------------------------------

    def load_demo(self) -> None:
        # imported when asked for: the generator is an optional part of the services
        generate = importlib.import_module("cryolog.services.demo").generate_demo
        db = self.services.db
        self.empty.demo_button.setEnabled(False)
        self.empty.demo_status.setText("Loading demonstration data…")
        self.runner.submit(
            "demo",
            lambda: generate(db, patients=200, seed=1),
            self._demo_loaded,
            self._demo_failed,
        )

    def _demo_loaded(self, _result: object) -> None:
        self.empty.demo_status.clear()
        self.empty.demo_button.setEnabled(True)
        self.model.refresh()

    def _demo_failed(self, exc: BaseException, details: str) -> None:
        self.empty.demo_button.setEnabled(True)
        self.empty.demo_status.clear()
        show_error(self, "Demo data could not be loaded", exc, details)

    def save_practice(self, values: dict[str, str]) -> None:
        from cryolog.domain.errors import InvalidInput

        try:
            self.services.practice.update_practice(values)
        except InvalidInput as exc:
            self.empty.practice.errors.show(exc)
            return
        except Exception as exc:
            show_error(self, "Practice details not saved", exc, saving=True)
            return
        self.empty.practice.errors.clear()
        self.empty.practice_saved.setText("Saved. You can change these in Preferences.")

    # dialogs ----------------------------------------------------------------------------

    def preferences(self) -> PreferencesDialog:
        from cryolog.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.services, self)
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

    def about(self) -> QMessageBox:
        """Version, shortcuts and the database in use (F1); closes with Esc or OK."""
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle("About cryolog")
        box.setText(
            f"<b>cryolog {__version__}</b><p>Treatment logbook for cryotherapy.</p>"
            "<p>Ctrl+F find · Ctrl+N new patient · Ctrl+T today · Ctrl+S save session ·"
            " Esc cancel · Ctrl+W close patient · F1 this help</p>"
            f"<p>Database: {self.services.db.label}</p>"
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setEscapeButton(QMessageBox.StandardButton.Ok)
        self.dialog = box
        box.open()
        return box

    def choose_file(self) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Open or create a cryolog database",
            "",
            "cryolog database (*.db);;All files (*)",
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
        splitter = self.settings.value("today/splitter")
        if splitter is not None:
            self.today.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("today/splitter", self.today.splitter.saveState())

    def unsaved_views(self) -> list[PatientRecordView]:
        return [v for v in self.records.values() if v.has_unsaved_work()]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.unsaved_views() and not dirty.confirm_discard(
            self, "a form open in a patient record"
        ):
            event.ignore()
            return
        self.save_layout()
        self.closing.set()
        self.background.shutdown()
        self.runner.shutdown()
        super().closeEvent(event)
