"""Erase patient… (a record action): erasure on the patient's request.

The dialog tells the retention period (a warning in red when the record is younger) and
when the last backup holding the patient leaves the rotation, asks where the record is
exported first (and an optional password), then asks twice: a tick that the patient asked
and the duty to keep records allows it, then the family name typed back. The erasure runs
on the window's write lane; afterwards the record's tab closes, its kept-aside typing is
dropped and the list follows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from cryolog.services import Services, kept_typing
from cryolog.services.dto import PatientDTO
from cryolog.services.erasure import ErasurePlan, erase_patient, erasure_plan
from cryolog.services.export.protection import password_by_default, password_problem
from cryolog.ui.changes import PATIENT, Change
from cryolog.ui.privacy_settings import retention_years

if TYPE_CHECKING:
    from cryolog.ui.main_window import MainWindow
    from cryolog.ui.record.record_view import PatientRecordView
    from cryolog.ui.tasks import TaskRunner


class EraseDialog(QDialog):
    erased = Signal(int)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        patient: PatientDTO,
        plan: ErasurePlan,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.runner, self.patient, self.plan = services, runner, patient, plan
        self.setWindowTitle(self.tr("Erase patient"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Erasing removes {name}'s personal data and records from this database for"
                " good: names, contacts, notes, sessions, documents, and what the audit trail"
                " holds of them. The audit trail keeps only that an erasure took place."
            ).format(name=patient.display_name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.retention = QLabel(self._retention_text())
        self.retention.setObjectName("retentionWarning")
        self.retention.setWordWrap(True)
        if plan.too_young():
            self.retention.setStyleSheet("color: #b00020; font-weight: 600;")
        layout.addWidget(self.retention)
        self.backups = QLabel(self._backups_text())
        self.backups.setObjectName("backupsNote")
        self.backups.setWordWrap(True)
        layout.addWidget(self.backups)
        form = QFormLayout()
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self.export_path = QLineEdit(
            str(Path(documents) / f"patient-{patient.id}-record.zip") if documents else ""
        )
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.export_path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Export the record first to"), row)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("required: the database is encrypted")
            if password_by_default(services.db)
            else self.tr("optional")
        )
        form.addRow(self.tr("Password for the export"), self.password)
        layout.addLayout(form)
        self.erase_all = QRadioButton(self.tr("Erase everything"))
        self.anonymise = QRadioButton(self.tr("Anonymise"))
        # the explanation wraps beneath the choice: a radio button's text never wraps
        anonymise_note = QLabel(
            self.tr(
                'Keeps the clinical numbers (sessions, tests, scores) under "Anonymised",'
                " without names, contacts or free text."
            )
        )
        anonymise_note.setObjectName("anonymiseNote")
        anonymise_note.setWordWrap(True)
        anonymise_note.setBuddy(self.anonymise)
        style, metric = self.anonymise.style(), QStyle.PixelMetric
        anonymise_note.setIndent(
            style.pixelMetric(metric.PM_ExclusiveIndicatorWidth)
            + style.pixelMetric(metric.PM_RadioButtonLabelSpacing)
        )
        self.erase_all.setChecked(True)
        layout.addWidget(self.erase_all)
        layout.addWidget(self.anonymise)
        layout.addWidget(anonymise_note)
        self.requested = QCheckBox(
            self.tr("The patient asked for erasure, and the duty to keep records allows it")
        )
        layout.addWidget(self.requested)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("confirmName")
        self.confirm.setPlaceholderText(self.tr("type the family name to confirm"))
        layout.addWidget(self.confirm)
        self.error = QLabel("")
        self.error.setObjectName("eraseError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton(
            self.tr("Erase"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.clicked.connect(self.try_erase)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _retention_text(self) -> str:
        until = f"{self.plan.kept_until:%d.%m.%Y}"
        if self.plan.too_young():
            return self.tr(
                "Warning: the record is younger than the retention period of {years} years;"
                " it is to be kept until {until}."
            ).format(years=self.plan.retention_years, until=until)
        return self.tr("The retention period ({years} years) has passed.").format(
            years=self.plan.retention_years
        )

    def _backups_text(self) -> str:
        if self.plan.backups_gone_by is None:
            return self.tr("No backup holds this patient.")
        when = f"{self.plan.backups_gone_by:%d.%m.%Y}"
        if self.plan.backups_holding == 1:
            return self.tr(
                "1 backup still holds this patient; it ages out by the rotation by {date}."
            ).format(date=when)
        return self.tr(
            "{count} backups still hold this patient; they age out by their rotation, the"
            " last by {date}."
        ).format(count=self.plan.backups_holding, date=when)

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the record to"), self.export_path.text(), "ZIP (*.zip)"
        )
        if path:
            self.export_path.setText(path)

    def problem(self) -> str | None:
        if not self.export_path.text().strip():
            return self.tr("Choose where the record is exported first.")
        password = self.password.text()
        if password or password_by_default(self.services.db):
            found = password_problem(password)
            if found:
                return found.render()
        if not self.requested.isChecked():
            return self.tr("Tick that the patient asked for erasure.")
        if self.confirm.text().strip().casefold() != self.patient.family_name.casefold():
            return self.tr("Type the family name exactly to confirm.")
        return None

    def try_erase(self) -> None:
        found = self.problem()
        if found:
            self.error.setText(found)
            return
        self.error.setText("")
        services, pid = self.services, self.patient.id
        target = Path(self.export_path.text().strip()).expanduser()
        password = self.password.text() or None
        anonymise = self.anonymise.isChecked()

        def work() -> object:
            return erase_patient(
                services, pid, export_to=target, export_password=password, anonymise=anonymise
            )

        self.runner.save(
            work,
            lambda _r: self._done(),
            change=Change.of(PATIENT, pid),
            on_error=lambda exc, _details: self.error.setText(str(exc)),
            button=self.erase_button,
            owner=self,
        )

    def _done(self) -> None:
        self.password.clear()
        self.erased.emit(self.patient.id)
        self.accept()


def open_erase_dialog(
    window: MainWindow, view: PatientRecordView, settings: QSettings | None
) -> EraseDialog | None:
    data = view.data
    if data is None:
        return None
    patient = data.record.patient
    years = retention_years(settings) if settings is not None else 10
    return _open(window, view, patient, years)


def _open(
    window: MainWindow, view: PatientRecordView, patient: PatientDTO, years: int
) -> EraseDialog:
    services = view.services
    plan = erasure_plan(services.db, patient.id, years)
    dialog = EraseDialog(services, view.runner, patient, plan, window)
    dialog.erased.connect(lambda pid: forget_patient(window, pid))
    window.dialog = dialog
    dialog.open()
    return dialog


def forget_patient(window: MainWindow, patient_id: int) -> None:
    """After an erasure: close the record's tab, drop its kept-aside typing, refresh."""
    view = window.records.get(patient_id)
    if view is not None:
        window._remove(view)
    kept_typing.forget_patient(window.kept, patient_id)
    window.model.refresh()


def install_erase(window: MainWindow, view: PatientRecordView) -> QPushButton:
    """The record's "Erase patient…" button, beside Archive."""
    button = QPushButton(QCoreApplication.translate("EraseDialog", "Erase patient…"))
    button.setObjectName("erasePatient")
    button.clicked.connect(lambda: open_erase_dialog(window, view, window.settings))
    outer = view.header.layout()
    first = outer.itemAt(0) if outer is not None else None
    top = first.layout() if first is not None else None
    if isinstance(top, QHBoxLayout):
        top.addWidget(button)
    button.setEnabled(not view.services.db.read_only)
    view.erase_button = button  # type: ignore[attr-defined]
    return button
