"""The patient's documents: every copy printed so far, and the buttons that make new ones.

Course documents (summary, handout) are made for the course chosen here; the handout
language starts as the patient's own and can be changed for one printout.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import locale as loc
from cryolog.services.document_inputs import DocumentDTO
from cryolog.services.dto import CourseDTO, PatientRecord
from cryolog.ui.documents import KIND_TITLES
from cryolog.ui.language import QT_TRANSLATE_NOOP, fill_language_combo, language_label
from cryolog.ui.models import Column, RowsModel
from cryolog.ui.record.outcome_dialogs import course_label
from cryolog.ui.record.outcomes_tab import table


def _size(n: int) -> str:
    return loc.shown_size(n)


def document_columns(courses: dict[int, CourseDTO]) -> list[Column[DocumentDTO]]:
    def course(d: DocumentDTO) -> str:
        found = courses.get(d.course_id) if d.course_id is not None else None
        return course_label(found) if found else "—"

    return [
        Column(QT_TRANSLATE_NOOP("Column", "Document"), lambda d: KIND_TITLES.get(d.kind, d.kind)),
        Column(
            QT_TRANSLATE_NOOP("Column", "Made"),
            lambda d: d.created_at.astimezone().strftime("%d.%m.%Y %H:%M"),
        ),
        Column(QT_TRANSLATE_NOOP("Column", "By"), lambda d: d.actor),
        Column(QT_TRANSLATE_NOOP("Column", "Course"), course),
        Column(
            QT_TRANSLATE_NOOP("Column", "Language"),
            lambda d: language_label(d.language),
        ),
        Column(QT_TRANSLATE_NOOP("Column", "Size"), lambda d: _size(d.size), align_right=True),
        Column(QT_TRANSLATE_NOOP("Column", "SHA-256"), lambda d: d.sha256[:16] + "…"),
    ]


class DocumentsTab(QWidget):
    """``make(kind, target_id, language, blank)`` and ``reopen(document)`` go to the view."""

    make = Signal(str, int, str, bool)
    reopen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.patient_id: int | None = None
        self.course_names: dict[int, CourseDTO] = {}
        self.documents: RowsModel[DocumentDTO] = RowsModel(document_columns(self.course_names))
        self.documents.setParent(self)
        self.table = table(self.documents)
        self.table.doubleClicked.connect(self._open_index)
        self.open_button = QPushButton(self.tr("Open stored copy"))
        self.open_button.setToolTip(
            self.tr("The exact copy that was printed (or double-click a row)")
        )
        self.open_button.clicked.connect(self._open_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection)
        self.empty = QLabel(
            self.tr("Nothing printed yet. Documents made here are kept exactly as printed.")
        )
        self.empty.setStyleSheet("color:#555;")
        self.course = QComboBox()
        self.language = QComboBox()
        fill_language_combo(self.language)
        self._language_patient = ""
        self.blank = QCheckBox(self.tr("blank forms, to fill in by hand"))
        self.summary_button = QPushButton(self.tr("Course summary…"))
        self.handout_button = QPushButton(self.tr("Handout…"))
        self.consent_button = QPushButton(self.tr("Consent form…"))
        self.screening_button = QPushButton(self.tr("Screening form…"))
        self.card_button = QPushButton(self.tr("Appointment card…"))
        self.card_button.setToolTip(self.tr("The booked dates and times, on a small card"))
        self.card_button.clicked.connect(lambda: self._patient_doc("appointment_card"))
        self.summary_button.clicked.connect(lambda: self._course_doc("course_summary"))
        self.handout_button.clicked.connect(lambda: self._course_doc("handout"))
        self.consent_button.clicked.connect(lambda: self._patient_doc("consent"))
        self.screening_button.clicked.connect(lambda: self._patient_doc("screening"))
        self.status = QLabel()
        self.status.setStyleSheet("color:#1e5e2f;")
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("<b>Printed documents</b>")))
        head.addStretch(1)
        head.addWidget(self.open_button)
        left.addLayout(head)
        left.addWidget(self.table, 1)
        left.addWidget(self.empty)
        layout.addLayout(left, 1)
        layout.addWidget(self._make_box())
        self._selection()

    def _make_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Make a document"))
        box.setMaximumWidth(430)
        grid = QGridLayout(box)
        grid.addWidget(QLabel(self.tr("<b>For a course</b>")), 0, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Course")), 1, 0)
        grid.addWidget(self.course, 1, 1)
        grid.addWidget(self.summary_button, 2, 1)
        grid.addWidget(QLabel(self.tr("Language")), 3, 0)
        grid.addWidget(self.language, 3, 1)
        grid.addWidget(self.handout_button, 4, 1)
        grid.addWidget(QLabel(self.tr("<b>For the patient</b>")), 5, 0, 1, 2)
        grid.addWidget(self.consent_button, 6, 1)
        grid.addWidget(self.screening_button, 7, 1)
        grid.addWidget(self.blank, 8, 1)
        grid.addWidget(self.card_button, 9, 1)
        note = QLabel(
            self.tr(
                "Each document opens in a preview to print or save, and a copy is kept here."
                " Forms use the handout language."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#555;")
        grid.addWidget(note, 10, 0, 1, 2)
        grid.addWidget(self.status, 10, 0, 1, 2)
        grid.setRowStretch(11, 1)
        return box

    def show_record(self, record: PatientRecord, documents: list[DocumentDTO]) -> None:
        self.patient_id = record.patient.id
        courses = [c for c in record.courses if c.archived_at is None]
        self.course_names.clear()
        self.course_names.update({c.id: c for c in record.courses})
        chosen = self.course.currentData()
        self.course.clear()
        for c in courses:
            self.course.addItem(course_label(c), c.id)
        self.course.setCurrentIndex(max(self.course.findData(chosen), 0))
        for button in (self.summary_button, self.handout_button):
            button.setEnabled(bool(courses))
        if record.patient.handout_language != self._language_patient:
            self._language_patient = record.patient.handout_language
            self.set_language(self._language_patient)
        self.documents.set_rows(documents)
        self.empty.setVisible(not documents)
        self._selection()

    def set_language(self, code: str) -> None:
        self.language.setCurrentIndex(max(self.language.findData(code), 0))

    def select_course(self, course_id: int) -> None:
        self.course.setCurrentIndex(max(self.course.findData(course_id), 0))

    def _course_doc(self, kind: str) -> None:
        course_id = self.course.currentData()
        if course_id is not None:
            self.make.emit(kind, int(course_id), self.language.currentData(), False)

    def _patient_doc(self, kind: str) -> None:
        if self.patient_id is not None:
            blank = kind in ("screening", "consent") and self.blank.isChecked()
            self.make.emit(kind, self.patient_id, self.language.currentData(), blank)

    def selected(self) -> DocumentDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.documents.row_at(rows[0].row()) if rows else None

    def _selection(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def _open_selected(self) -> None:
        document = self.selected()
        if document is not None:
            self.reopen.emit(document)

    def _open_index(self, index: QModelIndex) -> None:
        self.reopen.emit(self.documents.row_at(index.row()))
