"""Close a course: completed or stopped, on which day, and why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from cryolog.domain.catalog import protocol
from cryolog.domain.enums import CourseStatus
from cryolog.services import Services
from cryolog.services.dto import CourseDTO
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.record.common import date_edit, fmt
from cryolog.ui.record.form_dialog import FormDialog

STATUS_LABELS = {
    CourseStatus.COMPLETED: QT_TRANSLATE_NOOP(
        "CloseCourseDialog", "Completed (the planned course was done)"
    ),
    CourseStatus.STOPPED: QT_TRANSLATE_NOOP("CloseCourseDialog", "Stopped early"),
}


class CloseCourseDialog(FormDialog):
    def __init__(self, services: Services, course: CourseDTO, parent: QWidget | None = None):
        label = protocol(course.protocol_id).label
        super().__init__(
            QCoreApplication.translate("CloseCourseDialog", "Close the {0} course of {1}").format(
                label, fmt(course.started_on)
            ),
            QCoreApplication.translate("CloseCourseDialog", "Close course"),
            parent,
        )
        self.services, self.course = services, course
        self.status = QComboBox()
        for status, text in STATUS_LABELS.items():
            self.status.addItem(QCoreApplication.translate("CloseCourseDialog", text), status.value)
        self.ended = date_edit()
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            self.tr("e.g. course complete, lesions cleared / patient moved away")
        )
        self.reason.setMaximumHeight(80)
        self.field(self.tr("Outcome"), self.status, "status")
        self.field(
            self.tr("Last day"),
            self.ended,
            "ended_on",
            self.tr("from {0}, not later than today").format(fmt(course.started_on)),
        )
        self.field(self.tr("Reason"), self.reason, "reason")
        self.watch()
        self.resize(480, 260)

    def action(self) -> Callable[[], Any]:
        data = {
            "status": self.status.currentData(),
            "ended_on": self.ended.date().toPython(),
            "reason": self.reason.toPlainText(),
        }
        course_id, version = self.course.id, self.course.version
        return lambda: self.services.courses.close_course(course_id, data, expected_version=version)

    def reapply_hook(self) -> Callable[[int], None] | None:
        def over(version: int) -> None:
            self.course = replace(self.course, version=version)
            self.save()

        return over
