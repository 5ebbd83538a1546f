"""The session form shows only what the modality needs, in two columns with no empty one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QGroupBox
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.domain.catalog import ModalityGroup
from cryolog.ui.session_panel import SessionPanel
from tests.ui.record_setup import open_record, seed, start_panel

MODALITIES = {
    ModalityGroup.GENERAL: "wbc_chamber",
    ModalityGroup.LOCAL_EXTREME: "ln2_applicator",
    ModalityGroup.LOCAL_MODERATE: "cold_pack",
}


@pytest.fixture
def dialog(qtbot: QtBot, db: Database) -> SessionPanel:
    view = open_record(qtbot, seed(db))
    return start_panel(qtbot, view)


@pytest.mark.parametrize("group", list(MODALITIES))
def test_each_group_fills_both_columns(dialog: SessionPanel, group: ModalityGroup) -> None:
    f = dialog.form
    f.modality.setCurrentIndex(f.modality.findData(MODALITIES[group]))
    assert f.group is group
    left, right = f.columns(group)
    assert left and right
    for column, boxes in ((f.left, left), (f.right, right)):
        placed = [column.itemAt(i).widget() for i in range(column.count())]
        assert [w for w in placed if w is not None] == boxes
        assert all(box.isVisibleTo(dialog) for box in boxes)
    shown = {box for box in f.findChildren(QGroupBox) if box.isVisibleTo(dialog)}
    assert shown == set(left) | set(right)
    # a hidden box never becomes a window of its own
    assert not any(isinstance(w, QGroupBox) for w in QApplication.topLevelWidgets())


def test_fields_of_a_box_shown_later_are_checked_live(qtbot: QtBot, dialog: SessionPanel) -> None:
    f = dialog.form
    assert f.group is not ModalityGroup.GENERAL  # the acne course starts local
    f.modality.setCurrentIndex(f.modality.findData("wbc_chamber"))
    f.duration.edit.setText("3:00")
    f.set_temp.value.setText("-110")
    f.measured_temp.value.setText("-105")
    f.hr_pre.setText("400")
    assert not dialog.start_button.isEnabled()
    assert "30 … 220" in f.errors.messages("hr_pre")
    f.hr_pre.setText("72")
    assert f.errors.messages("hr_pre") == ""


def test_course_protocol_limits_the_modalities(dialog: SessionPanel) -> None:
    form = dialog.form
    model = form.modality.model()

    def enabled() -> set[str]:
        return {
            form.modality.itemData(row)
            for row in range(form.modality.count())
            if model.item(row).isEnabled()  # type: ignore[attr-defined]
        }

    course_row = next(
        row for row in range(form.course.count()) if form.course.itemData(row) is not None
    )
    form.course.setCurrentIndex(course_row)
    assert enabled() == {"ln2_applicator"}  # the seeded course is an acne course
    assert form.modality.currentData() == "ln2_applicator"
    form.course.setCurrentIndex(form.course.findData(None))  # a session outside any course
    assert len(enabled()) == form.modality.count()


def test_durations_are_typed_in_minutes_and_seconds(qtbot: QtBot, dialog: SessionPanel) -> None:
    f = dialog.form
    for typed, seconds, shown in (
        ("2:30", 150, "= 2 min 30 s"),
        ("2 min", 120, "= 2 min"),
        ("150 s", 150, "= 2 min 30 s"),
        ("2 мин", 120, "= 2 min"),
        ("45", 45, "= 45 s"),
    ):
        f.duration.edit.setText(typed)
        assert f.duration.value() == seconds and f.duration.read_as.text() == shown
        assert f.errors.messages("duration_s") == ""
    f.duration.edit.setText("2:3x")
    assert "is not a duration" in f.errors.messages("duration_s")
    assert "2:30, 2 min" in f.errors.messages("duration_s")
    assert not dialog.start_button.isEnabled()
