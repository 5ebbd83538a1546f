"""Book the rest of a course: the proposed dates and times (respecting the protocol, the
practice's week, the free places and the patient's preferred times), which the
practitioner adjusts, then confirms. Each changed row is re-checked on the worker; a
warning needs a reason before the visits are booked; a refusal keeps the dialog open."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import locale as loc
from cryolog.domain.booking.errors import ReasonNeeded
from cryolog.domain.booking.prefs import Preferences
from cryolog.domain.booking.week import PracticeWeek
from cryolog.services import Services
from cryolog.services.appointments_dto import AppointmentDTO, BookingRequest, ProposalDTO
from cryolog.ui.appointments.common import findings_html, problem_text
from cryolog.ui.appointments.prefs_fields import PreferenceFields
from cryolog.ui.errors import show_error
from cryolog.ui.tasks import TaskRunner

INCLUDE, WHEN, WHERE, CHECK = range(4)


def _qt(moment: datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


def _py(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class BookingDialog(QDialog):
    booked = Signal(list)  # the AppointmentDTOs written

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        patient_id: int,
        course_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.patient_id, self.course_id = patient_id, course_id
        self.week = PracticeWeek()
        self.setWindowTitle(self.tr("Book the rest of the course"))
        self.prefs = PreferenceFields()
        self.count = QSpinBox(minimum=0, maximum=100)
        self.count.setSuffix(self.tr(" visits"))
        self.propose_button = QPushButton(self.tr("Propose"))
        self.propose_button.clicked.connect(
            lambda: self.propose(self.count.value(), save_prefs=True)
        )
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("proposedVisits")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Book"), self.tr("When"), self.tr("Where"), self.tr("Check")]
        )
        # the findings take the rest of the width, however long their language writes them
        self.table.horizontalHeader().setSectionResizeMode(CHECK, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.reason = QLineEdit()
        self.reason.setObjectName("bookingReason")
        self.reason.setPlaceholderText(
            self.tr("Why book despite the warnings (kept with the visits)")
        )
        self.message = QLabel(self.tr("Proposing…"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = self.buttons.addButton(
            self.tr("Book these visits"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm.setObjectName("confirmBooking")
        self.confirm.setEnabled(False)
        self.buttons.accepted.connect(self.book)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Preferred"), self.prefs)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("How many")))
        top.addWidget(self.count)
        top.addWidget(self.propose_button)
        top.addStretch(1)
        form.addRow("", _wrap(top))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(860, 560)
        self._start()

    # --- proposing -------------------------------------------------------------------------

    def _start(self) -> None:
        services, pid = self.services, self.patient_id

        def work() -> tuple[PracticeWeek, Preferences]:
            return services.week.week(), services.week.preferences(pid)

        self.runner.submit("booking_setup", work, self._set_up, self._failed, owner=self)

    def _set_up(self, result: tuple[PracticeWeek, Preferences]) -> None:
        self.week, prefs = result
        self.prefs.set_value(prefs)
        self.propose(None, save_prefs=False)

    def propose(self, count: int | None, *, save_prefs: bool) -> None:
        services, pid, cid, prefs = (
            self.services,
            self.patient_id,
            self.course_id,
            self.prefs.value(),
        )

        def work() -> ProposalDTO:
            if save_prefs:
                services.week.set_preferences(pid, prefs)
            return services.appointments.propose_rest(cid, count)

        self.message.setText(self.tr("Proposing…"))
        self.runner.submit("booking_propose", work, self.show_proposal, self._failed, owner=self)

    def show_proposal(self, proposal: ProposalDTO) -> None:
        self.table.setRowCount(0)
        for visit in proposal.visits:
            self._add_row(
                visit.start,
                visit.resource_id,
                "outside the preferred times" if visit.outside_preferences else "",
            )
        self.count.setValue(proposal.wanted)
        if proposal.asks_count and not proposal.visits:
            text = self.tr(
                "This course has no set number of sessions: how many visits should be booked?"
            )
        elif not proposal.visits:
            text = self.tr("Nothing to book: the course's visits are all booked or done.")
        elif not proposal.complete:
            text = self.tr("Only {0} of %n visit(s) fit in the next year.", "", proposal.wanted)
            text = text.format(len(proposal.visits))
        else:
            text = self.tr(
                "%n visit(s) proposed. Change any of them, then book.", "", len(proposal.visits)
            )
        if proposal.findings:
            text += "<br/>" + findings_html(proposal.findings)
        self.message.setText(text)
        self.confirm.setEnabled(bool(proposal.visits))

    def _add_row(self, start: datetime, resource_id: int, note: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        include = QCheckBox()
        include.setChecked(True)
        self.table.setCellWidget(row, INCLUDE, include)
        when = QDateTimeEdit(_qt(start))
        when.setLocale(QLocale(loc.window_locale().language))  # 'ср', not 'Wed', in Russian
        when.setDisplayFormat("ddd dd.MM.yyyy HH:mm")
        when.setCalendarPopup(True)
        self.table.setCellWidget(row, WHEN, when)
        where = QComboBox()
        for res in self.week.resources:
            if res.active:
                where.addItem(res.name, res.id)
        where.setCurrentIndex(max(where.findData(resource_id), 0))
        self.table.setCellWidget(row, WHERE, where)
        check = QLabel(note)
        check.setTextFormat(Qt.TextFormat.RichText)
        check.setWordWrap(True)
        self.table.setCellWidget(row, CHECK, check)
        when.dateTimeChanged.connect(lambda _: self.recheck(row))
        where.currentIndexChanged.connect(lambda _: self.recheck(row))
        for column in (INCLUDE, WHEN, WHERE):  # one by one: all at once loses the stretch
            self.table.resizeColumnToContents(column)

    def requests(self) -> list[BookingRequest]:
        return [request for _, request in self._rows()]

    def _rows(self) -> list[tuple[int, BookingRequest]]:
        found = []
        for row in range(self.table.rowCount()):
            include, when, where = (self.table.cellWidget(row, c) for c in (INCLUDE, WHEN, WHERE))
            assert isinstance(include, QCheckBox) and isinstance(when, QDateTimeEdit)
            assert isinstance(where, QComboBox)
            if include.isChecked():
                request = BookingRequest(
                    self.patient_id, int(where.currentData()), _py(when.dateTime()), self.course_id
                )
                found.append((row, request))
        return found

    def recheck(self, row: int) -> None:
        when, where = (self.table.cellWidget(row, c) for c in (WHEN, WHERE))
        assert isinstance(when, QDateTimeEdit) and isinstance(where, QComboBox)
        request = BookingRequest(
            self.patient_id, int(where.currentData()), _py(when.dateTime()), self.course_id
        )
        label = self.table.cellWidget(row, CHECK)
        assert isinstance(label, QLabel)
        service = self.services.appointments
        others = [r for n, r in self._rows() if n != row]

        def shown(findings: list[object]) -> None:
            fits = QCoreApplication.translate(
                "BookingDialog", "<span style='color:#2e7d32'>fits</span>"
            )
            label.setText(findings_html(findings) or fits)  # type: ignore[arg-type]
            self.table.resizeRowToContents(row)

        def failed(exc: BaseException, _details: str) -> None:
            label.setText(problem_text(exc) or str(exc))

        self.runner.submit(
            f"booking_check_{row}",
            lambda: service.check(request, None, others),
            shown,
            failed,
            owner=label,
        )

    # --- booking ---------------------------------------------------------------------------

    def book(self) -> None:
        requests, reason, service = self.requests(), self.reason.text(), self.services.appointments
        self.confirm.setEnabled(False)
        self.message.setText(self.tr("Booking…"))
        self.runner.submit(
            "booking_write",
            lambda: service.book_many(requests, reason),
            self._booked,
            self._failed,
            owner=self,
        )

    def _booked(self, result: list[AppointmentDTO]) -> None:
        self.booked.emit(result)
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        self.confirm.setEnabled(self.table.rowCount() > 0)
        text = problem_text(exc)
        if text is None:
            self.message.setText("")
            show_error(self, self.tr("The visits were not booked"), exc, details, saving=True)
            return
        if isinstance(exc, ReasonNeeded):
            text += "<br/>" + self.tr("Write a reason above to book them anyway.")
            self.reason.setFocus()
        self.message.setText(text)


def _wrap(layout: QHBoxLayout) -> QWidget:
    widget = QWidget()
    widget.setLayout(layout)
    layout.setContentsMargins(0, 0, 0, 0)
    return widget
