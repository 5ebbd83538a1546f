"""The routine chamber session of a returning patient, as docs/click-count.md counts it:
every click and key press from the window open to the session signed, with real mouse
and key events. If the count grows, this test fails."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import AuditEntry, TreatmentSession
from cryolog.services import Services
from cryolog.ui.main_window import MainWindow
from tests.ui.conftest import FakeClock
from tests.ui.record_setup import returning_patient

MOST = 20
COUNTED = 19  # docs/click-count.md


class Hands:
    """Real mouse and key events, each counted ("128" is three key presses)."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def click(self, widget: QWidget) -> None:
        """A click where a practitioner clicks: a check box on its box, a button anywhere."""
        assert widget.isVisible() and widget.isEnabled(), widget
        at = (
            QPoint(8, widget.height() // 2)
            if isinstance(widget, QCheckBox)
            else widget.rect().center()
        )
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)
        self.count += 1

    def type(self, widget: QWidget, text: str) -> None:
        self.qtbot.keyClicks(widget, text)
        self.count += len(text)

    def key(self, widget: QWidget, key: Qt.Key) -> None:
        self.qtbot.keyClick(widget, key)
        self.count += 1


def test_a_routine_returning_patient_session_takes_at_most_twenty_actions(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    pid = returning_patient(db)
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    hands = Hands(qtbot)

    # find the patient by a few letters and open her
    hands.click(window.patients.search)
    hands.type(window.patients.search, "nov")
    qtbot.waitUntil(lambda: window.model.query[0] == "nov" and window.model.rowCount() == 1)
    hands.key(window.patients.search, Qt.Key.Key_Return)
    view = window.records[pid]
    qtbot.waitUntil(lambda: view.data is not None and not view.runner.is_busy())

    # start the session: pre-filled from the last one, stored as a draft
    hands.click(view.session_host.start_button)
    panel = view.session_panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.presenter.dto is not None)

    # blood pressure before: the cursor is already in the systolic field
    bp = panel.form.bp_pre
    assert bp[0].hasFocus()
    hands.type(bp[0], "128")
    hands.key(bp[0], Qt.Key.Key_Tab)
    assert bp[1].hasFocus()
    hands.type(bp[1], "82")

    # the checklist
    for item in ("dry_skin", "no_lotion", "no_metal", "protective_gear"):
        hands.click(panel.form.checks[item])

    # start the timer; it rings at the planned end; stop; sign
    qtbot.waitUntil(lambda: panel.start_button.isEnabled())
    hands.click(panel.start_button)
    qtbot.waitUntil(lambda: panel.timer.running and panel.stop_button.isVisible())
    clock.advance(120)
    panel.timer.tick()
    assert panel.alarm_strip.isVisible()
    hands.click(panel.stop_button)
    qtbot.waitUntil(lambda: panel.sign_button.isVisible() and panel.sign_button.isEnabled())
    with qtbot.waitSignal(panel.finished):
        hands.click(panel.sign_button)

    assert hands.count == COUNTED <= MOST
    with db.read() as s:
        row = s.scalars(
            select(TreatmentSession)
            .where(TreatmentSession.state == "signed")
            .order_by(TreatmentSession.id.desc())
        ).first()
        assert row is not None and row.patient_id == pid
        assert (row.bp_pre_sys, row.bp_pre_dia, row.duration_s, row.actual_exposure_s) == (
            128,
            82,
            120,
            120,
        )
        assert (row.device, row.set_temp_c, row.measured_temp_c) == ("Cabin 1", -110.0, None)
        assert all((row.chk_dry_skin, row.chk_no_lotion, row.chk_no_metal, row.chk_protective_gear))
        assert row.signed_at is not None and row.running_at == row.started_at
        reasons = s.scalars(select(AuditEntry.reason).where(AuditEntry.entity_id == row.id)).all()
        assert reasons and all(r is None for r in reasons)
