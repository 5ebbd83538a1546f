"""Two processes writing the same file at once: their entries queue on the write lock and
the chain stays one chain (no id taken twice, no entry chained to a stale head)."""

from __future__ import annotations

from pathlib import Path

from cryolog.db.database import open_database
from cryolog.services.verify import verify_file
from tests.crash.harness import WRITERS
from tests.crash.writer import register_many


def test_two_writers_at_once_keep_one_chain(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    open_database(path).dispose()
    writers = [WRITERS.Process(target=register_many, args=(str(path), 40, tag)) for tag in "AB"]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
        assert process.exitcode == 0
    report = verify_file(path)
    assert report.breaks == [] and report.exit_status == 0
    assert report.entries == 1 + 80 and report.records >= 80
