"""Vital signs of a whole-body session; the blood pressure before it may be measured again.

"Measure again" keeps the reading in the fields (with the time it was taken) among the
earlier ones and empties the fields for the next: every reading is stored, the rules use
the latest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from cryolog.domain import locale as loc
from cryolog.domain import ranges
from cryolog.domain.messages import Ref
from cryolog.services.dto import BPReadingDTO
from cryolog.ui.forms import FieldErrors, error_label, number, number_edit, row
from cryolog.ui.session_clock import Clock, SystemClock
from cryolog.ui.session_fields import shown


class VitalsBox(QGroupBox):
    """``changed`` when a reading is kept (typing is seen by the form's own signals)."""

    changed = Signal()

    def __init__(self, errors: FieldErrors, clock: Clock | None = None) -> None:
        super().__init__(QCoreApplication.translate("VitalsBox", "Vitals"))
        self.clock = clock or SystemClock()
        self.earlier: list[dict[str, Any]] = []  # kept readings, oldest first
        self.measured_at: datetime | None = None  # when the reading in the fields was taken
        form = QFormLayout(self)
        self.bp_pre = (number_edit(self.tr("sys"), 60), number_edit(self.tr("dia"), 60))
        self.again = QPushButton(self.tr("Measure again"))
        self.again.setToolTip(self.tr("Keep this reading and take another after rest"))
        self.again.clicked.connect(self.measure_again)
        self.earlier_label = QLabel()
        self.earlier_label.setObjectName("earlierReadings")
        self.earlier_label.setStyleSheet("color:#555;")
        self.earlier_label.setWordWrap(True)
        self.earlier_label.hide()
        self.bp_post = (number_edit(self.tr("sys"), 60), number_edit(self.tr("dia"), 60))
        per_minute = Ref("unit_sign", "per_minute").render(loc.window_locale())
        self.hr_pre, self.hr_post = number_edit(per_minute, 60), number_edit(per_minute, 60)
        self.spo2_pre, self.spo2_post = number_edit("%", 60), number_edit("%", 60)
        bp_hint = f"{ranges.SYSTOLIC.describe()} / {ranges.DIASTOLIC.describe()}"

        def add(label: str, widget: QWidget, path: str, hint: str) -> None:
            form.addRow(label, widget)
            form.addRow("", errors.add(path, error_label(), hint))

        form.addRow("", self.earlier_label)
        add(self.tr("BP before"), row(*self.bp_pre, self.again), "bp_pre", bp_hint)
        errors.add_prefix("bp_pre_readings", errors._labels["bp_pre"])
        add(self.tr("Pulse before"), self.hr_pre, "hr_pre", ranges.HEART_RATE.describe())
        add(self.tr("SpO₂ before"), self.spo2_pre, "spo2_pre", ranges.SPO2.describe())
        add(self.tr("BP after"), row(*self.bp_post), "bp_post", bp_hint)
        add(self.tr("Pulse after"), self.hr_post, "hr_post", ranges.HEART_RATE.describe())
        add(self.tr("SpO₂ after"), self.spo2_post, "spo2_post", ranges.SPO2.describe())
        QWidget.setTabOrder(self.bp_pre[0], self.bp_pre[1])
        self.bp_pre[0].textChanged.connect(self._stamp)
        self.bp_pre[1].textChanged.connect(self._stamp)

    @property
    def pre_edits(self) -> tuple[QLineEdit, ...]:
        return (*self.bp_pre, self.hr_pre, self.spo2_pre)

    def _stamp(self) -> None:
        """A reading is taken when it is first typed."""
        typed = any(e.text().strip() for e in self.bp_pre)
        if typed and self.measured_at is None:
            self.measured_at = self.clock.now()
        elif not typed:
            self.measured_at = None

    def _current(self) -> dict[str, Any] | None:
        systolic, diastolic = (number(e.text()) for e in self.bp_pre)
        if systolic is None and diastolic is None:
            return None
        return {"systolic": systolic, "diastolic": diastolic, "measured_at": self.measured_at}

    def readings(self) -> list[dict[str, Any]]:
        """Every reading before the session, oldest first (the fields hold the latest)."""
        current = self._current()
        return [*self.earlier, current] if current is not None else list(self.earlier)

    def measure_again(self) -> None:
        current = self._current()
        if current is None or not all(
            isinstance(current[k], int) for k in ("systolic", "diastolic")
        ):
            self.bp_pre[0].setFocus()
            return
        self.earlier.append(current)
        self.measured_at = None
        for edit in self.bp_pre:
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self._show_earlier()
        self.bp_pre[0].setFocus()
        self.changed.emit()

    def set_readings(self, readings: tuple[BPReadingDTO, ...]) -> None:
        """The stored readings: the earlier ones listed, the latest in the fields."""
        *earlier, latest = readings or (None,)
        self.earlier = [
            {"systolic": r.systolic, "diastolic": r.diastolic, "measured_at": r.measured_at}
            for r in earlier
            if r is not None
        ]
        self.bp_pre[0].setText(shown(latest.systolic) if latest else "")
        self.bp_pre[1].setText(shown(latest.diastolic) if latest else "")
        self.measured_at = latest.measured_at if latest else None
        self._show_earlier()

    def _show_earlier(self) -> None:
        parts = []
        for r in self.earlier:
            when = r["measured_at"]
            at = (
                QCoreApplication.translate("VitalsBox", " at {0}").format(
                    when.astimezone().strftime("%H:%M")
                )
                if when
                else ""
            )
            parts.append(f"{r['systolic']}/{r['diastolic']}{at}")
        self.earlier_label.setText(
            QCoreApplication.translate("VitalsBox", "Measured before: {0}").format(
                " · ".join(parts)
            )
            if parts
            else ""
        )
        self.earlier_label.setVisible(bool(parts))
