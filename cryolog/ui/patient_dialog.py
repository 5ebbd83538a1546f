"""New patient / edit patient details."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
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
from cryolog.domain.enums import Sex
from cryolog.domain.errors import InvalidInput, StaleRecord
from cryolog.services import Services
from cryolog.services.dto import PatientDTO
from cryolog.ui import dirty, form_state, prompts
from cryolog.ui.changed_elsewhere import ChangedElsewhere
from cryolog.ui.changes import PATIENT, Change
from cryolog.ui.errors import show_error
from cryolog.ui.fields import DATE_HINT, OptionalDateField
from cryolog.ui.forms import FieldErrors, error_label, number, number_edit, row
from cryolog.ui.language import fill_language_combo
from cryolog.ui.reason_dialog import ReasonDialog
from cryolog.ui.session_fields import shown

if TYPE_CHECKING:
    from cryolog.ui.ops import Lane

SEX_LABELS = {Sex.FEMALE: "Female", Sex.MALE: "Male", Sex.OTHER: "Other", Sex.UNKNOWN: "Not given"}


class PatientForm(QWidget):
    """The fields of a patient, with an error label under each."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.general = error_label()
        self.errors = FieldErrors(self.general)
        self.labels: dict[str, str] = {}  # field path -> its label (for messages)
        layout = QFormLayout(self)
        self.family = self._line(layout, self.tr("Family name*"), "family_name")
        self.given = self._line(layout, self.tr("Given name"), "given_name")
        self.middle = self._line(layout, self.tr("Middle name"), "middle_name")
        self.birth = OptionalDateField()  # empty until typed: no default that looks like data
        self.birth.setObjectName("birthDate")
        self.birth.changed.connect(self.changed)
        self._field(layout, self.tr("Birth date*"), self.birth, "birth_date", DATE_HINT)
        self.sex = QComboBox()
        for sex, label in SEX_LABELS.items():
            self.sex.addItem(label, sex.value)
        self.sex.setCurrentIndex(self.sex.findData(Sex.UNKNOWN.value))
        self.sex.currentIndexChanged.connect(self.changed)
        self._field(layout, self.tr("Sex"), self.sex, "sex")
        self.height_cm = number_edit(ranges.HEIGHT.describe())
        self.weight_kg = number_edit(ranges.WEIGHT.describe())
        for edit in (self.height_cm, self.weight_kg):
            edit.textChanged.connect(self.changed)
        self._field(
            layout, self.tr("Height (cm)"), self.height_cm, "height_cm", ranges.HEIGHT.describe()
        )
        self._field(
            layout, self.tr("Weight (kg)"), self.weight_kg, "weight_kg", ranges.WEIGHT.describe()
        )
        self.phone = self._line(layout, self.tr("Phone"), "phone")
        self.email = self._line(layout, self.tr("E-mail"), "email")
        self.address = QPlainTextEdit()
        self.address.setMaximumHeight(60)
        self.address.textChanged.connect(self.changed)
        self._field(layout, self.tr("Address"), self.address, "address")
        self.language = QComboBox()
        fill_language_combo(self.language)
        self._field(layout, self.tr("Handout language"), self.language, "handout_language")
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.notes.textChanged.connect(self.changed)
        self._field(layout, self.tr("Notes"), self.notes, "notes")
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
        self.labels[path] = label.rstrip("*")
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(
            row(widget) if isinstance(widget, QLineEdit | OptionalDateField) else widget
        )
        inner.addWidget(err)
        layout.addRow(QLabel(label), box)

    def values(self) -> dict[str, Any]:
        values = self._values()
        if values["birth_date"] is None:
            del values["birth_date"]  # left out: "is required" next to the field
        return values

    def _values(self) -> dict[str, Any]:
        return {
            "family_name": self.family.text(),
            "given_name": self.given.text(),
            "middle_name": self.middle.text(),
            "birth_date": self.birth.value(),
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
        self.birth.set_value(p.birth_date)
        self.sex.setCurrentIndex(max(self.sex.findData(p.sex), 0))
        self.height_cm.setText(shown(p.height_cm))
        self.weight_kg.setText(shown(p.weight_kg))
        self.phone.setText(p.phone)
        self.email.setText(p.email)
        self.address.setPlainText(p.address)
        self.language.setCurrentIndex(max(self.language.findData(p.handout_language), 0))
        self.notes.setPlainText(p.notes)


def _float(text: str) -> Any:
    value = number(text, integer=False)
    return float(value) if isinstance(value, int) else value


class PatientDialog(QDialog):
    """Register a new patient, or edit one (``patient`` given). ``saved`` carries the DTO.

    Registering checks for the patient on file first (same name and birth date, or same
    phone) and asks; editing asks why (the reason goes into the history)."""

    saved = Signal(object)
    open_existing = Signal(int)  # a likely duplicate chosen instead of registering

    def __init__(
        self,
        services: Services,
        patient: PatientDTO | None = None,
        parent: QWidget | None = None,
        lane: Lane | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.patient = patient
        self.lane = lane
        self.unsaved_label = "the patient form"
        self.setWindowTitle(self.tr("Edit patient") if patient else self.tr("New patient"))
        self.form = PatientForm()
        if patient:
            self.form.load(patient)
        self.dirty = False
        self._baseline = form_state.snapshot(self.form)
        self.form.changed.connect(self._mark_dirty)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(lambda: self.save())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.elsewhere = ChangedElsewhere()  # a save refused: what was saved meanwhile
        self.elsewhere.reload.connect(lambda: self._fetch_current(keep_typing=False))
        self.elsewhere.reapply.connect(lambda: self._fetch_current(keep_typing=True))
        layout.addWidget(self.elsewhere)
        layout.addWidget(self.buttons)
        self.reason_dialog: ReasonDialog | None = None
        self.form.family.setFocus()
        reason = services.db.read_only_reason if services.db.read_only else ""
        if reason:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(reason)

    def _mark_dirty(self) -> None:
        self.dirty = form_state.snapshot(self.form) != self._baseline

    def has_unsaved_changes(self) -> bool:
        return self.dirty

    def save(self, done: Callable[[bool], None] | None = None) -> None:
        self.form.errors.clear()
        values = self.form.values()
        if self.patient is None:
            self._run(lambda: self.services.patients.register(values), done)
        else:
            self._ask_reason(values, done)

    def _ask_reason(self, values: dict[str, Any], done: Callable[[bool], None] | None) -> None:
        dialog = ReasonDialog(
            self.tr("Why are the details changed?"),
            self.tr(
                "The patient's details before and after are kept in the history, with the reason."
            ),
            self.tr("Save changes"),
            self,
        )
        patient = self.patient
        assert patient is not None
        dialog.accepted.connect(
            lambda: self._run(
                lambda: self.services.patients.edit(
                    patient.id, values, expected_version=patient.version, reason=dialog.reason()
                ),
                done,
            )
        )
        dialog.rejected.connect(lambda: done(False) if done is not None else None)
        self.reason_dialog = dialog
        dialog.open()

    def _run(self, call: Callable[[], PatientDTO], done: Callable[[bool], None] | None) -> None:
        if self.lane is None:
            try:
                result = call()
            except Exception as exc:
                self._failed(exc, "", done)
                return
            self._saved(result, done)
            return
        self.lane.save(
            call,
            lambda result: self._saved(result, done),
            change=lambda p: Change.of(PATIENT, p.id),
            on_error=lambda exc, details: self._failed(exc, details, done),
            button=self.save_button,
            owner=self,
        )

    def _saved(self, result: PatientDTO, done: Callable[[bool], None] | None) -> None:
        self.dirty = False
        self.saved.emit(result)
        self.accept()
        if done is not None:
            done(True)

    def _failed(
        self, exc: BaseException, details: str, done: Callable[[bool], None] | None
    ) -> None:
        from cryolog.services.duplicates import PossibleDuplicatePatient

        if done is not None:
            done(False)
        if isinstance(exc, InvalidInput):
            self.form.errors.show(exc)
        elif isinstance(exc, PossibleDuplicatePatient):
            self._duplicate(exc)
        elif isinstance(exc, StaleRecord):
            self.elsewhere.show_other(exc.other, self.form.labels)
        else:
            show_error(self, self.tr("The patient was not saved"), exc, details, saving=True)

    def _fetch_current(self, *, keep_typing: bool) -> None:
        """The record as saved now: into the form (reload), or as the version the typing
        is saved over (re-apply, which asks for its reason again)."""
        patient = self.patient
        if patient is None:
            return
        patients = self.services.patients

        def fetched(current: PatientDTO) -> None:
            self.patient = current
            self.elsewhere.clear()
            if keep_typing:
                self.save()
                return
            self.form.load(current)
            self._baseline = form_state.snapshot(self.form)
            self.dirty = False

        def failed(exc: BaseException, details: str = "") -> None:
            show_error(self, self.tr("The patient could not be reloaded"), exc, details)

        if self.lane is None:
            try:
                current = patients.get_patient(patient.id)
            except Exception as exc:
                failed(exc)
                return
            fetched(current)
            return
        self.lane.query(
            f"patient:{patient.id}", lambda: patients.get_patient(patient.id), fetched,
            failed, owner=self,
        )  # fmt: skip

    def _duplicate(self, exc: Any) -> None:
        choice = prompts.duplicate_patient(self, exc.matches)
        if choice is None:
            return
        if choice.action == "register":
            values = self.form.values()
            self._run(lambda: self.services.patients.register(values, allow_duplicate=True), None)
            return
        pid = choice.patient_id
        assert pid is not None
        if choice.action == "restore":
            self._restore_and_open(pid)
            return
        self.dirty = False
        self.open_existing.emit(pid)
        self.accept()

    def _restore_and_open(self, pid: int) -> None:
        dialog = ReasonDialog(
            self.tr("Restore patient"),
            self.tr("Why is this patient restored to the list?"),
            self.tr("Restore"),
            self,
        )
        patients = self.services.patients

        def restored(_p: object) -> None:
            self.dirty = False
            self.open_existing.emit(pid)
            self.accept()

        def restore() -> None:
            reason = dialog.reason()

            def call() -> PatientDTO:
                return patients.restore(pid, reason)

            if self.lane is None:
                try:
                    restored(call())
                except Exception as exc:
                    show_error(
                        self,
                        QCoreApplication.translate("PatientDialog", "The patient was not restored"),
                        exc,
                    )
                return
            self.lane.save(
                call,
                restored,
                change=Change.of(PATIENT, pid),
                on_error=lambda e, d: self._not_restored(e, d),
                owner=self,
            )

        dialog.accepted.connect(restore)
        self.reason_dialog = dialog
        dialog.open()

    def _not_restored(self, exc: BaseException, details: str) -> None:
        show_error(self, self.tr("The patient was not restored"), exc, details)

    def reject(self) -> None:
        dirty.settle(self, [self], super().reject, "the patient form")
