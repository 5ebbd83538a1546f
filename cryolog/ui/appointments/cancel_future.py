"""Offer to cancel the future appointments when a course is closed or voided, or a patient
archived: the list, a reason, and the service call (written on the worker)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from cryolog.services import Services
from cryolog.services.appointments_dto import AppointmentDTO
from cryolog.ui.appointments.common import problem_text
from cryolog.ui.errors import show_error
from cryolog.ui.tasks import TaskRunner


class CancelFutureDialog(QDialog):
    """``patient_id`` or ``course_id`` says whose appointments; closes by itself when none."""

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        *,
        patient_id: int | None = None,
        course_id: int | None = None,
        why: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.patient_id, self.course_id = patient_id, course_id
        self.setWindowTitle(self.tr("Cancel the future appointments?"))
        self.items = QListWidget()
        self.reason = QLineEdit(why)
        self.reason.setObjectName("cancelReason")
        self.reason.setPlaceholderText(
            self.tr("Why they are cancelled (kept with each appointment)")
        )
        self.message = QLabel(self.tr("Loading…"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.buttons = QDialogButtonBox()
        self.cancel_them = self.buttons.addButton(
            self.tr("Cancel them"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Keep them"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.cancel_all)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("These visits are still booked:")))
        layout.addWidget(self.items)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(520, 380)
        service = services.appointments
        runner.submit(
            "cancel_future_load",
            lambda: service.future(patient_id=patient_id, course_id=course_id),
            self._loaded,
            self._failed,
            owner=self,
        )

    def _loaded(self, items: list[AppointmentDTO]) -> None:
        for a in items:
            end = a.start + timedelta(minutes=a.length_min)
            self.items.addItem(
                self.tr("{0:%a %d.%m.%Y %H:%M}–{1:%H:%M}  {2}").format(
                    a.start, end, a.resource_name
                )
            )
        self.message.setText(
            self.tr("{0} booked visits.").format(len(items))
            if items
            else self.tr("Nothing is booked.")
        )
        self.cancel_them.setEnabled(bool(items))

    def cancel_all(self) -> None:
        service, reason = self.services.appointments, self.reason.text()
        pid, cid = self.patient_id, self.course_id
        self.cancel_them.setEnabled(False)
        self.runner.submit(
            "cancel_future",
            lambda: service.cancel_future(reason, patient_id=pid, course_id=cid),
            lambda _: self.accept(),
            self._failed,
            owner=self,
        )

    def _failed(self, exc: BaseException, details: str) -> None:
        self.cancel_them.setEnabled(self.items.count() > 0)
        text = problem_text(exc)
        if text is None:
            show_error(
                self, self.tr("The appointments were not cancelled"), exc, details, saving=True
            )
            return
        self.message.setText(text)
