"""The window and its storage: odd files at start, recovery, backups, restore, warnings."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from cryolog.db.backends import SqliteFileBackend
from cryolog.db.backup import backup_folder, list_backups, make_backup
from cryolog.domain import locale as loc
from cryolog.ui import language, recovery_questions, restore_dialog
from cryolog.ui.app import DesktopApp
from cryolog.ui.restore_dialog import RestoreDialog
from tests.storage_mounts import fill, read_only_view, tmpfs
from tests.ui.storage_setup import background_done, desktop, make_db, started

__all__ = ["desktop"]


def _names(path: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return {r[0] for r in conn.execute("SELECT family_name FROM patient")}


class Answers:
    def __init__(self, answer: str) -> None:
        self.answer, self.asked = answer, []  # type: ignore[var-annotated]

    def __call__(self, *args: object) -> str:
        self.asked.append(args)
        return self.answer


def test_the_window_starts_read_only_on_a_full_disk(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "disk", "8m") as disk:
        path = make_db(disk / "practice.db")
        filler = fill(disk)
        try:
            started(qtbot, desktop, path)
            window = desktop.window
            assert window is not None and desktop.opened is not None
            assert desktop.opened.db.read_only
            qtbot.waitUntil(lambda: window.model.rowCount() == 3)  # the records can be read
            banner = desktop.banner
            assert banner is not None and banner.isVisible() and "is full" in banner.text()
            assert len(window.findChildren(QLabel, "readOnlyBanner")) == 1  # one banner
            assert desktop.backup_now_action is not None
            assert not desktop.backup_now_action.isEnabled()
            background_done(qtbot, desktop)
            assert not backup_folder(path).exists()  # nothing written on the full disk
            window.close()
            desktop.close()
        finally:
            filler.unlink()


def test_the_window_shows_a_read_only_file_with_its_banner(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    make_db(source / "practice.db")
    with read_only_view(source, tmp_path / "view") as view:
        started(qtbot, desktop, view / "practice.db")
        window = desktop.window
        banner = desktop.banner
        assert window is not None and banner is not None and banner.isVisible()
        assert "cannot be written" in banner.text()
        qtbot.waitUntil(lambda: window.model.rowCount() == 3)
        background_done(qtbot, desktop)
        window.close()
        desktop.close()


@pytest.mark.parametrize("answer", ["proceed", "quit"])
def test_an_empty_file_asks_before_it_is_set_up(
    qtbot: QtBot,
    desktop: DesktopApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
) -> None:
    path = tmp_path / "copy.db"
    path.touch()
    asked = Answers(answer)
    monkeypatch.setattr(recovery_questions, "ask_empty_file", asked)
    assert desktop.start(str(path)) is (answer == "proceed")
    (args,) = asked.asked
    assert "empty (0 bytes)" in str(args[0])
    if answer == "proceed":
        assert desktop.window is not None
        qtbot.addWidget(desktop.window)
        assert path.stat().st_size > 0 and _names(path) == set()
    else:
        assert path.stat().st_size == 0 and desktop.window is None


def test_the_empty_file_question_says_what_it_may_be(qtbot: QtBot) -> None:
    from cryolog.db.errors import DatabaseEmpty

    box = recovery_questions.empty_file_box(DatabaseEmpty("X is empty (0 bytes)."))
    qtbot.addWidget(box)
    assert "do not set it up" in box.informativeText()


def test_a_file_that_is_not_a_database_offers_the_newest_good_backup(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    backup = make_backup(SqliteFileBackend(path), backup_folder(path))
    path.write_bytes(b"overwritten by something else" * 500)
    asked = Answers("proceed")
    monkeypatch.setattr(recovery_questions, "ask_recover", asked)
    started(qtbot, desktop, path)
    (args,) = asked.asked
    assert args[1].path == backup.path
    assert _names(path) == {"Name0", "Name1", "Name2"}
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"overwritten")


def test_the_recovery_question_gives_the_date_and_what_is_lost(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from cryolog.db.errors import DatabaseCorrupt

    path = make_db(tmp_path / "practice.db")
    backup = make_backup(SqliteFileBackend(path), backup_folder(path))
    box = recovery_questions.recovery_box(DatabaseCorrupt("X is damaged."), backup)
    qtbot.addWidget(box)
    assert "today at" in box.text() and "3 patients" in box.text()
    assert "will be missing" in box.text() and "not deleted" in box.informativeText()


def _damage_last_page(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[-page:] = b"\xff" * page
    path.write_bytes(bytes(data))


def test_damage_found_after_start_offers_the_backup_and_reopens_it(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryolog.db.errors import DatabaseCorrupt

    path = make_db(tmp_path / "practice.db", patients=40)
    make_backup(SqliteFileBackend(path), backup_folder(path))
    asked = Answers("proceed")
    monkeypatch.setattr(recovery_questions, "ask_recover", asked)
    started(qtbot, desktop, path)
    first = desktop.window
    assert first is not None
    background_done(qtbot, desktop)
    assert asked.asked == []  # the file was sound at opening
    # the scan after start reports damage (a damaged page the check at opening does not read)
    _damage_last_page(path)
    desktop._integrity_failed(first, DatabaseCorrupt(f"{path.name} is damaged."))
    assert asked.asked
    qtbot.waitUntil(lambda: desktop.window is not first and desktop.window is not None)
    assert desktop.window is not None
    qtbot.addWidget(desktop.window)
    assert len(_names(path)) == 40
    assert any(".damaged-" in p.name for p in tmp_path.iterdir())
    assert desktop.message is not None and "damaged file is kept" in desktop.message.text()


def test_restore_from_the_menu_brings_back_the_backup(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_db(tmp_path / "practice.db")
    backup = make_backup(
        SqliteFileBackend(path), backup_folder(path), now=datetime.now(UTC) - timedelta(days=1)
    )
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE patient SET family_name = 'Later' WHERE id = 1")
        conn.commit()
    started(qtbot, desktop, path)
    background_done(qtbot, desktop)
    monkeypatch.setattr(restore_dialog, "confirm_restore", lambda _parent, _entry: True)
    first = desktop.window
    assert desktop.restore_action is not None
    desktop.restore_action.trigger()
    qtbot.waitUntil(lambda: isinstance(desktop.dialog, RestoreDialog))
    dialog = desktop.dialog
    assert isinstance(dialog, RestoreDialog)
    paths = [entry.backup.path for entry in dialog.entries]
    assert backup.path in paths
    dialog.table.selectRow(paths.index(backup.path))
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: desktop.window is not first and desktop.window is not None)
    assert desktop.window is not None
    qtbot.addWidget(desktop.window)
    assert _names(path) == {"Name0", "Name1", "Name2"}
    kept = list((tmp_path / "backups" / "pre-restore").glob("*.db"))
    assert len(kept) == 1 and "Later" in _names(kept[0])
    assert desktop.message is not None and "replaced file is kept" in desktop.message.text()


def test_the_restore_dialog_lists_what_each_backup_holds_and_what_is_lost(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from cryolog.services.backups import BackupService

    path = make_db(tmp_path / "practice.db")
    backend = SqliteFileBackend(path)
    service = BackupService(backend)
    service.back_up("manual", force=True)
    make_db(path, patients=2)  # two more patients since the backup
    dialog = RestoreDialog(service.entries(service.facts()))
    qtbot.addWidget(dialog)
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert row[1] == "made by hand" and row[3] == "3" and row[4] == "0"
    assert row[5].startswith("2 patients")
    assert "2 patients" in restore_dialog.confirmation_text(dialog.entries[0])


def test_the_status_bar_shows_the_last_backup_made_at_start(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    path = make_db(tmp_path / "practice.db")
    started(qtbot, desktop, path)
    label = desktop.keeper.label if desktop.keeper else None
    assert label is not None
    qtbot.waitUntil(lambda: label.text().startswith("Last backup: today at"), timeout=20_000)
    assert len(list_backups([backup_folder(path)], path.name)) == 1


def test_the_status_bar_warns_after_a_week_without_a_backup(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    path = make_db(tmp_path / "practice.db")
    make_backup(
        SqliteFileBackend(path), backup_folder(path), now=datetime.now(UTC) - timedelta(days=10)
    )
    started(qtbot, desktop, path)  # nothing changed since: no new backup at start
    label = desktop.keeper.label if desktop.keeper else None
    assert label is not None
    qtbot.waitUntil(lambda: label.text().startswith("No backup for 10 days"), timeout=20_000)
    assert "b00020" in label.styleSheet()
    assert desktop.backup_now_action is not None
    desktop.backup_now_action.trigger()  # File › Back up now
    qtbot.waitUntil(lambda: label.text().startswith("Last backup: today"), timeout=20_000)
    assert len(list_backups([backup_folder(path)], path.name)) == 2


def test_a_database_in_a_sync_folder_gets_the_warning(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    path = make_db(tmp_path / "Dropbox" / "practice.db")
    started(qtbot, desktop, path)
    qtbot.waitUntil(lambda: isinstance(desktop.message, QMessageBox), timeout=20_000)
    assert desktop.message is not None
    assert desktop.message.objectName() == "placementWarning"
    assert "Dropbox" in desktop.message.text() and "own disk" in desktop.message.text()


def test_quitting_makes_a_last_backup_when_something_changed(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    path = make_db(tmp_path / "practice.db")
    started(qtbot, desktop, path)
    background_done(qtbot, desktop)
    qtbot.waitUntil(lambda: len(list_backups([backup_folder(path)], path.name)) == 1)
    make_db(path, patients=1)  # a change after the start backup
    assert desktop.window is not None
    desktop.window.close()
    desktop.back_up_on_quit()
    backups = list_backups([backup_folder(path)], path.name)
    assert len(backups) == 2 and backups[0].manifest.patients == 4
    desktop.back_up_on_quit()  # nothing changed since: no other backup
    assert len(list_backups([backup_folder(path)], path.name)) == 2


def test_backup_settings_are_kept_and_a_bad_second_folder_is_refused(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    from cryolog.ui.backup_settings import load_backup_settings

    path = make_db(tmp_path / "practice.db")
    started(qtbot, desktop, path)
    assert desktop.window is not None
    dialog = desktop.show_backup_settings(desktop.window)
    dialog.second.setText(str(tmp_path / "not-there"))
    dialog.save()
    assert "cannot be reached" in dialog.error.text() and dialog.isVisible()
    drive = tmp_path / "drive"
    drive.mkdir()
    dialog.second.setText(str(drive))
    dialog.daily.setValue(10)
    dialog.save()
    assert not dialog.isVisible()
    saved = load_backup_settings(desktop.settings)
    assert saved.second_folder == drive and saved.policy.daily == 10
    assert desktop.keeper is not None and desktop.keeper.service.settings == saved


def test_a_burst_of_changes_is_backed_up_without_waiting_a_day(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    path = make_db(tmp_path / "practice.db")
    started(qtbot, desktop, path)
    qtbot.waitUntil(lambda: len(list_backups([backup_folder(path)], path.name)) == 1)
    keeper = desktop.keeper
    assert keeper is not None and keeper.timer.isActive()
    make_db(path, patients=2)  # a few changes: not yet a burst
    keeper.timer.timeout.emit()  # what the timer does every few minutes
    background_done(qtbot, desktop)
    assert len(list_backups([backup_folder(path)], path.name)) == 1
    make_db(path, patients=keeper.service.settings.burst)
    keeper.timer.timeout.emit()
    qtbot.waitUntil(lambda: len(list_backups([backup_folder(path)], path.name)) == 2)


def test_in_russian_the_backup_actions_join_the_file_menu_and_the_status_speaks_russian(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path, qapp: QApplication
) -> None:
    translators = language.apply_language(qapp, "ru")
    try:
        path = make_db(tmp_path / "practice.db")
        started(qtbot, desktop, path)
        window = desktop.window
        assert window is not None and desktop.backup_now_action is not None
        titles = [a.text() for a in window.menuBar().actions()]
        assert len(titles) == len(set(titles)), titles  # no second menu for the backups
        assert desktop.backup_now_action in window.file_menu.actions()
        label = desktop.keeper.label if desktop.keeper else None
        assert label is not None
        qtbot.waitUntil(
            lambda: label.text().startswith("Последняя резервная копия: сегодня в"),
            timeout=20_000,
        )
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        loc.use_language(None)


def test_a_problem_found_after_start_asks_without_holding_the_window(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    from cryolog.db.errors import DatabaseProblem

    path = make_db(tmp_path / "practice.db")
    started(qtbot, desktop, path)
    window = desktop.window
    assert window is not None
    background_done(qtbot, desktop)
    # as the scan after start reports a problem it found (the background lane's failure path)
    desktop._integrity_failed(window, DatabaseProblem("X cannot be used."))
    box = desktop.message
    assert isinstance(box, QMessageBox) and box.objectName() == "databaseProblem"
    # the call returned with the question open: no nested wait on this thread
    assert box.isVisible() and box.isModal() and window.isVisible()
    close = box.button(QMessageBox.StandardButton.Close)
    assert close is not None
    close.click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_damage_found_after_the_window_closed_asks_nothing(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    from cryolog.db.errors import DatabaseCorrupt

    path = make_db(tmp_path / "practice.db")
    started(qtbot, desktop, path)
    window = desktop.window
    assert window is not None
    background_done(qtbot, desktop)
    window.close()
    desktop.message = None
    desktop._integrity_failed(window, DatabaseCorrupt("X is damaged."))
    assert desktop.message is None
