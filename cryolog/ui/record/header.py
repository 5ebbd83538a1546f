"""Identity, age and the live alert strip (red blocks a session, amber warns)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import locale as loc
from cryolog.domain.messages import Ref
from cryolog.services.alerts import PatientAlerts, group_label
from cryolog.services.dto import PatientDTO

RED = "background:#fde7e6; color:#8c1d18; border:1px solid #f2b8b5;"
AMBER = "background:#fff4d6; color:#6d4c00; border:1px solid #f0d48a;"
GREEN = "background:#e6f4ea; color:#1e5e2f; border:1px solid #a8d5b5;"
CHIP = "border-radius:4px; padding:3px 8px;"


def chip(text: str, style: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(style + CHIP)
    return label


class AlertStrip(QWidget):
    """One chip per alert; ``chips`` keeps (level, text) for tests and screenshots."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 0)
        self._layout.setSpacing(3)
        self.chips: list[tuple[str, str]] = []

    def show_alerts(self, alerts: PatientAlerts) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.chips = []
        kind = group_label(alerts.modality)
        for alert in alerts.red:
            self._add("red", f"✖ {alert.message}", RED)
        for alert in alerts.amber:
            self._add("amber", f"⚠ {alert.message}", AMBER)
        if not alerts.alerts:
            self._add(
                "green", self.tr("✓ Nothing on record blocks a {0} session.").format(kind), GREEN
            )
        elif alerts.red:
            self._add("note", self.tr("Checked for a {0} session.").format(kind), "color:#555;")

    def _add(self, level: str, text: str, style: str) -> None:
        self.chips.append((level, text))
        self._layout.addWidget(chip(text, style))


class PatientHeader(QWidget):
    edit_requested = Signal()
    archive_requested = Signal(bool)  # True: archive, False: restore
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel()
        self.name.setObjectName("patientName")
        self.name.setStyleSheet("font-size: 19px; font-weight: 600;")
        self.facts = QLabel()
        self.facts.setStyleSheet("color:#444;")
        self.edit = QPushButton(self.tr("Edit details…"))
        self.edit.clicked.connect(self.edit_requested)
        self.archived = False
        self.archive = QPushButton(self.tr("Archive patient…"))
        self.archive.clicked.connect(lambda: self.archive_requested.emit(not self.archived))
        self.export = QPushButton(self.tr("Export record…"))
        self.export.clicked.connect(self.export_requested)
        self.alerts = AlertStrip()
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addSpacing(12)
        top.addWidget(self.facts, 1)
        top.addWidget(self.edit)
        top.addWidget(self.export)
        top.addWidget(self.archive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.alerts)

    def show_patient(self, p: PatientDTO) -> None:
        self.archived = p.archived_at is not None
        reason = f" — {p.archive_reason}" if p.archive_reason else ""
        self.name.setText(p.display_name + (self.tr("  (archived)") if self.archived else ""))
        self.name.setToolTip(self.tr("Archived{0}").format(reason) if self.archived else "")
        self.archive.setText(
            self.tr("Restore patient…") if self.archived else self.tr("Archive patient…")
        )
        parts = [
            self.tr("born {0}").format(p.birth_date.strftime("%d.%m.%Y")),
            self.tr("%n year(s)", "", p.age_on(date.today())),
        ]
        if p.height_cm:
            parts.append(f"{loc.window_locale().number(p.height_cm)} {Ref('unit_sign', 'cm')}")
        if p.phone:
            parts.append(p.phone)
        self.facts.setText(" · ".join(parts))
