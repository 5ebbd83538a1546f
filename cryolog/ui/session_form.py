"""The session form (layout only): fields change with the modality group.

``values()`` turns what is typed into the SessionInput payload, passing text that is not a
number on as typed so that validation names the field (``parse_problems`` says what is
wrong with a duration). ``freeze_pre`` locks the pre-session fields once the timer runs.
A stored start time is given back exactly as stored unless its minute was changed.
``session_presenter`` does the rest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import locale as loc
from cryolog.domain import ranges
from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.enums import SkinTempMethod
from cryolog.domain.units import describe_duration
from cryolog.ui.forms import FieldErrors, error_label, number, number_edit, row
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.session_areas import AreasBox
from cryolog.ui.session_clock import Clock
from cryolog.ui.session_fields import DurationField, TemperatureField, decimal
from cryolog.ui.session_vitals import VitalsBox

CHECKLIST = (
    ("dry_skin", QT_TRANSLATE_NOOP("SessionFormView", "Skin and clothing dry")),
    ("no_lotion", QT_TRANSLATE_NOOP("SessionFormView", "No lotion in the last hour")),
    ("no_metal", QT_TRANSLATE_NOOP("SessionFormView", "No metal or jewellery")),
    ("protective_gear", QT_TRANSLATE_NOOP("SessionFormView", "Gloves, socks, headband on")),
    ("oxygen_monitor", QT_TRANSLATE_NOOP("SessionFormView", "Oxygen monitor working")),
)


class SessionFormView(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, clock: Clock | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors(error_label())
        self.course = QComboBox()
        self.modality = QComboBox()
        for spec in MODALITIES.values():
            self.modality.addItem(spec.label, spec.id)
        self.started = QDateTimeEdit(QDateTime.currentDateTime())
        self.started.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.started.setCalendarPopup(True)
        self.started_exact: datetime | None = None  # the stored start, to the microsecond
        self.duration = DurationField("2:30")
        self.duration_hint = QLabel()
        self.duration_hint.setStyleSheet("color:#555;")
        # on its own line, unwrapped: a wrapped label's height-for-width is not asked for by
        # the scroll area, which would squeeze the rows of the form to make room for it
        self.actual = DurationField(self.tr("not timed"))
        self.actual_label = QLabel(self.tr("Exposure (timer)"))
        self.over_note = QLineEdit()
        self.over_note.setPlaceholderText(
            self.tr("Why the exposure ran past the maximum (required)")
        )
        self.over_label = QLabel(self.tr("Past the maximum"))
        self.set_temp = TemperatureField()
        self.measured_temp = TemperatureField()
        self.device = QLineEdit()
        self.applicator = QLineEdit()
        self.basics = QGroupBox(self.tr("Session"))
        form = QFormLayout(self.basics)
        self._add(form, self.tr("Course"), self.course, "course_id")
        self._add(form, self.tr("Modality"), self.modality, "modality")
        self._add(form, self.tr("Start"), self.started, "started_at")
        # the protocol's limits on their own line below the field: beside it they would wrap
        # into a row that does not grow with them and be cut off
        duration = QWidget()
        stacked = QVBoxLayout(duration)
        stacked.setContentsMargins(0, 0, 0, 0)
        stacked.setSpacing(1)
        stacked.addWidget(row(self.duration))
        stacked.addWidget(self.duration_hint)
        self._add(form, self.tr("Duration"), duration, "duration_s")
        self._add(form, self.actual_label, self.actual, "actual_exposure_s")
        self._add(form, self.over_label, self.over_note, "over_max_note")
        self.set_temp_label = QLabel(self.tr("Temperature"))
        self._add(form, self.set_temp_label, self.set_temp, "set_temp")
        self.measured_label = QLabel(self.tr("Measured"))
        self._add(form, self.measured_label, self.measured_temp, "measured_temp")
        self._add(form, self.tr("Device"), self.device, "device")
        self.applicator_label = QLabel(self.tr("Nozzle / applicator"))
        self._add(form, self.applicator_label, self.applicator, "applicator")

        self.vitals = VitalsBox(self.errors, clock)
        self.vitals.changed.connect(self.changed)
        self.bp_pre, self.bp_post = self.vitals.bp_pre, self.vitals.bp_post
        self.hr_pre, self.hr_post = self.vitals.hr_pre, self.vitals.hr_post
        self.spo2_pre, self.spo2_post = self.vitals.spo2_pre, self.vitals.spo2_post
        self.checklist_box, self.checks = self._checklist_box()
        self.areas_box = AreasBox(self.errors)
        self.areas = self.areas_box.table
        self.areas_box.changed.connect(self.changed)
        self.moderate_box = QGroupBox(self.tr("Cold pack"))
        self.direct = QCheckBox(self.tr("Applied directly to the skin"))
        QVBoxLayout(self.moderate_box).addWidget(self.direct)
        self.outcome = self._outcome_box()

        boxes = (self.basics, self.vitals, self.checklist_box, self.areas_box, self.moderate_box)
        for box in (*boxes, self.outcome):
            box.setParent(self)  # each box belongs to the form even while a modality hides it
        self.left, self.right = QVBoxLayout(), QVBoxLayout()
        layout = QHBoxLayout(self)
        layout.addLayout(self.left, 3)
        layout.addLayout(self.right, 2)
        self.apply_group()
        self.show_exposure(False)
        self.show_over_note(False)
        self._connect_all()
        self.modality.currentIndexChanged.connect(self.apply_group)

    # layout -----------------------------------------------------------------------------

    def _add(
        self, form: QFormLayout, label: str | QLabel, widget: QWidget, path: str, hint: str = ""
    ) -> None:
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(widget)
        inner.addWidget(self.errors.add(path, error_label(), hint))
        if isinstance(label, QLabel):
            form.addRow(label, box)
        else:
            form.addRow(label, box)

    def _checklist_box(self) -> tuple[QGroupBox, dict[str, QCheckBox]]:
        box = QGroupBox(self.tr("Before the session"))
        layout = QVBoxLayout(box)
        checks = {}
        for item, source in CHECKLIST:
            label = self.tr(source)
            checks[item] = QCheckBox(label)
            layout.addWidget(checks[item])
        return box, checks

    def _outcome_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Effect and notes"))
        form = QFormLayout(box)
        self.skin_before, self.skin_after = number_edit("°C", 60), number_edit("°C", 60)
        self.skin_method = QComboBox()
        self.skin_method.addItem("—", None)
        for method in SkinTempMethod:
            self.skin_method.addItem(method.value, method.value)
        self.nrs_pre, self.nrs_post = number_edit("0–10", 60), number_edit("0–10", 60)
        skin = ranges.SKIN_TEMP.describe()
        self._add(
            form,
            self.tr("Skin °C before"),
            row(self.skin_before, self.skin_method),
            "skin_temp_before_c",
            skin,
        )
        self._add(form, self.tr("Skin °C after"), self.skin_after, "skin_temp_after_c", skin)
        self._add(form, self.tr("Pain NRS before"), self.nrs_pre, "nrs_pre", ranges.NRS.describe())
        self._add(form, self.tr("Pain NRS after"), self.nrs_post, "nrs_post", ranges.NRS.describe())
        self.reactions = QLineEdit()
        self.reactions.setPlaceholderText(self.tr("e.g. redness, tingling"))
        self._add(form, self.tr("Reactions"), self.reactions, "reactions")
        self.aborted = QCheckBox(self.tr("Session aborted"))
        self.abort_reason = QLineEdit()
        self.abort_reason.setPlaceholderText(self.tr("why"))
        self._add(form, self.aborted, self.abort_reason, "abort_reason")  # type: ignore[arg-type]
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(50)
        self._add(form, self.tr("Notes"), self.notes, "notes")
        form.addRow(self.errors.general)
        return box

    def _connect_all(self) -> None:
        for edit in self.findChildren(QLineEdit):
            edit.textChanged.connect(self.changed)
        for combo in self.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self.changed)
        for check in self.findChildren(QCheckBox):
            check.toggled.connect(self.changed)
        self.started.dateTimeChanged.connect(self.changed)
        self.notes.textChanged.connect(self.changed)

    # behaviour that is pure layout ------------------------------------------------------

    @property
    def group(self) -> ModalityGroup:
        return MODALITIES[self.modality.currentData()].group

    def columns(self, group: ModalityGroup) -> tuple[list[QWidget], list[QWidget]]:
        """Which boxes go in the left and right column: the boxes a modality hides leave
        no hole, the effect box moves up into the right column instead."""
        if group is ModalityGroup.GENERAL:
            return [self.basics, self.outcome], [self.vitals, self.checklist_box]
        if group is ModalityGroup.LOCAL_EXTREME:
            return [self.basics, self.areas_box], [self.outcome]
        return [self.basics, self.moderate_box], [self.outcome]

    def _reflow(self, group: ModalityGroup) -> None:
        left, right = self.columns(group)
        for column in (self.left, self.right):
            while column.takeAt(0) is not None:
                pass
        for column, boxes in ((self.left, left), (self.right, right)):
            for box in boxes:
                column.addWidget(box)
            column.addStretch(1)
        for optional in (self.vitals, self.checklist_box, self.areas_box, self.moderate_box):
            optional.setVisible(optional in left or optional in right)

    def allow_modalities(self, allowed: tuple[str, ...]) -> None:
        """Grey out the modalities the course's protocol does not use (empty: all allowed)."""
        model = self.modality.model()
        for index in range(self.modality.count()):
            item = model.item(index)  # type: ignore[attr-defined]
            item.setEnabled(not allowed or self.modality.itemData(index) in allowed)
        if allowed and self.modality.currentData() not in allowed:
            self.modality.setCurrentIndex(self.modality.findData(allowed[0]))

    def apply_group(self) -> None:
        group = self.group
        general = group is ModalityGroup.GENERAL
        self._reflow(group)
        self.checks["oxygen_monitor"].setVisible(self.modality.currentData() == "cryosauna_n2")
        for shown in (self.measured_label, self.measured_temp, _row_box(self.measured_temp)):
            shown.setVisible(general)
        extreme = group is ModalityGroup.LOCAL_EXTREME
        for local in (self.applicator_label, self.applicator, _row_box(self.applicator)):
            local.setVisible(extreme)
        spec = MODALITIES[self.modality.currentData()]
        self.set_temp_label.setText(
            self.tr("Set temperature") if general else self.tr("Temperature")
        )
        self.duration_hint.setText(
            self.tr("Up to {0} · temperature {1}").format(
                describe_duration(spec.max_duration_s),
                loc.shown_range(spec.temp_min_c, spec.temp_max_c, "°C"),
            )
        )
        self.errors.add(
            "duration_s",
            self.errors._labels["duration_s"],
            f"{describe_duration(1)} … {describe_duration(spec.max_duration_s)}",
        )
        self.errors.add(
            "set_temp",
            self.errors._labels["set_temp"],
            loc.shown_range(spec.temp_min_c, spec.temp_max_c, "°C"),
        )

    def add_area(
        self, site: str = "", kind: str = "area", dm2: str = "", passes: str = "", secs: str = ""
    ) -> None:
        self.areas_box.add_area(site, kind, dm2, passes, secs)

    def area_values(self) -> list[dict[str, Any]]:
        return self.areas_box.values()

    # the start time, kept exactly --------------------------------------------------------

    def set_started(self, moment: datetime) -> None:
        """Show ``moment`` (local time, to the minute) and give it back exactly as it is."""
        local = moment.astimezone()
        self.started_exact = moment
        self.started.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )

    def started_at(self) -> datetime:
        shown = cast(datetime, self.started.dateTime().toPython()).astimezone()
        exact = self.started_exact
        if exact is not None and _same_minute(exact.astimezone(), shown):
            return exact
        return shown

    # states -----------------------------------------------------------------------------

    def pre_widgets(self) -> list[QWidget]:
        """What the safety checks are made on: frozen once the timer has started."""
        return [
            self.course,
            self.modality,
            self.started,
            self.duration,
            self.set_temp,
            self.device,
            self.applicator,
            *self.vitals.pre_edits,
            self.vitals.again,
            *self.checks.values(),
            self.skin_before,
            self.skin_method,
            self.nrs_pre,
            self.direct,
        ]

    def freeze_pre(self, frozen: bool) -> None:
        for widget in self.pre_widgets():
            widget.setEnabled(not frozen)

    def show_exposure(self, shown: bool) -> None:
        self.actual_label.setVisible(shown)
        self.actual.setVisible(shown)
        _row_box(self.actual).setVisible(shown)  # a hidden row leaves no gap

    def show_over_note(self, shown: bool) -> None:
        self.over_label.setVisible(shown)
        self.over_note.setVisible(shown)
        _row_box(self.over_note).setVisible(shown)

    def parse_problems(self) -> dict[str, str]:
        """Why a typed duration could not be read, by field path."""
        found = {"duration_s": self.duration.problem, "actual_exposure_s": self.actual.problem}
        return {path: problem for path, problem in found.items() if problem}

    # values -----------------------------------------------------------------------------

    def values(self, course_id: int | None) -> dict[str, Any]:
        group = self.group
        general = group is ModalityGroup.GENERAL
        data: dict[str, Any] = {
            "modality": self.modality.currentData(),
            "started_at": self.started_at(),
            "course_id": course_id,
            "duration_s": self.duration.value(),
            "set_temp": self.set_temp.payload(),
            "device": self.device.text(),
            "skin_temp_before_c": decimal(self.skin_before.text()),
            "skin_temp_after_c": decimal(self.skin_after.text()),
            "skin_temp_method": self.skin_method.currentData(),
            "nrs_pre": number(self.nrs_pre.text()),
            "nrs_post": number(self.nrs_post.text()),
            "reactions": self.reactions.text(),
            "aborted": self.aborted.isChecked(),
            "abort_reason": self.abort_reason.text(),
            "notes": self.notes.toPlainText(),
        }
        data["actual_exposure_s"] = self.actual.value()
        data["over_max_note"] = self.over_note.text()
        if general:
            data["measured_temp"] = self.measured_temp.payload()
            data["bp_pre_readings"] = self.vitals.readings()
            data["bp_post"] = _bp(self.bp_post)
            for key, edit in (
                ("hr_pre", self.hr_pre),
                ("hr_post", self.hr_post),
                ("spo2_pre", self.spo2_pre),
                ("spo2_post", self.spo2_post),
            ):
                data[key] = number(edit.text())
            sauna = data["modality"] == "cryosauna_n2"
            data["checklist"] = {
                item: box.isChecked()
                for item, box in self.checks.items()
                if sauna or item != "oxygen_monitor"
            }
        elif group is ModalityGroup.LOCAL_EXTREME:
            data["applicator"] = self.applicator.text()
            data["areas"] = self.area_values()
        else:
            data["direct_skin_contact"] = self.direct.isChecked()
        if data["duration_s"] is None:
            del data["duration_s"]  # "is required", next to the field
        return data


def _row_box(widget: QWidget) -> QWidget:
    """The box ``_add`` put a field in, with its error label."""
    parent = widget.parentWidget()
    return parent if parent is not None else widget


def _same_minute(a: datetime, b: datetime) -> bool:
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


def _bp(pair: tuple[QLineEdit, QLineEdit]) -> dict[str, Any] | None:
    sys_, dia = number(pair[0].text()), number(pair[1].text())
    if sys_ is None and dia is None:
        return None
    return {"systolic": sys_, "diastolic": dia}
