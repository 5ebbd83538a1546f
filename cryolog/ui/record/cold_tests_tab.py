"""Cold tests: ice cube (with its timer), cold pressor (BP before/after), temperature threshold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import ranges
from cryolog.domain.enums import IceCubeResult
from cryolog.services import Services
from cryolog.services.dto import ColdTestDTO
from cryolog.ui.forms import FieldErrors, error_label, number, number_edit, row
from cryolog.ui.record.common import SavingForm, date_edit, fmt, summary_label
from cryolog.ui.record.ice_timer import IceTimer, Phase

RESULT_LABELS = {
    IceCubeResult.NEGATIVE: "Negative",
    IceCubeResult.ERYTHEMA_ONLY: "Redness only",
    IceCubeResult.WHEAL: "Wheal (positive)",
    IceCubeResult.SYSTEMIC: "Systemic reaction (positive)",
}


def _add(
    layout: QFormLayout, errors: FieldErrors, label: str, widget: QWidget, path: str, hint: str = ""
) -> None:
    layout.addRow(label, widget)
    layout.addRow("", errors.add(path, error_label(), hint))


class IceCubeForm(SavingForm):
    def __init__(self, services: Services, patient_id: int) -> None:
        super().__init__(FieldErrors(error_label()))
        self.services, self.patient_id = services, patient_id
        self.timer = IceTimer(self)
        self.prompt = QLabel(self.timer.prompt)
        self.prompt.setStyleSheet("font-size:15px;")
        self.start_button = QPushButton("Start 5-minute contact")
        self.remove_button = QPushButton("Cube removed")
        self.start_button.clicked.connect(self.timer.start)
        self.remove_button.clicked.connect(self.timer.remove_now)
        self.timer.changed.connect(self._timer_changed)
        self.day = date_edit()
        self.contact = number_edit(ranges.ICE_CONTACT.describe())
        self.contact.setText("300")
        self.read_after = number_edit(ranges.ICE_READ_AFTER.describe())
        self.read_after.setText("10")
        self.result = QComboBox()
        for value, label in RESULT_LABELS.items():
            self.result.addItem(label, value.value)
        self.antihistamine = QCheckBox("Antihistamine taken in the last 48 h")
        layout = QFormLayout(self)
        layout.addRow(self.prompt)
        layout.addRow(row(self.start_button, self.remove_button))
        _add(layout, self.errors, "Performed on", self.day, "performed_on")
        _add(
            layout,
            self.errors,
            "Contact (s)",
            self.contact,
            "contact_s",
            ranges.ICE_CONTACT.describe(),
        )
        _add(
            layout,
            self.errors,
            "Read after (min)",
            self.read_after,
            "read_after_min",
            ranges.ICE_READ_AFTER.describe(),
        )
        _add(layout, self.errors, "Result", self.result, "result")
        layout.addRow("", self.antihistamine)
        layout.addRow(self.errors.general)
        layout.addRow(self.save_button, self.status)

    def _timer_changed(self) -> None:
        self.prompt.setText(self.timer.prompt)
        if self.timer.phase is Phase.WAITING and self.timer.contact_done_s:
            self.contact.setText(str(self.timer.contact_done_s))

    def action(self) -> Callable[[], Any]:
        data = {
            "performed_on": self.day.date().toPython(),
            "contact_s": number(self.contact.text()),
            "read_after_min": number(self.read_after.text()),
            "result": self.result.currentData(),
            "antihistamine_48h": self.antihistamine.isChecked(),
        }
        data = {k: v for k, v in data.items() if v is not None}
        return lambda: self.services.pretreatment.record_cold_test(
            self.patient_id, "ice_cube", data
        )


class ColdPressorForm(SavingForm):
    def __init__(self, services: Services, patient_id: int) -> None:
        super().__init__(FieldErrors(error_label()))
        self.services, self.patient_id = services, patient_id
        self.day = date_edit()
        self.water = number_edit(ranges.PRESSOR_WATER.describe())
        self.immersion = number_edit(ranges.PRESSOR_IMMERSION.describe())
        self.before = (number_edit("sys"), number_edit("dia"))
        self.after = (number_edit("sys"), number_edit("dia"))
        layout = QFormLayout(self)
        _add(layout, self.errors, "Performed on", self.day, "performed_on")
        _add(
            layout,
            self.errors,
            "Water (°C)",
            self.water,
            "water_c",
            ranges.PRESSOR_WATER.describe(),
        )
        _add(
            layout,
            self.errors,
            "Immersion (s)",
            self.immersion,
            "immersion_s",
            ranges.PRESSOR_IMMERSION.describe(),
        )
        _add(layout, self.errors, "BP before (mmHg)", row(*self.before), "bp_before")
        _add(layout, self.errors, "BP after (mmHg)", row(*self.after), "bp_after")
        layout.addRow(self.errors.general)
        layout.addRow(self.save_button, self.status)

    def action(self) -> Callable[[], Any]:
        def bp(pair: tuple[Any, Any]) -> dict[str, Any]:
            return {"systolic": number(pair[0].text()), "diastolic": number(pair[1].text())}

        data = {
            "performed_on": self.day.date().toPython(),
            "water_c": _float(self.water.text()),
            "immersion_s": number(self.immersion.text()),
            "bp_before": bp(self.before),
            "bp_after": bp(self.after),
        }
        return lambda: self.services.pretreatment.record_cold_test(
            self.patient_id, "cold_pressor", data
        )


class ThresholdForm(SavingForm):
    def __init__(self, services: Services, patient_id: int) -> None:
        super().__init__(FieldErrors(error_label()))
        self.services, self.patient_id = services, patient_id
        self.day = date_edit()
        self.ctt = number_edit(ranges.CTT.describe())
        self.none = QCheckBox("No wheal at any temperature")
        self.none.toggled.connect(lambda on: self.ctt.setDisabled(on))
        layout = QFormLayout(self)
        _add(layout, self.errors, "Performed on", self.day, "performed_on")
        _add(
            layout,
            self.errors,
            "Threshold (°C)",
            row(self.ctt, self.none),
            "ctt_c",
            ranges.CTT.describe(),
        )
        layout.addRow(self.errors.general)
        layout.addRow(self.save_button, self.status)

    def action(self) -> Callable[[], Any]:
        data = {
            "performed_on": self.day.date().toPython(),
            "ctt_c": None if self.none.isChecked() else _float(self.ctt.text()),
        }
        return lambda: self.services.pretreatment.record_cold_test(
            self.patient_id, "temp_threshold", data
        )


def _float(text: str) -> Any:
    value = number(text, integer=False)
    return float(value) if isinstance(value, int) else value


def describe_test(t: ColdTestDTO) -> str:
    if t.kind == "ice_cube":
        label = (
            RESULT_LABELS.get(IceCubeResult(t.ice_result), t.ice_result) if t.ice_result else "—"
        )
        extra = ", antihistamine" if t.antihistamine_48h else ""
        return f"{fmt(t.performed_on)} ice cube: {label} ({t.contact_s} s contact{extra})"
    if t.kind == "cold_pressor":
        return (
            f"{fmt(t.performed_on)} cold pressor: {t.bp_before_sys}/{t.bp_before_dia} → "
            f"{t.bp_after_sys}/{t.bp_after_dia} mmHg"
        )
    ctt = "no wheal" if t.ctt_c is None else f"wheal at {t.ctt_c:g} °C"
    return f"{fmt(t.performed_on)} temperature threshold: {ctt}"


class ColdTestsTab(QScrollArea):
    def __init__(self, services: Services, patient_id: int) -> None:
        super().__init__()
        self.summary = summary_label()
        self.ice = IceCubeForm(services, patient_id)
        self.pressor = ColdPressorForm(services, patient_id)
        self.threshold = ThresholdForm(services, patient_id)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        columns = QHBoxLayout()
        ice_box = QGroupBox("Ice cube test")
        QVBoxLayout(ice_box).addWidget(self.ice)
        columns.addWidget(ice_box)
        right = QVBoxLayout()
        for title, form in (
            ("Cold pressor test", self.pressor),
            ("Temperature threshold test", self.threshold),
        ):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(form)
            right.addWidget(box)
        columns.addLayout(right)
        layout.addLayout(columns)
        layout.addStretch(1)
        self.setWidgetResizable(True)
        self.setWidget(body)

    @property
    def forms(self) -> tuple[SavingForm, ...]:
        return (self.ice, self.pressor, self.threshold)

    def show_tests(self, tests: tuple[ColdTestDTO, ...]) -> None:
        live = [describe_test(t) for t in tests if t.archived_at is None]
        self.summary.setText("\n".join(live) or "No cold test on record.")
