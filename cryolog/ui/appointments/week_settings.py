"""Preferences for the calendar: opening hours per weekday (several intervals a day),
closed days and holidays, how many staff, and the resources sessions run on."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain.booking.week import (
    MAX_CAPACITY,
    MAX_SESSION_MIN,
    MAX_STAFF,
    MAX_TURNAROUND_MIN,
    WEEKDAYS,
    ClosedDay,
    Interval,
    PracticeWeek,
    Resource,
)
from cryolog.domain.catalog import MODALITIES
from cryolog.domain.errors import FieldError, InvalidInput
from cryolog.services import Services
from cryolog.ui.appointments.common import field_words, problem_text
from cryolog.ui.errors import show_error
from cryolog.ui.language import weekday_name
from cryolog.ui.tasks import TaskRunner


def _time(minutes: int) -> QTime:
    return QTime(min(minutes // 60, 23), minutes % 60 if minutes < 1440 else 59)


def _minutes(edit: QTimeEdit) -> int:
    value = edit.time()
    minutes = value.hour() * 60 + value.minute()
    return 1440 if minutes == 23 * 60 + 59 else minutes


class HoursTable(QTableWidget):
    """One row per opening interval: weekday, opens, closes."""

    def __init__(self) -> None:
        super().__init__(0, 3)
        self.setHorizontalHeaderLabels([self.tr("Day"), self.tr("Opens"), self.tr("Closes")])
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()

    def add(self, interval: Interval) -> None:
        row = self.rowCount()
        self.insertRow(row)
        day = QComboBox()
        day.addItems([weekday_name(n) for n in range(len(WEEKDAYS))])
        day.setCurrentIndex(interval.weekday)
        self.setCellWidget(row, 0, day)
        for column, minutes in ((1, interval.start_min), (2, interval.end_min)):
            edit = QTimeEdit(_time(minutes))
            edit.setDisplayFormat("HH:mm")
            self.setCellWidget(row, column, edit)

    def intervals(self) -> list[Interval]:
        found = []
        for row in range(self.rowCount()):
            day = self.cellWidget(row, 0)
            opens, closes = self.cellWidget(row, 1), self.cellWidget(row, 2)
            assert isinstance(day, QComboBox)
            assert isinstance(opens, QTimeEdit) and isinstance(closes, QTimeEdit)
            found.append(Interval(day.currentIndex(), _minutes(opens), _minutes(closes)))
        return found


class ClosedTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, 2)
        self.setHorizontalHeaderLabels([self.tr("Closed on"), self.tr("Why (e.g. a holiday)")])
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()

    def add(self, closed: ClosedDay) -> None:
        row = self.rowCount()
        self.insertRow(row)
        edit = QDateEdit(QDate(closed.day.year, closed.day.month, closed.day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("ddd dd.MM.yyyy")
        self.setCellWidget(row, 0, edit)
        label = QLineEdit(closed.label)
        label.setMaxLength(120)
        self.setCellWidget(row, 1, label)

    def days(self) -> list[ClosedDay]:
        found = []
        for row in range(self.rowCount()):
            edit, label = self.cellWidget(row, 0), self.cellWidget(row, 1)
            assert isinstance(edit, QDateEdit) and isinstance(label, QLineEdit)
            value = edit.date()
            found.append(ClosedDay(date(value.year(), value.month(), value.day()), label.text()))
        return found


class ResourceEditor(QGroupBox):
    """One resource: name, modalities, places, session and turnaround minutes, in use."""

    def __init__(self, resource: Resource) -> None:
        super().__init__(resource.name or "New resource")
        self.resource_id = resource.id
        self.name = QLineEdit(resource.name)
        self.name.setMaxLength(80)
        self.name.setObjectName("resourceName")
        self.capacity = QSpinBox(minimum=1, maximum=MAX_CAPACITY, value=resource.capacity)
        self.capacity.setSuffix(self.tr(" at once"))
        self.session = QSpinBox(minimum=1, maximum=MAX_SESSION_MIN, value=resource.session_min)
        self.session.setSuffix(self.tr(" min"))
        self.turnaround = QSpinBox(
            minimum=0, maximum=MAX_TURNAROUND_MIN, value=resource.turnaround_min
        )
        self.turnaround.setSuffix(self.tr(" min"))
        self.active = QCheckBox(self.tr("in use"))
        self.active.setChecked(resource.active)
        self.modalities: dict[str, QCheckBox] = {}
        boxes = QWidget()
        grid = QHBoxLayout(boxes)
        grid.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout()
        for n, (mid, spec) in enumerate(MODALITIES.items()):
            box = QCheckBox(spec.label)
            box.setChecked(mid in resource.modalities)
            self.modalities[mid] = box
            column.addWidget(box)
            if n % 3 == 2:
                grid.addLayout(column)
                column = QVBoxLayout()
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Treatments"), boxes)
        form.addRow(self.tr("Patients"), self.capacity)
        form.addRow(self.tr("Session"), self.session)
        form.addRow(self.tr("Then ready again after"), self.turnaround)
        form.addRow("", self.active)
        form.addRow(self.errors)

    def value(self) -> Resource:
        chosen = tuple(m for m, box in self.modalities.items() if box.isChecked())
        return Resource(
            self.resource_id,
            self.name.text(),
            chosen,
            self.capacity.value(),
            self.session.value(),
            self.turnaround.value(),
            self.active.isChecked(),
        )


class WeekSettingsDialog(QDialog):
    """Loaded and saved on the worker; a failed save keeps everything typed."""

    saved = Signal()

    def __init__(
        self, services: Services, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.setWindowTitle(self.tr("Practice week and resources"))
        self.hours, self.closed = HoursTable(), ClosedTable()
        self.staff = QSpinBox(minimum=1, maximum=MAX_STAFF, value=1)
        self.editors: list[ResourceEditor] = []
        self.resources_box = QVBoxLayout()
        self.status = QLabel(self.tr("Loading…"))
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._week_page(), self.tr("Opening hours"))
        self.tabs.addTab(self._resources_page(), self.tr("Resources"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(720, 620)
        week = services.week
        runner.submit("week_settings", week.week, self.load, self._failed, owner=self)

    def _week_page(self) -> QWidget:
        page = QWidget()
        add_hours = QPushButton(self.tr("Add opening hours"))
        add_hours.clicked.connect(lambda: self.hours.add(Interval(0, 8 * 60, 18 * 60)))
        remove_hours = QPushButton(self.tr("Remove selected"))
        remove_hours.clicked.connect(lambda: self.hours.removeRow(self.hours.currentRow()))
        add_closed = QPushButton(self.tr("Add a closed day"))
        add_closed.clicked.connect(lambda: self.closed.add(ClosedDay(date.today(), "")))
        remove_closed = QPushButton(self.tr("Remove selected"))
        remove_closed.clicked.connect(lambda: self.closed.removeRow(self.closed.currentRow()))
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(self.tr("<b>Opening hours</b> — several intervals a day are allowed"))
        )
        layout.addWidget(self.hours, 2)
        layout.addLayout(_buttons(add_hours, remove_hours))
        layout.addWidget(QLabel(self.tr("<b>Closed days and holidays</b>")))
        layout.addWidget(self.closed, 1)
        layout.addLayout(_buttons(add_closed, remove_closed))
        staff = QFormLayout()
        staff.addRow(self.tr("Practitioners at once"), self.staff)
        layout.addLayout(staff)
        return page

    def _resources_page(self) -> QWidget:
        page = QWidget()
        add = QPushButton(self.tr("Add a resource"))
        add.clicked.connect(lambda: self._add_editor(Resource(0, "", ())))
        layout = QVBoxLayout(page)
        layout.addLayout(self.resources_box)
        layout.addStretch(1)
        layout.addLayout(_buttons(add))
        return page

    def _add_editor(self, resource: Resource) -> ResourceEditor:
        editor = ResourceEditor(resource)
        self.editors.append(editor)
        self.resources_box.addWidget(editor)
        return editor

    def load(self, week: PracticeWeek) -> None:
        for interval in week.hours:
            self.hours.add(interval)
        for closed in week.closed:
            self.closed.add(closed)
        self.staff.setValue(week.staff)
        for resource in week.resources:
            self._add_editor(resource)
        self.status.setText("")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    def save(self) -> None:
        hours, closed, staff = self.hours.intervals(), self.closed.days(), self.staff.value()
        resources = [e.value() for e in self.editors]
        services = self.services

        def work() -> None:
            with services.unit() as unit:
                unit.week.save_week(hours, closed, staff)
                for n, resource in enumerate(resources):
                    try:
                        unit.week.save_resource(resource)
                    except InvalidInput as exc:
                        paths = [
                            FieldError(f"resources[{n}].{e.path}", e.message) for e in exc.errors
                        ]
                        raise InvalidInput(paths) from exc

        self.status.setText(self.tr("Saving…"))
        self.buttons.setEnabled(False)
        self.runner.submit("week_settings_save", work, self._saved, self._failed, owner=self)

    def _saved(self, _: object) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit()
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        self.buttons.setEnabled(True)
        for n, editor in enumerate(self.editors):
            mine = [e for e in getattr(exc, "errors", []) if e.path.startswith(f"resources[{n}].")]
            editor.errors.setText("; ".join(field_words(e) for e in mine))
            editor.errors.setStyleSheet("color:#b3261e;")
        text = problem_text(exc)
        if text is None:
            self.status.setText("")
            show_error(self, self.tr("The practice week was not saved"), exc, details, saving=True)
            return
        self.status.setText(text)


def _buttons(*buttons: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
