"""A record is read in two steps: first what the tab shown needs (the header, the alerts, the
record, and the history or the documents only when their tab is the one shown), painted, then
the rest; a reload asked between the two steps wins over the older read."""

from __future__ import annotations

from datetime import date
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import event

from cryolog.db.database import Database
from cryolog.domain.catalog import CONDITIONS
from cryolog.ui.record.record_view import ALL_PARTS, PatientRecordView, load
from cryolog.ui.tasks import TaskRunner
from tests.ui.record_setup import TIMEOUT_MS, Seeded, seed


def _view(qtbot: QtBot, seeded: Seeded, tab: str) -> PatientRecordView:
    titles = ["Details", "Screening & consent", "Cold tests", "Courses & sessions"]
    titles += ["Outcomes & events", "Documents", "History"]
    view = PatientRecordView(seeded.services, TaskRunner(), seeded.patient_id, titles.index(tab))
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    return view


def test_the_sessions_tab_is_shown_before_the_history_and_documents_are_read(
    qtbot: QtBot, db: Database
) -> None:
    seeded = seed(db)
    view = _view(qtbot, seeded, "Courses & sessions")
    with qtbot.waitSignal(view.tab_loaded, timeout=TIMEOUT_MS):
        pass
    first = view.data
    assert first is not None and first.history is None and first.documents is None
    assert [s.id for s in view.courses.sessions.rows] == [seeded.session_id]
    assert view.history.rowCount() == 0  # not read yet: nothing half-shown
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        pass
    full = view.data
    assert full is not None and full.history is not None and full.documents is not None
    assert full.record is first.record  # the rest joined the record shown, not a new one
    assert view.history.rowCount() == len(full.history.entries) > 0


def test_the_history_tab_has_its_page_in_the_first_read(qtbot: QtBot, db: Database) -> None:
    view = _view(qtbot, seed(db), "History")
    with qtbot.waitSignal(view.tab_loaded, timeout=TIMEOUT_MS):
        pass
    assert view.data is not None and view.data.history is not None
    assert view.data.documents is None
    assert view.history.rowCount() > 0
    assert "recorded the patient details" in view.history.data(
        view.history.index(view.history.rowCount() - 1, 1)
    )
    qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS).wait()


def test_a_reload_asked_before_the_rest_arrives_wins(qtbot: QtBot, db: Database) -> None:
    seeded = seed(db)
    view = _view(qtbot, seeded, "Courses & sessions")
    with qtbot.waitSignal(view.tab_loaded, timeout=TIMEOUT_MS):
        pass
    older = view.data
    assert older is not None
    seeded.services.pretreatment.record_screening(
        seeded.patient_id,
        {"screened_on": date.today(), "answers": dict.fromkeys(CONDITIONS, "no")},
    )
    view.reload()  # the rest of the older read is superseded on the same channel
    qtbot.waitUntil(
        lambda: view.data is not None and view.data.complete and not view.runner.is_busy(),
        timeout=TIMEOUT_MS,
    )
    newer = view.data
    assert newer is not None and newer.history is not None
    assert len(newer.record.screenings) == len(older.record.screenings) + 1
    assert newer.history.entries[0].entity == "screening"  # the history of the same moment
    assert view.history.row_at(0).id == newer.history.entries[0].id


def test_the_first_read_is_one_transaction_and_the_rest_is_another(db: Database) -> None:
    seeded = seed(db)
    begun: list[object] = []
    engine = db.engine

    def began(connection: object) -> None:
        begun.append(connection)

    event.listen(engine, "begin", began)
    try:
        first = load(seeded.services, seeded.patient_id, frozenset())
        assert len(begun) == 1
        load(seeded.services, seeded.patient_id, ALL_PARTS)
        assert len(begun) == 2
    finally:
        event.remove(engine, "begin", began)
    assert first.history is None and first.documents is None


def test_the_documents_tab_has_its_list_in_the_first_read_and_the_history_follows(
    qtbot: QtBot, db: Database
) -> None:
    view = _view(qtbot, seed(db), "Documents")
    with qtbot.waitSignal(view.tab_loaded, timeout=TIMEOUT_MS):
        pass
    assert view.data is not None and view.data.documents is not None
    assert view.data.history is None and view.history.rowCount() == 0
    assert view.documents.course.count() == 1  # the tab shown is filled from the first read
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        pass
    assert view.history.rowCount() > 0


def test_the_first_read_is_asked_before_the_tab_shown_is_built(qtbot: QtBot, db: Database) -> None:
    """The lane reads while the window builds the tab (it used to wait for the build)."""
    seeded = seed(db)
    built_when_asked: list[bool] = []

    class Recording(TaskRunner):
        def submit(self, channel: str, work: Any, on_done: Any, *args: Any, **kw: Any) -> int:
            owner = kw.get("owner")
            if isinstance(owner, PatientRecordView) and not built_when_asked:
                built_when_asked.append(owner.lazy.built("courses"))
            return super().submit(channel, work, on_done, *args, **kw)

    view = PatientRecordView(seeded.services, Recording(), seeded.patient_id, 3)
    qtbot.addWidget(view)
    assert built_when_asked == [False]
    assert view.lazy.built("courses")  # the tab shown, built in the constructor all the same
    with qtbot.waitSignal(view.tab_loaded, timeout=TIMEOUT_MS):
        view.show()
    assert [s.id for s in view.courses.sessions.rows] == [seeded.session_id]


def test_the_rest_is_read_once_the_tab_shown_is_painted(
    qtbot: QtBot, db: Database, monkeypatch: Any
) -> None:
    """Not on the window's next turn, which came before the tab's paint: the rest's read
    then ran while the tab shown was being painted."""
    from PySide6.QtCore import QEvent, QObject

    from cryolog.ui.record import record_view

    seeded = seed(db)
    order: list[str] = []
    real_rest = record_view.load_rest

    def rest(*args: Any) -> Any:
        order.append("rest read")
        return real_rest(*args)

    monkeypatch.setattr(record_view, "load_rest", rest)

    class Paints(QObject):
        def eventFilter(self, watched: QObject, e: QEvent) -> bool:  # noqa: N802
            if e.type() == QEvent.Type.Paint and not order:
                order.append("painted")
            return False

    view = _view(qtbot, seeded, "Courses & sessions")
    paints = Paints()
    view.tab_loaded.connect(
        lambda: view.courses.session_table.viewport().installEventFilter(paints)
    )
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        pass
    assert order[:2] == ["painted", "rest read"]
