"""A restore SIGKILLed after each of its steps, in turn: the next open completes or undoes it,
and the file and its anchor agree (``verify`` exits 0, no false tamper alarm).

The backup restored is the newest one, after an older one was restored and more was
written: its chain head names an entry id that the current file holds with other content,
so an anchor naming it beside the current file (or the current anchor beside the restored
copy) would read as a trail cut and written again.
"""

from __future__ import annotations

import logging
import shutil
from datetime import date
from pathlib import Path

import pytest

from cryolog.db.audit_anchor import read_anchor
from cryolog.db.backends import SqliteFileBackend
from cryolog.db.chain_head import ChainHead
from cryolog.db.database import open_database
from cryolog.db.restore import RESTORE_STEPS
from cryolog.db.restore_intent import intent_path
from cryolog.services import Services
from cryolog.services.backups import BackupService
from cryolog.services.restore import restore_backup
from cryolog.services.verify import verify_file
from tests.crash.harness import check_backups, check_file, kill_restore_at

NAME = "kept.db"


def _register(path: Path, names: list[str]) -> None:
    db = open_database(path)
    try:
        services = Services.open(db, "steps")
        for name in names:
            services.patients.register({"family_name": name, "birth_date": date(1970, 1, 2)})
    finally:
        db.dispose()


def _back_up(path: Path) -> tuple[Path, ChainHead]:
    made = BackupService(SqliteFileBackend(path)).back_up(force=True)
    assert made.backup is not None and made.backup.manifest.facts.head is not None
    return made.backup.path, made.backup.manifest.facts.head


def _head(path: Path) -> ChainHead:
    db = open_database(path, verify=False)
    try:
        row = db.rows(
            "SELECT id, entry_hash FROM audit_log WHERE entry_hash IS NOT NULL"
            " ORDER BY id DESC LIMIT 1",
            {},
        )[0]
    finally:
        db.dispose()
    return ChainHead(int(row[0]), bytes(row[1]).hex())


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, ChainHead, ChainHead]:
    """A folder with the file, its anchor and backups, and the newest backup (not in the
    file's chain any more): (folder, backup's path relative to it, backup's head, file's head)."""
    folder = tmp_path_factory.mktemp("scene")
    path = folder / NAME
    _register(path, ["First"])
    older, _ = _back_up(path)
    _register(path, ["Second", "Third"])
    newest, newest_head = _back_up(path)
    restore_backup(SqliteFileBackend(path), older, holding=None)
    _register(path, ["Other-1", "Other-2", "Other-3"])
    current = _head(path)
    # the newest backup's head entry id is in the file, written again with other content
    assert current.id > newest_head.id and current != newest_head
    assert verify_file(path).exit_status == 0
    return folder, newest.relative_to(folder), newest_head, current


def _copy(scene_folder: Path, into: Path) -> Path:
    shutil.copytree(scene_folder, into)
    return into / NAME


def _anchored(path: Path) -> ChainHead:
    anchor = read_anchor(path)
    assert anchor is not None
    return ChainHead(anchor.head.entry_id, anchor.head.entry_hash.hex())


