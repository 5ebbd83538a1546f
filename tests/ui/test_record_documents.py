"""Documents from the patient record: generated off the UI thread, recorded, listed, reopened."""

from __future__ import annotations

from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import Document
from cryolog.ui.documents import DocumentDialog
from cryolog.ui.record.record_view import PatientRecordView
from tests.ui.record_setup import TIMEOUT_MS, count, open_record, seed, settle


def _generated(qtbot: QtBot, view: PatientRecordView, click: object) -> DocumentDialog:
    rows = view.documents.documents.rowCount()
    with qtbot.waitSignal(view.act.launcher.opened, timeout=TIMEOUT_MS) as blocker:
        click()  # type: ignore[operator]
    dialog: DocumentDialog = blocker.args[0]
    qtbot.waitUntil(lambda: view.documents.documents.rowCount() == rows + 1, timeout=TIMEOUT_MS)
    settle(qtbot, view)
    return dialog


def test_course_summary_from_the_record_is_kept_listed_and_reopened(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    tab = view.documents
    assert tab.documents.rowCount() == 0 and not tab.empty.isHidden()
    assert tab.course.currentData() == seeded.course_id
    QAbstractItemModelTester(tab.documents, QAbstractItemModelTester.FailureReportingMode.Fatal)

    printed = _generated(qtbot, view, tab.summary_button.click)
    with db.read() as s:
        row = s.scalars(select(Document)).one()
        assert (row.kind, row.course_id, row.patient_id) == (
            "course_summary",
            seeded.course_id,
            seeded.patient_id,
        )
        assert row.actor == "practitioner" and row.pdf == printed.pdf
        stored, sha = row.pdf, row.sha256
    assert tab.documents.index(0, 0).data() == "Course summary"
    assert tab.documents.index(0, 6).data() == sha[:16] + "…"
    assert tab.empty.isHidden()

    tab.table.selectRow(0)
    assert tab.open_button.isEnabled()
    with qtbot.waitSignal(view.act.launcher.opened, timeout=TIMEOUT_MS) as blocker:
        tab.open_button.click()
    reopened: DocumentDialog = blocker.args[0]
    assert reopened.pdf == stored
    with qtbot.waitSignal(reopened.pages_shown, timeout=TIMEOUT_MS):
        pass
    assert count(db, Document) == 1  # reopening makes no new copy


def test_handout_in_the_chosen_language_and_forms_for_the_patient(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    tab = view.documents
    assert tab.language.currentData() == "en"  # the patient's handout language
    tab.set_language("ru")
    _generated(qtbot, view, tab.handout_button.click)
    _generated(qtbot, view, tab.consent_button.click)
    tab.blank.setChecked(True)
    _generated(qtbot, view, tab.screening_button.click)
    with db.read() as s:
        kept = [(d.kind, d.language, d.course_id) for d in s.scalars(select(Document))]
    assert kept == [
        ("handout", "ru", seeded.course_id),
        ("consent", "ru", None),
        ("screening", "ru", None),
    ]
    assert [tab.documents.index(r, 0).data() for r in range(3)] == [
        "Screening questionnaire",
        "Consent form",
        "Patient handout",
    ]


def test_course_summary_from_the_selected_course(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    courses = view.courses
    assert courses.selected_course() == seeded.course_id  # the latest course, selected
    assert courses.summary_button.isEnabled()
    _generated(qtbot, view, courses.summary_button.click)
    with db.read() as s:
        assert [(d.kind, d.course_id) for d in s.scalars(select(Document))] == [
            ("course_summary", seeded.course_id)
        ]
