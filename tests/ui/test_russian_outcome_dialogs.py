"""The course-close, outcome and crash dialogs in the Russian window: titles, buttons, choices."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.ui.record.course_close import CloseCourseDialog
from cryolog.ui.record.outcome_dialogs import (
    AdverseEventDialog,
    AssessmentDialog,
    ResolveEventDialog,
)
from tests.ui.record_setup import seed


def _items(combo: object) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]  # type: ignore[attr-defined]


def _buttons(dialog: object) -> set[str]:
    boxes = dialog.findChildren(QDialogButtonBox)  # type: ignore[attr-defined]
    return {b.text() for box in boxes for b in box.buttons()}


def test_the_outcome_dialogs_read_in_russian(qtbot: QtBot, db: Database, russian: None) -> None:
    seeded = seed(db)
    s = seeded.services
    record = s.records.patient_record(seeded.patient_id)
    course = next(c for c in record.courses if c.id == seeded.course_id)
    close = CloseCourseDialog(s, course)
    qtbot.addWidget(close)
    assert close.windowTitle().startswith("Закрыть курс «")
    assert _items(close.status) == ["Завершён (курс проведён по плану)", "Прекращён досрочно"]
    assert "Закрыть курс" in _buttons(close)

    event = AdverseEventDialog(s, seeded.patient_id, [])
    qtbot.addWidget(event)
    assert event.windowTitle() == "Записать нежелательное явление"
    assert _items(event.event_type)[0] == "Эритема (покраснение)"
    assert _items(event.severity) == ["Лёгкая", "Средняя", "Тяжёлая"]
    assert "Записать явление" in _buttons(event)

    score = AssessmentDialog(s, seeded.patient_id, [course])
    qtbot.addWidget(score)
    assert score.windowTitle() == "Записать оценку результата"
    assert "SALT (выпадение волос, %)" in _items(score.kind)

    recorded = s.outcomes.record_adverse_event(
        seeded.patient_id,
        {
            "event_type": "erythema",
            "severity": "mild",
            "onset_on": course.started_on,
            "session_id": None,
            "device_malfunction": False,
            "description": "",
        },
    )
    resolve = ResolveEventDialog(s, recorded)
    qtbot.addWidget(resolve)
    assert resolve.windowTitle().startswith("Эритема (покраснение) с ")
    assert "Отметить как прошедшее" in _buttons(resolve)


def test_the_crash_dialog_reads_in_russian(qtbot: QtBot, russian: None) -> None:
    from cryolog.ui.crash import CrashDialog

    dialog = CrashDialog("Traceback …", "/tmp/cryolog.log")
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("В cryolog произошла непредвиденная ошибка.")
    assert "Всё, что вы сохранили раньше" in dialog.summary.text()
