"""New patient / edit patient details."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import ranges
from cryolog.domain.enums import HANDOUT_LANGUAGES, Sex
from cryolog.domain.errors import InvalidInput
from cryolog.services import Services
from cryolog.services.dto import PatientDTO
from cryolog.ui import dirty
from cryolog.ui.errors import show_error
from cryolog.ui.forms import FieldErrors, error_label, number, number_edit, row

SEX_LABELS = {Sex.FEMALE: "Female", Sex.MALE: "Male", Sex.OTHER: "Other", Sex.UNKNOWN: "Not given"}
LANGUAGE_LABELS = {"en": "English", "ru": "Русский"}


class PatientForm(QWidget):
    """The fields of a patient, with an error label under each."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.general = error_label()
        self.errors = FieldErrors(self.general)
        layout = QFormLayout(self)
        self.family = self._line(layout, "Family name*", "family_name")
        self.given = self._line(layout, "Given name", "given_name")
        self.middle = self._line(layout, "Middle name", "middle_name")
        self.birth = QDateEdit()
        self.birth.setDisplayFormat("dd.MM.yyyy")
        self.birth.setCalendarPopup(True)
        self.birth.setDate(QDate(1980, 1, 1))
        self.birth.dateChanged.connect(self.changed)
        self._field(layout, "Birth date*", self.birth, "birth_date")
        self.sex = QComboBox()
        for sex, label in SEX_LABELS.items():
            self.sex.addItem(label, sex.value)
        self.sex.setCurrentIndex(self.sex.findData(Sex.UNKNOWN.value))
        self.sex.currentIndexChanged.connect(self.changed)
        self._field(layout, "Sex", self.sex, "sex")
        self.height_cm = number_edit(ranges.HEIGHT.describe())
        self.weight_kg = number_edit(ranges.WEIGHT.describe())
        for edit in (self.height_cm, self.weight_kg):
            edit.textChanged.connect(self.changed)
        self._field(layout, "Height (cm)", self.height_cm, "height_cm", ranges.HEIGHT.describe())
        self._field(layout, "Weight (kg)", self.weight_kg, "weight_kg", ranges.WEIGHT.describe())
        self.phone = self._line(layout, "Phone", "phone")
        self.email = self._line(layout, "E-mail", "email")
        self.address = QPlainTextEdit()
        self.address.setMaximumHeight(60)
        self.address.textChanged.connect(self.changed)
        self._field(layout, "Address", self.address, "address")
        self.language = QComboBox()
        for code in HANDOUT_LANGUAGES:
            self.language.addItem(LANGUAGE_LABELS.get(code, code), code)
        self._field(layout, "Handout language", self.language, "handout_language")
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.notes.textChanged.connect(self.changed)
        self._field(layout, "Notes", self.notes, "notes")
        layout.addRow(self.general)

    def _line(self, layout: QFormLayout, label: str, path: str) -> QLineEdit:
        edit = QLineEdit()
        edit.textChanged.connect(self.changed)
        self._field(layout, label, edit, path)
        return edit

    def _field(
        self, layout: QFormLayout, label: str, widget: QWidget, path: str, hint: str = ""
    ) -> None:
        err = self.errors.add(path, error_label(), hint)
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(row(widget) if isinstance(widget, QLineEdit) else widget)
        inner.addWidget(err)
        layout.addRow(QLabel(label), box)

    def values(self) -> dict[str, Any]:
        return {
            "family_name": self.family.text(),
            "given_name": self.given.text(),
            "middle_name": self.middle.text(),
            "birth_date": self.birth.date().toPython(),
            "sex": self.sex.currentData(),
            "height_cm": _float(self.height_cm.text()),
            "weight_kg": _float(self.weight_kg.text()),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "address": self.address.toPlainText(),
            "notes": self.notes.toPlainText(),
            "handout_language": self.language.currentData(),
        }

    def load(self, p: PatientDTO) -> None:
        self.family.setText(p.family_name)
        self.given.setText(p.given_name)
        self.middle.setText(p.middle_name)
        self.birth.setDate(QDate(p.birth_date.year, p.birth_date.month, p.birth_date.day))
        self.sex.setCurrentIndex(max(self.sex.findData(p.sex), 0))
        self.height_cm.setText("" if p.height_cm is None else f"{p.height_cm:g}")
        self.weight_kg.setText("" if p.weight_kg is None else f"{p.weight_kg:g}")
        self.phone.setText(p.phone)
        self.email.setText(p.email)
        self.address.setPlainText(p.address)
        self.language.setCurrentIndex(max(self.language.findData(p.handout_language), 0))
        self.notes.setPlainText(p.notes)


def _float(text: str) -> Any:
    value = number(text, integer=False)
    return float(value) if isinstance(value, int) else value


class PatientDialog(QDialog):
    """Register a new patient, or edit one (``patient`` given). ``saved`` carries the DTO."""

    saved = Signal(object)

    def __init__(
        self, services: Services, patient: PatientDTO | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.patient = patient
        self.setWindowTitle("Edit patient" if patient else "New patient")
        self.form = PatientForm()
        if patient:
            self.form.load(patient)
        self.dirty = False
        self.form.changed.connect(self._mark_dirty)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.reason = QLineEdit()  # a change of saved details needs a reason
        if patient:
            self.reason.setPlaceholderText("why the details change, in a few words")
            reasons = QFormLayout()
            reasons.addRow(QLabel("Reason for the change*"), self.reason)
            reasons.addRow("", self.form.errors.add("reason", error_label()))
            layout.addLayout(reasons)
        layout.addWidget(self.buttons)
        self.form.family.setFocus()

    def _mark_dirty(self) -> None:
        self.dirty = True

    def save(self) -> None:
        try:
            if self.patient is None:
                result = self.services.patients.register(self.form.values())
            else:
                result = self.services.patients.edit(
                    self.patient.id,
                    self.form.values(),
                    expected_version=self.patient.version,
                    reason=self.reason.text(),
                )
        except InvalidInput as exc:
            self.form.errors.show(exc)
            return
        except Exception as exc:
            show_error(self, "The patient was not saved", exc, saving=True)
            return
        self.dirty = False
        self.saved.emit(result)
        self.accept()

    def reject(self) -> None:
        if self.dirty and not dirty.confirm_discard(self, "the patient form"):
            return
        super().reject()
