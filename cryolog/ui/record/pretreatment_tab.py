"""Screening questionnaire (the condition catalog, yes/no/unknown), clearance and consent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain.catalog import CONDITIONS, ConditionLevel
from cryolog.domain.enums import Answer
from cryolog.services import Services
from cryolog.services.dto import PatientRecord
from cryolog.ui.forms import FieldErrors, error_label
from cryolog.ui.record.common import SavingForm, date_edit, fmt, summary_label

ANSWERS = (Answer.YES, Answer.NO, Answer.UNKNOWN)
SCOPE_TEXT = {"all": "any cold", "general": "whole-body", "local": "local"}


class ScreeningForm(SavingForm):
    def __init__(self, services: Services, patient_id: int) -> None:
        super().__init__(FieldErrors(error_label()))
        self.services = services
        self.patient_id = patient_id
        self.day = date_edit()
        self.groups: dict[str, QButtonGroup] = {}
        grid = QGridLayout()
        for col, answer in enumerate(ANSWERS, 1):
            grid.addWidget(QLabel(self.tr("<b>{0}</b>").format(answer.value)), 0, col)
        for row, condition in enumerate(CONDITIONS.values(), 1):
            strong = condition.level is ConditionLevel.ABSOLUTE
            text = f"{condition.label}  <span style='color:#777'>({SCOPE_TEXT[condition.scope]}"
            text += ", absolute)</span>" if strong else ")</span>"
            grid.addWidget(QLabel(text), row, 0)
            group = QButtonGroup(self)
            for col, answer in enumerate(ANSWERS, 1):
                button = QRadioButton()
                button.setObjectName(f"{condition.id}:{answer.value}")
                button.setChecked(answer is Answer.UNKNOWN)
                group.addButton(button, col)
                grid.addWidget(button, row, col)
            self.groups[condition.id] = group
        all_no = QPushButton(self.tr("Answer all “no”"))
        all_no.clicked.connect(lambda: self.set_all(Answer.NO))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Screened on")))
        top.addWidget(self.day)
        top.addStretch(1)
        top.addWidget(all_no)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.errors.add("answers", error_label()))
        layout.addWidget(self.errors.add("screened_on", error_label()))
        layout.addWidget(self.errors.general)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.status, 1)
        layout.addLayout(bottom)

    def set_answer(self, condition_id: str, answer: Answer) -> None:
        self.groups[condition_id].button(ANSWERS.index(answer) + 1).setChecked(True)

    def set_all(self, answer: Answer) -> None:
        for condition_id in self.groups:
            self.set_answer(condition_id, answer)

    def answers(self) -> dict[str, str]:
        return {cid: ANSWERS[g.checkedId() - 1].value for cid, g in self.groups.items()}

    def action(self) -> Callable[[], Any]:
        data = {"screened_on": self.day.date().toPython(), "answers": self.answers()}
        return lambda: self.services.pretreatment.record_screening(self.patient_id, data)


class ConsentForm(SavingForm):
    def __init__(self, services: Services, patient_id: int, current_version: int) -> None:
        super().__init__(FieldErrors(error_label()))
        self.services = services
        self.patient_id = patient_id
        self.day = date_edit()
        self.version = QSpinBox()
        self.version.setObjectName("consentVersion")
        self.version.setRange(1, max(1, current_version))  # 1 … the practice's current one
        self.version.setValue(current_version)
        self.notes = QLineEdit()
        layout = QFormLayout(self)
        layout.addRow(self.tr("Signed on"), self.day)
        layout.addRow("", self.errors.add("signed_on", error_label()))
        layout.addRow(self.tr("Form version"), self.version)
        layout.addRow("", self.errors.add("form_version", error_label()))
        layout.addRow(self.tr("Notes"), self.notes)
        layout.addRow(self.errors.general)
        layout.addRow(self.save_button, self.status)

    def set_current_version(self, current: int) -> None:
        """The practice's current form version: the highest that can be chosen, and the
        value shown while the form has no unsaved changes."""
        dirty = self.has_unsaved_changes()
        self.version.setRange(1, max(1, current))
        if not dirty:
            self.version.setValue(current)
            self.mark_clean()

    def action(self) -> Callable[[], Any]:
        data = {
            "signed_on": self.day.date().toPython(),
            "form_version": self.version.value(),
            "notes": self.notes.text(),
        }
        return lambda: self.services.pretreatment.record_consent(self.patient_id, data)


class ClearanceForm(SavingForm):
    def __init__(self, services: Services, patient_id: int) -> None:
        super().__init__(FieldErrors(error_label()))
        self.services = services
        self.patient_id = patient_id
        self.issued = date_edit()
        self.valid_until = date_edit()
        self.valid_until.setDate(self.issued.date().addMonths(6))
        self.ecg, self.blood, self.urine = (
            QCheckBox(self.tr("ECG")),
            QCheckBox(self.tr("Blood")),
            QCheckBox(self.tr("Urine")),
        )
        self.issued_by = QLineEdit()
        self.missing = QLabel()
        self.missing.setObjectName("clearanceMissing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color:#6d4c00;")
        tests = QHBoxLayout()
        for box in (self.ecg, self.blood, self.urine):
            tests.addWidget(box)
            box.toggled.connect(self.note_missing)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Issued on"), self.issued)
        layout.addRow("", self.errors.add("issued_on", error_label()))
        layout.addRow(self.tr("Valid until"), self.valid_until)
        layout.addRow("", self.errors.add("valid_until", error_label()))
        layout.addRow(self.tr("Tests done"), tests)
        layout.addRow("", self.missing)
        layout.addRow(self.tr("Issued by"), self.issued_by)
        layout.addRow(self.errors.general)
        layout.addRow(self.save_button, self.status)

    def note_missing(self) -> None:
        """Say on the form which tests a whole-body clearance still lacks."""
        lacking = [n for n, box in (("ECG", self.ecg), ("blood", self.blood),
                                    ("urine", self.urine)) if not box.isChecked()]  # fmt: skip
        self.missing.setText(
            "Whole-body sessions need ECG, blood and urine tests; missing: "
            + ", ".join(lacking)
            + "."
            if lacking
            else self.tr("All tests needed for whole-body sessions are there.")
        )

    def action(self) -> Callable[[], Any]:
        data = {
            "issued_on": self.issued.date().toPython(),
            "valid_until": self.valid_until.date().toPython(),
            "ecg": self.ecg.isChecked(),
            "blood": self.blood.isChecked(),
            "urine": self.urine.isChecked(),
            "issued_by": self.issued_by.text(),
        }
        return lambda: self.services.pretreatment.record_clearance(self.patient_id, data)


def pretreatment_summary(record: PatientRecord) -> str:
    live = [s for s in record.screenings if s.archived_at is None]
    lines = []
    if live:
        latest = live[0]
        yes = [
            CONDITIONS[c].label for c, a in latest.answers.items() if a == "yes" and c in CONDITIONS
        ]
        unknown = sum(1 for a in latest.answers.values() if a == "unknown")
        lines.append(
            f"Screening {fmt(latest.screened_on)}: "
            + (f"yes to {', '.join(yes)}" if yes else "no condition answered yes")
            + (f"; {unknown} unknown" if unknown else "")
        )
    else:
        lines.append("No screening on record.")
    consents = [c for c in record.consents if c.archived_at is None]
    lines.append(
        f"Consent signed {fmt(consents[0].signed_on)} (form v{consents[0].form_version})"
        if consents
        else "No consent on record."
    )
    clearances = [c for c in record.clearances if c.archived_at is None]
    if clearances:
        c = clearances[0]
        done = [n for n, ok in (("ECG", c.ecg), ("blood", c.blood), ("urine", c.urine)) if ok]
        lines.append(
            f"Clearance {fmt(c.issued_on)}, valid until {fmt(c.valid_until)}: "
            + (", ".join(done) or "no tests")
        )
    else:
        lines.append("No medical clearance (needed for whole-body sessions only).")
    return "\n".join(lines)


def build_pretreatment_tab(
    services: Services, patient_id: int, consent_version: int
) -> tuple[QScrollArea, ScreeningForm, ConsentForm, ClearanceForm, QLabel]:
    summary = summary_label()
    screening = ScreeningForm(services, patient_id)
    consent = ConsentForm(services, patient_id, consent_version)
    clearance = ClearanceForm(services, patient_id)
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.addWidget(summary)
    for title, form in (
        ("Screening questionnaire", screening),
        ("Consent", consent),
        ("Medical clearance (whole-body sessions)", clearance),
    ):
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(form)
        layout.addWidget(box)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(body)
    return scroll, screening, consent, clearance, summary
