"""Where the test session finds PostgreSQL's programs, and when it has none."""

from __future__ import annotations

from pathlib import Path

from tests.pg.cluster import find_bindir


def _programs(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("initdb", "pg_ctl"):
        (folder / name).write_text("#!/bin/sh\n", encoding="utf-8")
        (folder / name).chmod(0o755)
    return folder


def test_no_programs_anywhere_is_none(tmp_path: Path) -> None:
    assert find_bindir(tmp_path / "nothing", search_path=str(tmp_path)) is None


def test_the_newest_debian_version_wins(tmp_path: Path) -> None:
    _programs(tmp_path / "13" / "bin")
    newest = _programs(tmp_path / "16" / "bin")
    (tmp_path / "17" / "bin").mkdir(parents=True)  # a version without its server programs
    assert find_bindir(tmp_path, search_path="") == newest


def test_programs_on_the_path_are_found(tmp_path: Path) -> None:
    on_path = _programs(tmp_path / "bin")
    assert find_bindir(tmp_path / "nothing", search_path=str(on_path)) == on_path