def test_an_uninterrupted_restore_passes_every_step_in_order(
    scene: tuple[Path, Path, ChainHead, ChainHead],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder, backup, newest_head, _current = scene
    path = _copy(folder, tmp_path / "whole")
    steps: list[str] = []
    with caplog.at_level(logging.INFO, logger="cryolog.services.restore"):
        outcome = restore_backup(
            SqliteFileBackend(path), path.parent / backup, holding=None, reached=steps.append
        )
    assert tuple(steps) == RESTORE_STEPS and outcome.warnings == ()
    assert f"restored {path} from {path.parent / backup} (chain head {newest_head.id})" in (
        caplog.text
    )
    assert not intent_path(path).exists()
    assert _anchored(path) == newest_head == _head(path)
    check_file(path, {})


@pytest.mark.parametrize("step", RESTORE_STEPS)
def test_a_restore_killed_after_each_step_is_completed_or_undone_at_the_next_open(
    scene: tuple[Path, Path, ChainHead, ChainHead],
    tmp_path: Path,
    step: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder, backup, newest_head, current = scene
    path = _copy(folder, tmp_path / "killed")
    assert kill_restore_at(path, path.parent / backup, step), f"not killed after {step!r}"
    noted = RESTORE_STEPS.index("note written") <= RESTORE_STEPS.index(step)
    left = noted and step != "note removed"  # killed while the note was beside the file
    assert intent_path(path).exists() == left
    swapped = RESTORE_STEPS.index(step) >= RESTORE_STEPS.index("swapped")
    assert check_backups(path) >= 3  # and the killed restore's temporaries are cleaned up
    check_file(path, {})  # opens (settling the restore), SQLite's checks, verify exits 0
    assert not intent_path(path).exists()
    settled = "completed" if swapped else "undone"
    said = f"a restore of {path} from {path.parent / backup} was interrupted: {settled}"
    assert (said in caplog.text) == left
    expected = newest_head if swapped else current
    assert _head(path) == expected == _anchored(path)
    report = verify_file(path)
    assert report.breaks == [] and report.exit_status == 0
    _register(path, ["After the kill"])  # an ordinary file again: the anchor moves on
    assert _anchored(path) == _head(path) != expected
    assert verify_file(path).exit_status == 0


def test_a_restore_killed_after_its_note_and_restored_again_ends_with_the_backup(
    scene: tuple[Path, Path, ChainHead, ChainHead], tmp_path: Path
) -> None:
    """The next restore settles the cut-off one first (its anchor put back as it was)."""
    folder, backup, newest_head, _current = scene
    path = _copy(folder, tmp_path / "again")
    assert kill_restore_at(path, path.parent / backup, "copy written")
    outcome = restore_backup(SqliteFileBackend(path), path.parent / backup, holding=None)
    assert outcome.warnings == () and not intent_path(path).exists()
    assert _anchored(path) == newest_head == _head(path)
    check_file(path, {})


def test_a_restore_that_fails_before_the_swap_leaves_no_note_and_the_anchor_as_it_was(
    scene: tuple[Path, Path, ChainHead, ChainHead], tmp_path: Path
) -> None:
    folder, backup, _newest_head, current = scene
    path = _copy(folder, tmp_path / "failed")
    before = (path.parent / f"{NAME}.anchor").read_bytes()

    def fail(step: str) -> None:
        if step == "old file kept":
            raise OSError("the disk went away")

    with pytest.raises(OSError, match="went away"):
        restore_backup(SqliteFileBackend(path), path.parent / backup, holding=None, reached=fail)
    assert not intent_path(path).exists()
    assert (path.parent / f"{NAME}.anchor").read_bytes() == before
    assert _head(path) == current
    check_file(path, {})


def test_verify_before_the_next_open_says_that_a_restore_was_cut_off(
    scene: tuple[Path, Path, ChainHead, ChainHead],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``verify`` only reads: between the swap and the anchor the pair disagrees and it says
    so (the check is not relaxed), naming the cut-off restore; after an open, all agrees."""
    from cryolog.cli import main

    folder, backup, _newest_head, _current = scene
    path = _copy(folder, tmp_path / "verify")
    assert kill_restore_at(path, path.parent / backup, "swapped")
    assert main(["verify", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "anchor: names entry" in out and "cut-off tail" in out
    note = f"A restore of this file was cut off before it finished (its note {NAME}.restoring"
    assert note in out
    open_database(path).dispose()
    assert main(["verify", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Everything verifies" in out and "restore" not in out


def test_the_window_opening_a_file_whose_restore_was_cut_off_settles_it(
    scene: tuple[Path, Path, ChainHead, ChainHead], tmp_path: Path
) -> None:
    """The window's open (its lock, its anchor lane) goes through the same settling."""
    from cryolog.ui.recovery_open import open_for_window

    folder, backup, newest_head, _current = scene
    path = _copy(folder, tmp_path / "window")
    assert kill_restore_at(path, path.parent / backup, "swapped")
    opened = open_for_window(str(path))
    try:
        assert not intent_path(path).exists()
        assert _anchored(path) == newest_head
    finally:
        opened.close()
    assert _head(path) == newest_head
    check_file(path, {})


@pytest.fixture(scope="module")
def older(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, ChainHead]:
    """A file, an older backup of its own chain and more written since: (folder, backup's
    path relative to it, backup's head)."""
    folder = tmp_path_factory.mktemp("older")
    path = folder / NAME
    _register(path, ["First"])
    made, head = _back_up(path)
    _register(path, ["Second", "Third"])
    return folder, made.relative_to(folder), head


@pytest.mark.parametrize("step", RESTORE_STEPS)
def test_an_older_backup_of_the_same_chain_verifies_after_a_kill_at_any_step_even_unopened(
    older: tuple[Path, Path, ChainHead], tmp_path: Path, step: str
) -> None:
    """Its head is an entry of the current file too: anchored before the swap, it agrees
    with either file, so even ``verify`` before the next open finds no break."""
    folder, backup, head = older
    path = _copy(folder, tmp_path / "older")
    assert kill_restore_at(path, path.parent / backup, step), f"not killed after {step!r}"
    report = verify_file(path)
    assert report.breaks == [] and report.exit_status == 0
    check_file(path, {})
    swapped = RESTORE_STEPS.index(step) >= RESTORE_STEPS.index("swapped")
    assert (_head(path) == head) == swapped
    assert _anchored(path) == _head(path)
