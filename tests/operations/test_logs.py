"""The log file: where it is, private, rotating, scrubbed, and never a reason to fail."""

from __future__ import annotations

import logging
import stat
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from cryolog import logs
from cryolog.db.database import Database

log = logging.getLogger("cryolog.test")


def test_log_lives_in_the_log_folder_privately(log_file: Path) -> None:
    assert not log_file.exists()  # nothing logged, nothing made
    log.info("opened the database")
    logs.flush()
    assert "INFO     cryolog.test [MainThread] opened the database" in log_file.read_text()
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700
    assert logs.where_logged() == str(log_file)


def test_default_folder_is_the_platforms_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_log_path

    monkeypatch.delenv(logs.LOG_DIR_ENV)
    assert logs.log_file() == user_log_path("cryolog", appauthor=False) / "cryolog.log"


def test_records_are_scrubbed_messages_arguments_and_tracebacks(log_file: Path) -> None:
    family, given = "Иванова", "Мария"
    log.warning("could not save %s", f"/srv/{family} {given}.pdf")
    try:
        int(given)
    except ValueError:
        log.exception("saving failed for '%s'", family)
    logs.flush()
    content = log_file.read_text()
    assert "Иванова" not in content and "Мария" not in content
    assert "could not save <path>" in content
    assert "Traceback (most recent call last)" in content
    assert "ValueError: invalid literal for int() with base 10: '…'" in content


def test_the_log_rotates_at_its_size_limit(log_file: Path) -> None:
    line = "x" * 1000
    for _ in range(logs.MAX_BYTES // 1000 + 50):
        log.info(line)
    logs.flush()
    rotated = log_file.with_name(log_file.name + ".1")
    assert rotated.exists() and rotated.stat().st_size <= logs.MAX_BYTES + 2000
    assert stat.S_IMODE(rotated.stat().st_mode) == 0o600
    handler = logs.active_handler()
    assert handler is not None and handler.backupCount == logs.BACKUPS


def test_a_runaway_record_is_cut_to_its_end(log_file: Path) -> None:
    log.error("%s", "a" * 5_000_000 + " the end")
    logs.flush()
    content = log_file.read_text()
    assert len(content) < logs.MAX_RECORD_CHARS + 500
    assert "characters left out" in content and content.rstrip().endswith("the end")


def test_an_unwritable_log_is_given_up_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(blocker / "log"))
    logs.shutdown_logging()
    try:
        logs.setup_logging()
        log.error("first")
        log.error("second")
        logs.flush()
        err = capsys.readouterr().err
        assert err.count("cryolog: cannot write the log") == 1
        assert "Traceback" not in err
        assert logs.where_logged().startswith("cannot write the log")
    finally:
        logs.shutdown_logging()


def test_the_calling_thread_only_queues_records(log_file: Path) -> None:
    """The window's thread never waits on the disk: the file is written by the log's thread."""
    writers: list[str] = []
    handler = logs.active_handler()
    assert handler is not None
    original = handler.emit

    def emit(record: logging.LogRecord) -> None:
        writers.append(threading.current_thread().name)
        original(record)

    handler.emit = emit  # type: ignore[method-assign]
    log.info("from the window's thread")
    logs.flush()
    assert writers and threading.current_thread().name not in writers
    assert "from the window's thread" in log_file.read_text()


def test_sql_parameters_are_hidden_by_the_engine(db: Database) -> None:
    with pytest.raises(IntegrityError) as caught, db.write() as s:
        s.execute(
            text("INSERT INTO patient (family_name, given_name, birth_date) VALUES (:f, :g, :b)"),
            {"f": "Иванова", "g": None, "b": "1985-03-14"},
        )
    message = str(caught.value)
    assert "INSERT INTO patient" in message
    assert "Иванова" not in message and "1985-03-14" not in message
    assert "parameters hidden" in message
