"""Record an adverse event, mark one resolved, record an outcome score."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from cryolog.domain.catalog import MODALITIES, protocol
from cryolog.domain.enums import AdverseEventType, AssessmentKind, Severity
from cryolog.domain.ranges import ASSESSMENT_RANGES
from cryolog.services import Services
from cryolog.services.dto import AdverseEventDTO, CourseDTO, SessionDTO
from cryolog.ui.forms import number_edit, row
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.record.common import date_edit, fmt
from cryolog.ui.record.form_dialog import FormDialog
from cryolog.ui.session_fields import decimal

EVENT_LABELS = {
    AdverseEventType.ERYTHEMA: QT_TRANSLATE_NOOP("OutcomeLabels", "Erythema (redness)"),
    AdverseEventType.PARESTHESIA: QT_TRANSLATE_NOOP("OutcomeLabels", "Paresthesia (tingling)"),
    AdverseEventType.NUMBNESS_OVER_24H: QT_TRANSLATE_NOOP("OutcomeLabels", "Numbness over 24 h"),
    AdverseEventType.BLISTER_COLD_BURN: QT_TRANSLATE_NOOP("OutcomeLabels", "Blister / cold burn"),
    AdverseEventType.FROSTBITE: QT_TRANSLATE_NOOP("OutcomeLabels", "Frostbite"),
    AdverseEventType.URTICARIA: QT_TRANSLATE_NOOP("OutcomeLabels", "Urticaria (hives)"),
    AdverseEventType.PANNICULITIS: QT_TRANSLATE_NOOP("OutcomeLabels", "Cold panniculitis"),
    AdverseEventType.SYNCOPE_HYPOXIA: QT_TRANSLATE_NOOP("OutcomeLabels", "Fainting / hypoxia"),
    AdverseEventType.BP_SPIKE: QT_TRANSLATE_NOOP("OutcomeLabels", "Blood pressure spike"),
    AdverseEventType.NERVE_INJURY: QT_TRANSLATE_NOOP("OutcomeLabels", "Nerve injury"),
}
SEVERITY_LABELS = {
    Severity.MILD: QT_TRANSLATE_NOOP("OutcomeLabels", "Mild"),
    Severity.MODERATE: QT_TRANSLATE_NOOP("OutcomeLabels", "Moderate"),
    Severity.SEVERE: QT_TRANSLATE_NOOP("OutcomeLabels", "Severe"),
}
SCALE_LABELS = {
    AssessmentKind.NRS: QT_TRANSLATE_NOOP("OutcomeLabels", "Pain NRS"),
    AssessmentKind.DLQI: QT_TRANSLATE_NOOP("OutcomeLabels", "DLQI (quality of life)"),
    AssessmentKind.PASI: QT_TRANSLATE_NOOP("OutcomeLabels", "PASI (psoriasis)"),
    AssessmentKind.IGA: QT_TRANSLATE_NOOP("OutcomeLabels", "Acne IGA"),
    AssessmentKind.SALT: QT_TRANSLATE_NOOP("OutcomeLabels", "SALT (hair loss, %)"),
    AssessmentKind.LESION_COUNT: QT_TRANSLATE_NOOP("OutcomeLabels", "Lesion count"),
}


def shown(text: str) -> str:
    """One of the labels above in the window's language."""
    return QCoreApplication.translate("OutcomeLabels", text)


def session_label(s: SessionDTO) -> str:
    when = s.started_at.astimezone().strftime("%d.%m.%Y %H:%M")
    return f"{when} · {MODALITIES[s.modality].label}"


def course_label(c: CourseDTO) -> str:
    return QCoreApplication.translate("course_label", "{0} from {1}").format(
        protocol(c.protocol_id).label, fmt(c.started_on)
    )


class AdverseEventDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        patient_id: int,
        sessions: Sequence[SessionDTO],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("AdverseEventDialog", "Record an adverse event"),
            QCoreApplication.translate("AdverseEventDialog", "Record event"),
            parent,
        )
        self.services, self.patient_id = services, patient_id
        self.event_type = QComboBox()
        for kind, text in EVENT_LABELS.items():
            self.event_type.addItem(shown(text), kind.value)
        self.severity = QComboBox()
        for level, text in SEVERITY_LABELS.items():
            self.severity.addItem(shown(text), level.value)
        self.onset = date_edit()
        self.session = QComboBox()
        self.session.addItem(self.tr("Not linked to a session"), None)
        for s in sorted(sessions, key=lambda s: s.started_at, reverse=True):
            if s.archived_at is None:
                self.session.addItem(session_label(s), s.id)
        self.malfunction = QCheckBox(self.tr("The device malfunctioned"))
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("What was seen, what was done"))
        self.description.setMaximumHeight(90)
        self.field(self.tr("Event"), self.event_type, "event_type")
        self.field(self.tr("Severity"), self.severity, "severity")
        self.field(self.tr("Onset"), self.onset, "onset_on", self.tr("not later than today"))
        self.field(self.tr("Session"), self.session, "session_id")
        self.field("", self.malfunction, "device_malfunction")
        self.field(self.tr("Description"), self.description, "description")
        self.watch()
        self.resize(520, 360)

    def action(self) -> Callable[[], Any]:
        data = {
            "event_type": self.event_type.currentData(),
            "severity": self.severity.currentData(),
            "onset_on": self.onset.date().toPython(),
            "session_id": self.session.currentData(),
            "device_malfunction": self.malfunction.isChecked(),
            "description": self.description.toPlainText(),
        }
        return lambda: self.services.outcomes.record_adverse_event(self.patient_id, data)


class ResolveEventDialog(FormDialog):
    def __init__(
        self, services: Services, event: AdverseEventDTO, parent: QWidget | None = None
    ) -> None:
        kind = next(
            (shown(t) for k, t in EVENT_LABELS.items() if k.value == event.event_type),
            event.event_type,
        )
        super().__init__(
            QCoreApplication.translate("ResolveEventDialog", "{0} since {1}: resolved").format(
                kind, fmt(event.onset_on)
            ),
            QCoreApplication.translate("ResolveEventDialog", "Mark resolved"),
            parent,
        )
        self.services, self.adverse = services, event
        self.resolved = date_edit()
        self.field(
            self.tr("Resolved on"),
            self.resolved,
            "resolved_on",
            self.tr("{0} … today").format(fmt(event.onset_on)),
        )
        self.watch()

    def action(self) -> Callable[[], Any]:
        data = {"resolved_on": self.resolved.date().toPython()}
        event_id, version = self.adverse.id, self.adverse.version
        return lambda: self.services.outcomes.resolve_adverse_event(
            event_id, data, expected_version=version
        )


class AssessmentDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        patient_id: int,
        courses: Sequence[CourseDTO],
        course_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("AssessmentDialog", "Record an outcome score"),
            QCoreApplication.translate("AssessmentDialog", "Record score"),
            parent,
        )
        self.services, self.patient_id = services, patient_id
        self.kind = QComboBox()
        for kind, text in SCALE_LABELS.items():
            self.kind.addItem(shown(text), kind.value)
        self.day = date_edit()
        self.value = number_edit("score", 90)
        self.scale = QLabel()
        self.scale.setStyleSheet("color:#555;")
        self.course = QComboBox()
        self.course.addItem(self.tr("Not linked to a course"), None)
        for c in courses:
            if c.archived_at is None:
                self.course.addItem(course_label(c), c.id)
        self.course.setCurrentIndex(max(self.course.findData(course_id), 0))
        self.notes = QLineEdit()
        self.field(self.tr("Scale"), self.kind, "kind")
        self.field(self.tr("Assessed on"), self.day, "assessed_on", self.tr("not later than today"))
        self.value_error = self.field(self.tr("Score"), row(self.value, self.scale), "value")
        self.field(self.tr("Course"), self.course, "course_id")
        self.field(self.tr("Notes"), self.notes, "notes")
        self.kind.currentIndexChanged.connect(self._scale_changed)
        self._scale_changed()
        self.watch()
        self.resize(480, 280)

    def _scale_changed(self) -> None:
        spec = ASSESSMENT_RANGES[self.kind.currentData()]
        self.scale.setText(self.tr("allowed {0}").format(spec.describe()))
        self.errors.add("value", self.value_error, spec.describe())

    def action(self) -> Callable[[], Any]:
        value = decimal(self.value.text())
        data = {
            "kind": self.kind.currentData(),
            "assessed_on": self.day.date().toPython(),
            "course_id": self.course.currentData(),
            "notes": self.notes.text(),
        }
        if value is not None:
            data["value"] = value  # left out: "is required" next to the field
        return lambda: self.services.outcomes.record_assessment(self.patient_id, data)
