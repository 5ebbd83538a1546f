"""Preview, print and save a generated PDF; generate-and-preview for the patient record.

Pages are drawn with PDFium (pypdfium2) into images shown in a scroll area; QtPdf is not
part of PySide6-Essentials. Generating a document (database + ReportLab) and drawing its
pages both run on a worker thread; results come back through queued signals and a
result for a dialog that has since closed is dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
from PySide6.QtCore import QObject, QRect, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cryolog.db.database import Database
from cryolog.db.files import write_private_bytes
from cryolog.services.document_inputs import DocumentDTO
from cryolog.services.documents import DocumentService
from cryolog.ui.ops import document_lane

PREVIEW_DPI = 96
PRINT_MAX_DPI = 300
POINTS_PER_INCH = 72


def render_pages(pdf: bytes, dpi: float) -> list[QImage]:
    """Every page of ``pdf`` as an image at ``dpi`` (safe to call off the UI thread)."""
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_BGR888,
            )
            images.append(image.copy())  # detach from PDFium's buffer before it is freed
            page.close()
        return images
    finally:
        document.close()


_jobs = itertools.count(1)


def start(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[Any, str], None],
    owner: QObject,
) -> None:
    """Run ``work`` on the documents' lane; the callbacks run on the UI thread while
    ``owner`` lives. Each job has a channel of its own: none is dropped for another."""
    document_lane().submit(f"document:{next(_jobs)}", work, on_done, on_failed, owner)


class DocumentDialog(QDialog):
    """A PDF's pages, with Print…, Save as… and Close."""

    pages_shown = Signal(int)
    printed = Signal(int)

    def __init__(
        self,
        pdf: bytes,
        title: str,
        suggested_name: str = "document.pdf",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.setWindowTitle(title)
        self.resize(*fitting_size(880, 980))
        self._printer: QPrinter | None = None
        self.status = QLabel(self.tr("Rendering pages…"))
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.setSpacing(14)
        scroll = QScrollArea()
        scroll.setWidget(self.pages)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #6b7280; }")
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self._run(lambda: render_pages(pdf, PREVIEW_DPI), self._show_pages)

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        start(work, on_done, self._failed, self)

    def _show_pages(self, images: list[QImage]) -> None:
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #374151;")
            self.pages_layout.addWidget(label)
        count = len(images)
        self.status.setText(self.tr("%n page(s)", "", count))
        self.pages_shown.emit(count)

    def _failed(self, error: Any, details: str) -> None:
        self.status.setText(self.tr("Could not draw the pages."))
        QMessageBox.warning(
            self, self.windowTitle(), self.tr("Could not draw the document: {0}").format(error)
        )

    # printing ---------------------------------------------------------------------------
    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._printer = printer
        dpi = min(printer.resolution(), PRINT_MAX_DPI)
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Preparing pages for the printer…"))
        self._run(lambda: render_pages(self.pdf, dpi), self._paint_to_printer)

    def _paint_to_printer(self, images: list[QImage]) -> None:
        printer, self._printer = self._printer, None
        self.print_button.setEnabled(True)
        if printer is None or not images:
            return
        if not paint_pages(printer, images):
            self.status.setText(self.tr("The printer could not be started."))
            return
        self.status.setText(self.tr("Sent {0} to the printer.").format(pages_text(len(images))))
        self.printed.emit(len(images))

    # saving -----------------------------------------------------------------------------
    def save_as(self) -> Path | None:
        """Save the PDF (readable by the user only), suggesting the documents folder and a
        name with the patient, the document and the date."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / self.suggested_name) if folder else self.suggested_name
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as"), suggested, self.tr("PDF documents (*.pdf)")
        )
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            write_private_bytes(path, self.pdf, make_folders=False)  # owner only, never torn
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save as"),
                self.tr("Could not save {0}: {1}").format(path, exc.strerror or exc),
            )
            return None
        self.status.setText(self.tr("Saved {0}").format(path))
        return path


def fitting_size(width: int, height: int) -> tuple[int, int]:
    """``width`` × ``height``, made smaller where the screen is (1366×768: the buttons
    stay visible above the task bar)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return width, height
    room = screen.availableGeometry()
    return min(width, room.width() - 40), min(height, room.height() - 60)


def pages_text(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def printable(image: QImage) -> QImage:
    """Grey (one byte a pixel) when the page has no colour: a third of the data, and the
    PDF printer output compresses it well."""
    if _has_colour(image):
        return image
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def _has_colour(image: QImage, step: int = 7) -> bool:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())
    line = rgb.bytesPerLine()
    for y in range(0, rgb.height(), step):
        row = data[y * line : y * line + rgb.width() * 3]
        for x in range(0, len(row) - 2, 3 * step):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if max(r, g, b) - min(r, g, b) > 24:
                return True
    return False


def paint_pages(printer: QPrinter, images: list[QImage]) -> bool:
    """Each image on a page of ``printer`` (grey where it has no colour)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            area = painter.viewport()
            page = printable(image)
            size = page.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            # drawn into the page's rectangle, not scaled up first: the printer (at its
            # own resolution, often 1200 dpi) gets the image at the capped resolution
            painter.drawImage(QRect(area.topLeft(), size), page)
    finally:
        painter.end()
    return True


def suggested_name(patient: str, kind: str, day: date) -> str:
    """ "Ivanova Maria - Course summary - 2026-12-01.pdf" (no characters a file system
    refuses)."""
    title = KIND_TITLES.get(kind, kind)
    cleaned = "".join(ch for ch in patient if ch.isalnum() or ch in " -'").strip()
    parts = [p for p in (cleaned, title, day.isoformat()) if p]
    return " - ".join(parts) + ".pdf"


KIND_TITLES = {
    "course_summary": "Course summary",
    "handout": "Patient handout",
    "consent": "Consent form",
    "screening": "Screening questionnaire",
    "appointment_card": "Appointment card",
}


class DocumentLauncher(QObject):
    """Generates and records a document on the worker, then opens its preview.

    ``opened`` carries the dialog; ``failed`` the message shown to the user.
    """

    opened = Signal(object)
    failed = Signal(str)

    def __init__(
        self, parent: QWidget, db: Database, actor: str, patient_name: Callable[[], str] = str
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.service = DocumentService(db, actor)
        self.patient_name = patient_name

    def generate(
        self, kind: str, target_id: int, *, language: str | None = None, blank: bool = False
    ) -> None:
        from cryolog.reports import render

        def work() -> tuple[DocumentDTO, bytes]:
            return self.service.generate(kind, target_id, render, language=language, blank=blank)

        start(work, self._show, self._fail, self)

    def open_stored(self, document: DocumentDTO) -> None:
        """Reopen the exact copy that was printed earlier."""
        start(lambda: (document, self.service.pdf(document.id)), self._show, self._fail, self)

    def _show(self, result: tuple[DocumentDTO, bytes]) -> None:
        record, pdf = result
        when = record.created_at.strftime("%Y-%m-%d %H:%M UTC")
        title = f"{KIND_TITLES.get(record.kind, record.kind)} — {when}"
        name = suggested_name(self.patient_name(), record.kind, record.created_at.date())
        dialog = DocumentDialog(pdf, title, name, self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.opened.emit(dialog)

    def _fail(self, error: Any, details: str) -> None:
        message = str(error) or type(error).__name__
        self.failed.emit(message)
        QMessageBox.warning(self.parent_widget, self.tr("Document"), message)


def preview_document(
    parent: QWidget,
    db: Database,
    actor: str,
    kind: str,
    target_id: int,
    *,
    language: str | None = None,
    blank: bool = False,
) -> DocumentLauncher:
    """Generate, record and preview one document (the entry point for the main window).

    ``kind`` is course_summary or handout (``target_id`` a course id) or consent or
    screening (a patient id). Keep the returned launcher alive until ``opened`` fires.
    """
    launcher = DocumentLauncher(parent, db, actor)
    launcher.generate(kind, target_id, language=language, blank=blank)
    return launcher
