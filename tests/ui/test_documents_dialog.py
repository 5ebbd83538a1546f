"""The document preview: pages drawn off the UI thread, Save as, Print, generate+record."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.reports import render
from cryolog.services import Services
from cryolog.services.documents import DocumentService
from cryolog.ui.documents import (
    PRINT_MAX_DPI,
    DocumentDialog,
    preview_document,
    render_pages,
    suggested_name,
)
from tests.reports import samples

TIMEOUT_MS = 20000


@pytest.fixture(scope="module")
def summary_pdf() -> bytes:
    return render(samples.summary_input(40))


def open_dialog(qtbot: QtBot, pdf: bytes) -> DocumentDialog:
    dialog = DocumentDialog(pdf, "Course summary", "summary.pdf")
    qtbot.addWidget(dialog)
    return dialog


def test_pages_are_drawn_and_shown(qtbot: QtBot, summary_pdf: bytes) -> None:
    dialog = open_dialog(qtbot, summary_pdf)
    with qtbot.waitSignal(dialog.pages_shown, timeout=TIMEOUT_MS) as blocker:
        dialog.show()
    count = blocker.args[0]
    assert count == len(render_pages(summary_pdf, 20)) >= 3
    labels = dialog.pages.findChildren(QLabel)
    assert len(labels) == count
    assert all(not label.pixmap().isNull() for label in labels)
    assert labels[0].pixmap().width() > 700  # A4 at 96 dpi is 794 px wide
    assert dialog.status.text() == f"{count} pages"


def test_render_pages_refuses_garbage() -> None:
    with pytest.raises(Exception):  # noqa: B017 - PDFium's own error type
        render_pages(b"%PDF-1.4 this is not really a pdf", 50)


def test_save_as_writes_the_exact_bytes(
    qtbot: QtBot, summary_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, summary_pdf)
    target = tmp_path / "copy"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    saved = dialog.save_as()
    assert saved == tmp_path / "copy.pdf"
    assert saved.read_bytes() == summary_pdf


def test_save_as_reports_an_unwritable_place(
    qtbot: QtBot, summary_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, summary_pdf)
    shown: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "missing" / "x.pdf"), "")
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    assert dialog.save_as() is None
    assert shown and "Could not save" in shown[0]


def test_print_paints_every_page(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = render(samples.handout_input("ru"))
    out = tmp_path / "printed.pdf"

    def accept(self: QPrintDialog) -> int:
        printer: QPrinter = self.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(100)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    dialog = open_dialog(qtbot, pdf)
    with qtbot.waitSignal(dialog.printed, timeout=TIMEOUT_MS) as blocker:
        dialog.print_document()
    assert blocker.args == [2]
    assert out.read_bytes().startswith(b"%PDF")
    assert len(render_pages(out.read_bytes(), 20)) == 2


def test_cancelled_print_does_nothing(
    qtbot: QtBot, summary_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    dialog = open_dialog(qtbot, summary_pdf)
    dialog.print_document()
    assert dialog.print_button.isEnabled()


def test_generate_records_and_previews(qtbot: QtBot, db: Database) -> None:
    services = Services.open(db, actor="dr.ui")
    pid = services.patients.register(
        {"family_name": "Łukasiewicz", "given_name": "Zoë", "birth_date": date(1970, 1, 2)}
    ).id
    parent = QWidget()
    qtbot.addWidget(parent)
    launcher = preview_document(parent, db, "dr.ui", "consent", pid, language="en")
    with qtbot.waitSignal(launcher.opened, timeout=TIMEOUT_MS) as blocker:
        pass
    dialog: DocumentDialog = blocker.args[0]
    qtbot.addWidget(dialog)
    kept = DocumentService(db, "x").documents(pid)
    assert [d.kind for d in kept] == ["consent"] and kept[0].actor == "dr.ui"
    assert DocumentService(db, "x").pdf(kept[0].id) == dialog.pdf
    with qtbot.waitSignal(dialog.pages_shown, timeout=TIMEOUT_MS):
        pass


def test_generate_failure_is_shown_and_nothing_kept(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    parent = QWidget()
    qtbot.addWidget(parent)
    launcher = preview_document(parent, db, "dr.ui", "course_summary", 4242)
    with qtbot.waitSignal(launcher.failed, timeout=TIMEOUT_MS) as blocker:
        pass
    assert blocker.args == ["No course with id 4242."]
    assert shown == ["No course with id 4242."]


def test_the_preview_fits_a_1366_by_768_screen_with_its_buttons_visible(tmp_path: Path) -> None:
    screens = tmp_path / "screen.json"
    laptop = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}
    screens.write_text(json.dumps({"screens": [{**laptop, "logicalDpi": 96, "dpr": 1}]}))
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
        "PYTHONPATH": str(root),
    }
    shown = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("preview_fit_driver.py"))],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=root,
    )
    lines = shown.stdout.strip().splitlines()
    assert lines, shown.stderr[-2000:]
    where = json.loads(lines[-1])
    sx, sy, sw, sh = where["screen"]
    assert (sw, sh) == (1366, 768)

    def inside(rect: list[int], x: int, y: int, w: int, h: int) -> bool:
        return (
            rect[0] >= x
            and rect[1] >= y
            and rect[0] + rect[2] <= x + w
            and rect[1] + rect[3] <= y + h
        )

    dialog = where["dialog"]
    assert inside(dialog, sx, sy, sw, sh), where
    assert dialog[3] <= sh - 40  # room left for a task bar and the window's title
    assert set(where["buttons"]) == {"Print…", "Save as…", "Close"}
    for name, (*rect, visible) in where["buttons"].items():
        assert visible, name
        assert inside(rect, *dialog), (name, where)


def test_printing_a_two_page_handout_is_a_reasonable_print_job(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the PDF printer's own resolution (1200 dpi) the pages go out at the 300 dpi cap
    (not scaled up to the printer's pixels first): under 3 MB for two pages."""
    pdf = render(samples.handout_input("ru"))
    out = tmp_path / "printed.pdf"
    resolutions: list[int] = []

    def accept(self: QPrintDialog) -> int:
        printer: QPrinter = self.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        resolutions.append(printer.resolution())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    dialog = open_dialog(qtbot, pdf)
    with qtbot.waitSignal(dialog.printed, timeout=TIMEOUT_MS) as blocker:
        dialog.print_document()
    assert blocker.args == [2] and resolutions[0] > PRINT_MAX_DPI
    printed = out.read_bytes()
    assert len(printed) < 3 * 1024 * 1024, len(printed)
    reader = PdfReader(io.BytesIO(printed))
    assert len(reader.pages) == 2
    images = [image for page in reader.pages for image in page.images]
    assert images and all(img.image.width <= 2500 for img in images)  # A4 at 300 dpi: 2480


def test_save_as_suggests_the_documents_folder_and_a_telling_name_and_keeps_it_private(
    qtbot: QtBot, summary_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = suggested_name("Иванова Мария / \\:*?", "course_summary", date(2026, 12, 1))
    assert name == "Иванова Мария - Course summary - 2026-12-01.pdf"
    dialog = DocumentDialog(summary_pdf, "Course summary", name)
    qtbot.addWidget(dialog)
    offered: list[str] = []
    target = tmp_path / "out.pdf"

    def choose(*args: object, **kwargs: object) -> tuple[str, str]:
        offered.append(str(args[2]))
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    assert dialog.save_as() == target
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert offered == [str(Path(folder) / name)]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # readable by the user only
