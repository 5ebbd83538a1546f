"""Cold tests: ice cube (with its timer), cold pressor (BP before/after), temperature threshold."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFont, QFontMetrics
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

from cryolog.domain import locale as loc
from cryolog.domain import ranges
from cryolog.domain.enums import IceCubeResult
from cryolog.domain.errors import FieldError, InvalidInput
from cryolog.domain.ice_cube import REPEAT_CONTACTS_S
from cryolog.services import Services
from cryolog.services.dto import ColdTestDTO
from cryolog.ui.forms import FieldErrors, error_label, number, number_edit, row, steady
from cryolog.ui.read_only import disable_for
from cryolog.ui.record.common import SavingForm, date_edit, fmt, summary_label
from cryolog.ui.record.ice_timer import CONTACT_S, READ_AFTER_MIN, IceTimer, Phase, clock
from cryolog.ui.session_clock import app_alarm, app_clock

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
    """The ice cube test, timed in the window or entered afterwards from paper.

    The timer calls at the end of the contact and at the reading time (``attention`` says
    what the record's tab shows); a result saved before the reading time needs "read
    early". After a negative result a repeat with a longer contact is offered."""

    attention = Signal(str)

    def __init__(self, services: Services, patient_id: int) -> None:
        super().__init__(FieldErrors(error_label()))
        self.services, self.patient_id = services, patient_id
        self.alarm = app_alarm()
        self.timer = IceTimer(app_clock(), self)
        self.prompt = QLabel(self.timer.prompt)
        self.prompt.setObjectName("icePrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("font-size:15px; padding:6px;")
        self.start_button = QPushButton(self.timer.start_label())
        self.remove_button = QPushButton(self.tr("Cube removed"))
        self.reset_button = QPushButton(self.tr("Reset timer"))
        self.reset_button.setToolTip(self.tr("Enter a test done earlier, from paper (no timer)"))
        self.repeat_buttons = {
            contact: QPushButton(self.tr("Repeat with {0} min contact").format(contact // 60))
            for contact in REPEAT_CONTACTS_S
        }
        self.start_button.clicked.connect(lambda: self.start_contact())
        self.remove_button.clicked.connect(self.timer.remove_now)
        self.reset_button.clicked.connect(self.timer.stop)
        for contact, button in self.repeat_buttons.items():
            button.clicked.connect(lambda _=False, c=contact: self.start_contact(c))
        self.timer.changed.connect(self._timer_changed)
        self.timer.alarm.connect(self._ring)
        self.day = date_edit()
        self.contact = number_edit(ranges.ICE_CONTACT.describe())
        self.contact.setText(str(CONTACT_S))
        self.read_after = number_edit(ranges.ICE_READ_AFTER.describe())
        self.read_after.setText(str(READ_AFTER_MIN))
        self.result = QComboBox()
        for value, label in RESULT_LABELS.items():
            self.result.addItem(label, value.value)
        self.antihistamine = QCheckBox(self.tr("Antihistamine taken in the last 48 h"))
        self.read_early = QCheckBox(self.tr("Read early, before the reading time"))
        self.read_early.setObjectName("readEarly")
        self.read_early.hide()
        # the prompt keeps two lines and its padding, the repeat buttons and "read early"
        # their room while hidden: nothing below moves when the timer calls
        prompt_font = QFont(self.prompt.font())
        prompt_font.setPixelSize(15)  # as its style sheet sets it
        self.prompt.setFixedHeight(QFontMetrics(prompt_font).lineSpacing() * 2 + 16)
        layout = QFormLayout(self)
        layout.addRow(self.prompt)
        layout.addRow(row(self.start_button, self.remove_button, self.reset_button))
        layout.addRow(steady(*self.repeat_buttons.values()))
        _add(layout, self.errors, self.tr("Performed on"), self.day, "performed_on")
        _add(
            layout,
            self.errors,
            self.tr("Contact (s)"),
            self.contact,
            "contact_s",
            ranges.ICE_CONTACT.describe(),
        )
        _add(
            layout,
            self.errors,
            self.tr("Read after (min)"),
            self.read_after,
            "read_after_min",
            ranges.ICE_READ_AFTER.describe(),
        )
        _add(layout, self.errors, self.tr("Result"), self.result, "result")
        layout.addRow("", self.antihistamine)
        layout.addRow("", steady(self.read_early))
        layout.addRow("", self.errors.add("read_early", error_label()))
        layout.addRow(self.errors.general)
        layout.addRow(self.save_button, self.status)
        self.saved.connect(self._after_save)
        self.offer_repeat(False)
        self._timer_changed()

    def set_settings(self, settings: Mapping[str, float]) -> None:
        """The practice's contact and reading times."""
        contact, read_after = (
            int(settings["ice_test_contact_s"]),
            int(settings["ice_test_read_after_min"]),
        )
        if self.timer.phase is Phase.IDLE:
            self.contact.setText(str(contact))
            self.read_after.setText(str(read_after))
        self.timer.set_times(contact, read_after)

    def start_contact(self, contact_s: int | None = None) -> None:
        self.offer_repeat(False)
        self.read_early.setChecked(False)
        self.timer.read_after_min = _whole(self.read_after.text(), self.timer.read_after_min)
        self.timer.start(contact_s)
        self.contact.setText(str(self.timer.planned_contact_s))

    def offer_repeat(self, shown: bool) -> None:
        for button in self.repeat_buttons.values():
            button.setVisible(shown)

    def set_read_only(self, reason: str) -> None:
        """Nothing can be saved: the timer is not started either (its result would be lost)."""
        super().set_read_only(reason)
        self._timer_changed()

    def _timer_changed(self) -> None:
        phase = self.timer.phase
        self.prompt.setText(self.timer.prompt)
        self.start_button.setText(self.timer.start_label())
        self.start_button.setEnabled(phase in (Phase.IDLE, Phase.READ))
        self.remove_button.setEnabled(phase in (Phase.CONTACT, Phase.REMOVE))
        self.reset_button.setEnabled(phase is not Phase.IDLE)
        for button in (self.start_button, *self.repeat_buttons.values()):
            disable_for(button, self._read_only)
        self.read_early.setVisible(phase is Phase.WAITING)
        if phase is Phase.WAITING and self.timer.contact_done_s:
            self.contact.setText(str(self.timer.contact_done_s))
        alarm = phase in (Phase.REMOVE, Phase.READ)
        self.prompt.setStyleSheet(
            "font-size:15px; padding:6px;" + (" color:white; background:#b3261e;" if alarm else "")
        )
        self.attention.emit(self.mark())

    def mark(self) -> str:
        """The mark on the record's tab: the time left, or the alarm."""
        phase = self.timer.phase
        if phase in (Phase.REMOVE, Phase.READ):
            return "⚠ ice"
        if phase in (Phase.CONTACT, Phase.WAITING):
            return f"❄ {clock(self.timer.remaining)}"
        return ""

    def _ring(self, what: str) -> None:
        self.alarm.ring(self, f"ice:{what}")

    def _after_save(self, test: object) -> None:
        self.timer.stop()
        self.read_early.setChecked(False)
        self.offer_repeat(getattr(test, "ice_result", None) == IceCubeResult.NEGATIVE.value)

    def action(self) -> Callable[[], Any]:
        if self.timer.phase in (Phase.CONTACT, Phase.REMOVE):
            problem = InvalidInput(
                [
                    FieldError(
                        "",
                        self.tr(
                            "The cube is still on: press Cube removed first"
                            " (or Reset timer to enter a test from paper)."
                        ),
                    )
                ]
            )

            def refuse() -> Any:
                raise problem

            return refuse
        data: dict[str, Any] = {
            "performed_on": self.day.date().toPython(),
            "contact_s": number(self.contact.text()),
            "read_after_min": number(self.read_after.text()),
            "result": self.result.currentData(),
            "antihistamine_48h": self.antihistamine.isChecked(),
        }
        data = {k: v for k, v in data.items() if v is not None}
        if self.timer.timed:
            data.update(
                contact_started_at=self.timer.started_at,
                cube_removed_at=self.timer.removed_at,
                read_at=self.timer.time.now(),
                read_early=self.read_early.isChecked(),
            )
        return lambda: self.services.pretreatment.record_cold_test(
            self.patient_id, "ice_cube", data
        )


def _whole(text: str, fallback: int) -> int:
    value = number(text)
    return value if isinstance(value, int) and value >= 0 else fallback


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
        _add(layout, self.errors, self.tr("Performed on"), self.day, "performed_on")
        _add(
            layout,
            self.errors,
            self.tr("Water (°C)"),
            self.water,
            "water_c",
            ranges.PRESSOR_WATER.describe(),
        )
        _add(
            layout,
            self.errors,
            self.tr("Immersion (s)"),
            self.immersion,
            "immersion_s",
            ranges.PRESSOR_IMMERSION.describe(),
        )
        _add(layout, self.errors, self.tr("BP before (mmHg)"), row(*self.before), "bp_before")
        _add(layout, self.errors, self.tr("BP after (mmHg)"), row(*self.after), "bp_after")
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
        self.none = QCheckBox(self.tr("No wheal at any temperature"))
        self.none.toggled.connect(lambda on: self.ctt.setDisabled(on))
        layout = QFormLayout(self)
        _add(layout, self.errors, self.tr("Performed on"), self.day, "performed_on")
        _add(
            layout,
            self.errors,
            self.tr("Threshold (°C)"),
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
        extra = (
            QCoreApplication.translate("ColdTestsTab", ", antihistamine")
            if t.antihistamine_48h
            else ""
        )
        extra += QCoreApplication.translate("ColdTestsTab", ", read early") if t.read_early else ""
        extra += (
            QCoreApplication.translate("ColdTestsTab", ", timed")
            if t.cube_removed_at and not t.read_early
            else ""
        )
        return QCoreApplication.translate(
            "ColdTestsTab", "{0} ice cube: {1} ({2} s contact{3})"
        ).format(fmt(t.performed_on), label, loc.shown(t.contact_s or 0), extra)
    if t.kind == "cold_pressor":
        return QCoreApplication.translate(
            "ColdTestsTab", "{0} cold pressor: {1}/{2} → {3}/{4} mmHg"
        ).format(
            fmt(t.performed_on), t.bp_before_sys, t.bp_before_dia, t.bp_after_sys, t.bp_after_dia
        )
    ctt = (
        QCoreApplication.translate("ColdTestsTab", "no wheal")
        if t.ctt_c is None
        else QCoreApplication.translate("ColdTestsTab", "wheal at {0}").format(
            loc.shown_with_unit(t.ctt_c, "°C")
        )
    )
    return QCoreApplication.translate("ColdTestsTab", "{0} temperature threshold: {1}").format(
        fmt(t.performed_on), ctt
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("ColdTestsTab", text)


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
        ice_box = QGroupBox(self.tr("Ice cube test"))
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

    def show_tests(
        self, tests: tuple[ColdTestDTO, ...], settings: Mapping[str, float] | None = None
    ) -> None:
        live = [t for t in tests if t.archived_at is None]
        self.summary.setText(
            "\n".join(describe_test(t) for t in live) or self.tr("No cold test on record.")
        )
        if settings is not None:
            self.ice.set_settings(settings)
        ice = [t for t in live if t.kind == "ice_cube"]
        latest = max(ice, key=lambda t: (t.performed_on, t.id)) if ice else None
        if self.ice.timer.phase is Phase.IDLE:
            negative = latest is not None and latest.ice_result == IceCubeResult.NEGATIVE.value
            self.ice.offer_repeat(negative)
