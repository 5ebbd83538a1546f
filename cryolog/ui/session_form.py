"""The session form (layout only): fields change with the modality group.

``values()`` turns what is typed into the SessionInput payload, passing text that is not a
number on as typed so that validation names the field. ``session_presenter`` does the rest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from PySide6.QtCore import QDateTime, Signal
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
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import ranges
from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.domain.enums import AreaKind, SkinTempMethod
from cryolog.ui.forms import FieldErrors, error_label, number, number_edit, row
from cryolog.ui.session_fields import TemperatureField, decimal

CHECKLIST = (
    ("dry_skin", "Skin and clothing dry"),
    ("no_lotion", "No lotion in the last hour"),
    ("no_metal", "No metal or jewellery"),
    ("protective_gear", "Gloves, socks, headband on"),
    ("oxygen_monitor", "Oxygen monitor working"),
)
AREA_COLUMNS = ("Site", "Kind", "Area (dm²)", "Passes", "Seconds")


class SessionFormView(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors(error_label())
        self.course = QComboBox()
        self.modality = QComboBox()
        for spec in MODALITIES.values():
            self.modality.addItem(spec.label, spec.id)
        self.started = QDateTimeEdit(QDateTime.currentDateTime())
        self.started.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.started.setCalendarPopup(True)
        self.duration = number_edit("seconds")
        self.duration_hint = QLabel()
        self.set_temp = TemperatureField()
        self.measured_temp = TemperatureField()
        self.device = QLineEdit()
        self.applicator = QLineEdit()
        self.basics = QGroupBox("Session")
        form = QFormLayout(self.basics)
        self._add(form, "Course", self.course, "course_id")
        self._add(form, "Modality", self.modality, "modality")
        self._add(form, "Start", self.started, "started_at")
        self._add(form, "Duration (s)", row(self.duration, self.duration_hint), "duration_s")
        self.set_temp_label = QLabel("Temperature")
        self._add(form, self.set_temp_label, self.set_temp, "set_temp")
        self.measured_label = QLabel("Measured")
        self._add(form, self.measured_label, self.measured_temp, "measured_temp")
        self._add(form, "Device", self.device, "device")
        self.applicator_label = QLabel("Nozzle / applicator")
        self._add(form, self.applicator_label, self.applicator, "applicator")

        self.vitals = self._vitals_box()
        self.checklist_box, self.checks = self._checklist_box()
        self.areas_box, self.areas = self._areas_box()
        self.moderate_box = QGroupBox("Cold pack")
        self.direct = QCheckBox("Applied directly to the skin")
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

    def _vitals_box(self) -> QGroupBox:
        box = QGroupBox("Vitals")
        form = QFormLayout(box)
        self.bp_pre = (number_edit("sys", 60), number_edit("dia", 60))
        self.bp_post = (number_edit("sys", 60), number_edit("dia", 60))
        self.hr_pre, self.hr_post = number_edit("/min", 60), number_edit("/min", 60)
        self.spo2_pre, self.spo2_post = number_edit("%", 60), number_edit("%", 60)
        bp_hint = f"{ranges.SYSTOLIC.describe()} / {ranges.DIASTOLIC.describe()}"
        self._add(form, "BP before", row(*self.bp_pre), "bp_pre", bp_hint)
        self._add(form, "Pulse before", self.hr_pre, "hr_pre", ranges.HEART_RATE.describe())
        self._add(form, "SpO₂ before", self.spo2_pre, "spo2_pre", ranges.SPO2.describe())
        self._add(form, "BP after", row(*self.bp_post), "bp_post", bp_hint)
        self._add(form, "Pulse after", self.hr_post, "hr_post", ranges.HEART_RATE.describe())
        self._add(form, "SpO₂ after", self.spo2_post, "spo2_post", ranges.SPO2.describe())
        return box

    def _checklist_box(self) -> tuple[QGroupBox, dict[str, QCheckBox]]:
        box = QGroupBox("Before the session")
        layout = QVBoxLayout(box)
        checks = {}
        for item, label in CHECKLIST:
            checks[item] = QCheckBox(label)
            layout.addWidget(checks[item])
        return box, checks

    def _areas_box(self) -> tuple[QGroupBox, QTableWidget]:
        box = QGroupBox("Treated areas")
        table = QTableWidget(0, len(AREA_COLUMNS))
        table.setHorizontalHeaderLabels(AREA_COLUMNS)
        table.horizontalHeader().setStretchLastSection(True)
        table.setMinimumHeight(110)
        add, remove = QPushButton("Add area"), QPushButton("Remove area")
        add.clicked.connect(lambda: self.add_area())
        remove.clicked.connect(self._remove_area)
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        layout.addWidget(row(add, remove))
        areas_error = error_label()
        self.errors.add_prefix("areas", areas_error)
        layout.addWidget(areas_error)
        return box, table

    def _outcome_box(self) -> QGroupBox:
        box = QGroupBox("Effect and notes")
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
            "Skin °C before",
            row(self.skin_before, self.skin_method),
            "skin_temp_before_c",
            skin,
        )
        self._add(form, "Skin °C after", self.skin_after, "skin_temp_after_c", skin)
        self._add(form, "Pain NRS before", self.nrs_pre, "nrs_pre", ranges.NRS.describe())
        self._add(form, "Pain NRS after", self.nrs_post, "nrs_post", ranges.NRS.describe())
        self.reactions = QLineEdit()
        self.reactions.setPlaceholderText("e.g. redness, tingling")
        self._add(form, "Reactions", self.reactions, "reactions")
        self.aborted = QCheckBox("Session aborted")
        self.abort_reason = QLineEdit()
        self.abort_reason.setPlaceholderText("why")
        self._add(form, self.aborted, self.abort_reason, "abort_reason")  # type: ignore[arg-type]
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(50)
        self._add(form, "Notes", self.notes, "notes")
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
        self.areas.itemChanged.connect(self.changed)

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
        for shown in (self.measured_label, self.measured_temp):
            shown.setVisible(general)
        for local in (self.applicator_label, self.applicator):
            local.setVisible(group is ModalityGroup.LOCAL_EXTREME)
        spec = MODALITIES[self.modality.currentData()]
        self.set_temp_label.setText("Set temperature" if general else "Temperature")
        self.duration_hint.setText(
            f"1 … {spec.max_duration_s} s · temperature"
            f" {spec.temp_min_c:g} … {spec.temp_max_c:g} °C"
        )
        self.errors.add(
            "duration_s", self.errors._labels["duration_s"], f"1 … {spec.max_duration_s} s"
        )
        self.errors.add(
            "set_temp",
            self.errors._labels["set_temp"],
            f"{spec.temp_min_c:g} … {spec.temp_max_c:g} °C",
        )

    def add_area(
        self, site: str = "", kind: str = "area", dm2: str = "", passes: str = "", secs: str = ""
    ) -> None:
        r = self.areas.rowCount()
        self.areas.insertRow(r)
        kinds = QComboBox()
        for k in AreaKind:
            kinds.addItem(k.value, k.value)
        kinds.setCurrentIndex(max(kinds.findData(kind), 0))
        kinds.currentIndexChanged.connect(self.changed)
        self.areas.setCellWidget(r, 1, kinds)
        for col, text in ((0, site), (2, dm2), (3, passes), (4, secs)):
            self.areas.setItem(r, col, QTableWidgetItem(text))
        self.changed.emit()

    def _remove_area(self) -> None:
        r = self.areas.currentRow()
        if r < 0:
            r = self.areas.rowCount() - 1
        if r >= 0:
            self.areas.removeRow(r)
            self.changed.emit()

    # values -----------------------------------------------------------------------------

    def _cell(self, r: int, c: int) -> str:
        item = self.areas.item(r, c)
        return item.text() if item is not None else ""

    def area_values(self) -> list[dict[str, Any]]:
        result = []
        for r in range(self.areas.rowCount()):
            texts = [self._cell(r, c) for c in (0, 2, 3, 4)]
            if not any(t.strip() for t in texts):
                continue
            kind = self.areas.cellWidget(r, 1)
            result.append(
                {
                    "site": texts[0],
                    "kind": kind.currentData() if isinstance(kind, QComboBox) else "area",
                    "area_dm2": decimal(texts[1]),
                    "passes": number(texts[2]),
                    "exposure_s": number(texts[3]),
                }
            )
        return result

    def values(self, course_id: int | None) -> dict[str, Any]:
        group = self.group
        general = group is ModalityGroup.GENERAL
        started = cast(datetime, self.started.dateTime().toPython())
        data: dict[str, Any] = {
            "modality": self.modality.currentData(),
            "started_at": started.astimezone(),
            "course_id": course_id,
            "duration_s": number(self.duration.text()),
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
        if general:
            data["measured_temp"] = self.measured_temp.payload()
            data["bp_pre"] = _bp(self.bp_pre)
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


def _bp(pair: tuple[QLineEdit, QLineEdit]) -> dict[str, Any] | None:
    sys_, dia = number(pair[0].text()), number(pair[1].text())
    if sys_ is None and dia is None:
        return None
    return {"systolic": sys_, "diastolic": dia}
