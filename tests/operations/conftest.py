"""A log file of the test's own, set up as the program sets it up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cryolog import logs


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "log"
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(folder))
    logs.shutdown_logging()
    logs.setup_logging()
    yield folder / logs.LOG_NAME
    logs.shutdown_logging()
