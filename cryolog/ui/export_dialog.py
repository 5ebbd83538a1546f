"""Export record…: the patient's whole record into one ZIP file, optionally with a password.

The dialog says plainly that the file is health data. The export runs on the database
worker; the window stays responsive and what was typed stays in the fields if it fails.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from platformdirs import user_documents_path
from PySide6.QtCore import QStandardPaths, Signal
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
    QVBoxLayout,
    QWidget,
)

from cryolog.services import Services
from cryolog.services.dto import PatientDTO
from cryolog.services.export.protection import password_by_default, password_problem
from cryolog.ui.errors import plain_message
from cryolog.ui.forms import error_label
from cryolog.ui.tasks import TaskRunner

WARNING_STYLE = "background:#fff4d6; color:#6d4c00; border:1px solid #f0d48a; padding:6px;"


def suggested_path(patient: PatientDTO) -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = f"patient-{patient.id}-record-{date.today().isoformat()}.zip"
    return (Path(folder) if folder else user_documents_path()) / name


class ExportDialog(QDialog):
    """``exported`` carries the ``PatientExport`` once the file is written."""

    exported = Signal(object)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        patient: PatientDTO,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.runner, self.patient = services, runner, patient
        self.setWindowTitle(self.tr("Export the record of {0}").format(patient.display_name))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "One ZIP file with <b>{0}</b>'s whole record: every entry, "
                "the printed documents, the history of changes, spreadsheet "
                "tables and an HL7 FHIR copy for other medical software."
            ).format(_escape(patient.display_name))
        )
        intro.setWordWrap(True)
        self.warning = QLabel(
            self.tr(
                "⚠ This file holds health data. Keep it where only the patient can read it and"
                " hand it over in person or through a secure channel — or protect it with a"
                " password and give the password separately."
            )
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.path = QLineEdit(str(suggested_path(patient)))
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.clicked.connect(self.choose_file)
        self.path_error = error_label()
        self.protect = QCheckBox(self.tr("Protect with a password (AES-256)"))
        self.protect.setChecked(password_by_default(services.db))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_error = error_label()
        self.protect.toggled.connect(self._protection_changed)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self._confirmed_overwrite: str | None = None
        self._layout(intro)
        self._protection_changed(self.protect.isChecked())

    def _layout(self, intro: QLabel) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow("", self.path_error)
        form.addRow("", self.protect)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.repeat)
        form.addRow("", self.password_error)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _protection_changed(self, on: bool) -> None:
        self.password.setEnabled(on)
        self.repeat.setEnabled(on)
        if not on:
            self.password_error.hide()

    def choose_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the record to"), self.path.text(), self.tr("ZIP files (*.zip)")
        )
        if name:
            self.path.setText(name if name.lower().endswith(".zip") else name + ".zip")
            self._confirmed_overwrite = self.path.text()  # the file dialog asked already

    # exporting --------------------------------------------------------------------------

    def _checked(self) -> tuple[Path, str | None] | None:
        self.path_error.hide()
        self.password_error.hide()
        text = self.path.text().strip()
        if not text:
            self._path_problem("Choose where to save the file.")
            return None
        target = Path(text).expanduser()
        if target.is_dir():
            self._path_problem(f"{target} is a folder; add a file name.")
            return None
        if target.exists() and self._confirmed_overwrite != text:
            self._confirmed_overwrite = text
            self._path_problem(f"{target.name} exists. Press Export again to replace it.")
            return None
        if not self.protect.isChecked():
            return target, None
        password = self.password.text()
        found = password_problem(password)
        problem = None if found is None else found.render()
        if problem is None and password != self.repeat.text():
            problem = self.tr("The two passwords differ.")
        if problem:
            self.password_error.setText(problem)
            self.password_error.show()
            return None
        return target, password

    def _path_problem(self, message: str) -> None:
        self.path_error.setText(message)
        self.path_error.show()

    def start(self) -> None:
        from cryolog.services.export.patient_export import export_patient

        checked = self._checked()
        if checked is None:
            return
        target, password = checked
        services, pid = self.services, self.patient.id
        self._busy(True)
        self.status.setText(self.tr("Exporting…"))
        self.runner.submit(
            f"export:{pid}",
            lambda: export_patient(services, pid, target, password),
            self._done,
            self._failed,
            owner=self,
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.export_button, self.choose, self.path, self.protect):
            widget.setEnabled(not busy)
        self._protection_changed(self.protect.isChecked() and not busy)

    def _done(self, result: object) -> None:
        from cryolog.services.export.patient_export import PatientExport

        assert isinstance(result, PatientExport)
        self._busy(False)
        self.status.setText(self.tr("Saved {0}\n{1}.").format(result.path, result.describe()))
        self.close_button.setText(self.tr("Close"))
        self.exported.emit(result)

    def _failed(self, exc: BaseException, _details: str) -> None:
        self._busy(False)
        self.status.setText(
            self.tr("Not exported: {0} Nothing was written.").format(plain_message(exc))
        )


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
