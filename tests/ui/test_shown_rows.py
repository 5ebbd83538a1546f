"""The record's tables write a cell's text once, the first time it is shown, and fill the
sessions table once per record shown."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.domain.catalog import MODALITIES
from cryolog.ui.models import ROW_ROLE, Column
from cryolog.ui.record.courses_tab import FIT_ROWS, SESSION_COLUMNS
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


def test_the_modality_column_fits_an_older_rows_longer_name(qtbot: QtBot, db: Database) -> None:
    """The first rows use a short modality name, an older row "Liquid-nitrogen applicator":
    the Modality (and State) columns are fitted to every row's text, not only the first
    rows', and the text is fully readable in the default window."""
    seeded = seed(db)
    view = open_record(qtbot, seeded)
    view.resize(1280, 760)  # the main window's default size
    tab = view.courses
    (signed,) = tab.sessions.rows
    newest = [replace(signed, id=signed.id + n, modality="ice_massage") for n in range(1, 41)]
    older = replace(signed, id=signed.id + 100, modality="ln2_applicator", state="draft")
    tab.sessions.set_rows([*newest, older])
    qtbot.wait(10)
    assert tab.sessions.formatted <= FIT_ROWS * len(SESSION_COLUMNS) + 2 * len(SESSION_COLUMNS)
    table = tab.session_table
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for column, text in ((1, MODALITIES["ln2_applicator"].label), (5, "draft")):
        shown = tab.sessions.data(tab.sessions.index(len(newest), column))
        assert text.lower() in shown.lower()
        assert header.sectionSize(column) >= metrics.horizontalAdvance(shown) + 4
    table.scrollToBottom()
    last = tab.sessions.index(len(newest), 1)
    cell = table.visualRect(last)
    assert cell.width() >= metrics.horizontalAdvance(MODALITIES["ln2_applicator"].label)
    assert cell.right() <= table.viewport().width()  # in view at the default size
