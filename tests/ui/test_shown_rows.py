"""The record's tables write a cell's text once, the first time it is shown, and fill the
sessions table once per record shown."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.ui.models import ROW_ROLE, Column
from cryolog.ui.record.shown_rows import ShownRowsModel
from tests.ui.record_setup import open_record, seed, settle


def test_a_cell_is_written_once_until_the_rows_are_replaced(qtbot: QtBot) -> None:
    written: list[int] = []

    def text(n: int) -> str:
        written.append(n)
        return f"row {n}"

    model: ShownRowsModel[int] = ShownRowsModel([Column("N", text, align_right=True)])
    model.set_rows([1, 2])
    first = model.index(0, 0)
    for _ in range(3):
        assert model.data(first) == "row 1"
    assert written == [1]
    for role in (1, 6, 8, 9, 10):  # decoration, font, background, foreground, check state
        assert model.data(first, role) is None
    assert model.data(first, 7) is not None  # right-aligned column
    assert model.data(first, ROW_ROLE) == 1 and written == [1]
    assert model.data(model.index(1, 0)) == "row 2" and model.formatted == 2
    model.set_rows([5])
    assert model.formatted == 0
    assert model.data(model.index(0, 0)) == "row 5" and written == [1, 2, 5]
    assert model.data(model.index(3, 0)) is None  # beyond the rows


def test_the_sessions_table_is_filled_once_per_record_shown(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    tab = view.courses
    fills: list[int] = []
    tab.sessions.modelReset.connect(lambda: fills.append(1))
    view.reload()
    settle(qtbot, view)
    assert fills == [1]
    assert [s.id for s in tab.sessions.rows] == [seeded.session_id]
    header = tab.session_table.horizontalHeader()
    assert header.sectionSize(0) > header.defaultSectionSize() // 2  # fitted to its text


def test_the_sessions_columns_are_fitted_as_qt_fits_them(qtbot: QtBot, db: Database) -> None:
    """Measured with the font's metrics, the columns come out as wide as Qt's own fit to the
    same rows makes them (the last one takes the room left)."""
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    for table in (view.courses.course_table, view.courses.session_table):
        header = table.horizontalHeader()
        ours = [header.sectionSize(i) for i in range(header.count() - 1)]
        header.setResizeContentsPrecision(25)
        table.resizeColumnsToContents()
        assert ours == [header.sectionSize(i) for i in range(header.count() - 1)]
