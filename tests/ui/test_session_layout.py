"""The session form shows only what the modality needs, in two columns with no empty one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QGroupBox
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.domain.catalog import ModalityGroup
from cryolog.ui.session_dialog import SessionDialog
from tests.ui.record_setup import open_record, seed

MODALITIES = {
    ModalityGroup.GENERAL: "wbc_chamber",
    ModalityGroup.LOCAL_EXTREME: "ln2_applicator",
    ModalityGroup.LOCAL_MODERATE: "cold_pack",
}


@pytest.fixture
def dialog(qtbot: QtBot, db: Database) -> SessionDialog:
    view = open_record(qtbot, seed(db))
    opened = view.new_session(None)
    assert opened is not None
    qtbot.waitUntil(lambda: not view.runner.is_busy())
    return opened


@pytest.mark.parametrize("group", list(MODALITIES))
def test_each_group_fills_both_columns(dialog: SessionDialog, group: ModalityGroup) -> None:
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


def test_fields_of_a_box_shown_later_are_checked_live(qtbot: QtBot, dialog: SessionDialog) -> None:
    f = dialog.form
    assert f.group is not ModalityGroup.GENERAL  # the acne course starts local
    f.modality.setCurrentIndex(f.modality.findData("wbc_chamber"))
    f.duration.setText("180")
    f.set_temp.value.setText("-110")
    f.measured_temp.value.setText("-105")
    f.hr_pre.setText("400")
    assert not dialog.save_button.isEnabled()
    assert "30 … 220" in f.errors.messages("hr_pre")
    f.hr_pre.setText("72")
    assert f.errors.messages("hr_pre") == ""


def test_course_protocol_limits_the_modalities(dialog: SessionDialog) -> None:
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
