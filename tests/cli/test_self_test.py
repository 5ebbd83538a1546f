"""``cryolog self-test`` from the development install; what a failed check looks like.
(CI runs the same command inside the built folder: `make package-check`.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cryolog.cli import self_checks, self_test
from cryolog.cli.self_checks import CheckFailed, Workspace
from cryolog.reports.resources import ResourceMissing, resource_dir
from cryolog.ui import self_check

NAMES = [name for name, _ in self_test.all_checks()]


def test_self_test_passes_from_another_folder_with_a_bare_environment(tmp_path: Path) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "")}
    done = subprocess.run(
        [sys.executable, "-m", "cryolog", "self-test"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0].split(maxsplit=1)[1] for line in lines[:-1]] == NAMES
    assert all(line.startswith("ok") for line in lines[:-1])
    assert lines[-1].startswith(f"self-test passed: {len(NAMES)} checks")
    assert "Traceback" not in done.stderr
    assert list(elsewhere.iterdir()) == []  # nothing left in the working folder
    assert {"demo database", "documents", "window", "translations", "qt"} <= set(NAMES)


def test_a_failed_check_is_one_line_and_the_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_ws: Workspace) -> str:
        raise OSError(28, "No space left on device")

    def fine(_ws: Workspace) -> str:
        return "all good"

    status = self_test.run_checks([("first", broken), ("second", fine)], tmp_path)
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert out[:2] == [
        "FAIL  first: OSError: [Errno 28] No space left on device",
        "ok    second: all good",
    ]
    assert len(out) == 3 and out[2].startswith("self-test failed: 1 of 2 checks")
    assert list(tmp_path.iterdir()) == []  # the workspace is removed


def test_checks_that_need_the_demo_database_say_so(tmp_path: Path) -> None:
    with pytest.raises(CheckFailed, match="needs the demo database"):
        self_checks.check_documents(Workspace(tmp_path))


def test_an_unwritable_temporary_folder_fails_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert self_test.run_checks([], blocker) == 1
    assert capsys.readouterr().out.startswith("FAIL  workspace: cannot make a temporary folder")


def test_translations_check_fails_when_the_folder_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cryolog.ui.translations as translations

    assert "2 translations loaded: en, ru" in self_check.check_translations(Workspace(tmp_path))
    (tmp_path / "fonts").mkdir()  # a resources folder without translations/
    monkeypatch.setattr(translations, "resource_dir", lambda: tmp_path)
    with pytest.raises(ResourceMissing, match="translations folder is missing"):
        self_check.check_translations(Workspace(tmp_path))


def test_translations_check_loads_each_file_and_refuses_a_broken_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cryolog.ui.translations as translations

    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "cryolog_xx.qm").write_bytes(b"not a translation")
    monkeypatch.setattr(translations, "resource_dir", lambda: tmp_path)
    with pytest.raises(ResourceMissing, match=r"cryolog_xx\.qm cannot be read"):
        self_check.check_translations(Workspace(tmp_path))


def test_migrations_check_fails_without_the_scripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cryolog.db.alembic_config as alembic_config

    assert "newest" in self_checks.check_migrations(Workspace(tmp_path))
    monkeypatch.setattr(alembic_config, "MIGRATIONS_DIR", tmp_path)
    with pytest.raises(CheckFailed, match=r"env\.py is missing"):
        self_checks.check_migrations(Workspace(tmp_path))


@pytest.mark.parametrize(
    ("platform", "needed"),
    [
        ("linux", ["libqxcb.so", "libqwayland*.so", "libqoffscreen.so"]),
        ("win32", ["qwindows.dll", "qoffscreen.dll"]),
        ("darwin", ["libqcocoa.dylib", "libqoffscreen.dylib"]),
    ],
)
def test_the_platform_plugins_each_system_needs(
    tmp_path: Path, platform: str, needed: list[str]
) -> None:
    assert self_check.missing_plugins(tmp_path, platform) == needed
    for name in needed:
        (tmp_path / name.replace("*", "")).touch()
    assert self_check.missing_plugins(tmp_path, platform) == []


def test_resources_are_found_from_the_package_not_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resource_dir().is_absolute() and (resource_dir() / "fonts").is_dir()
    assert "en 7" in self_checks.check_texts(Workspace(tmp_path))


def test_translations_check_fails_without_the_russian_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cryolog.ui.translations as translations

    (tmp_path / "translations").mkdir()
    shipped = translations.translations_dir() / "cryolog_en.qm"
    (tmp_path / "translations" / "cryolog_en.qm").write_bytes(shipped.read_bytes())
    monkeypatch.setattr(translations, "resource_dir", lambda: tmp_path)
    with pytest.raises(ResourceMissing, match="translation is missing: ru"):
        self_check.check_translations(Workspace(tmp_path))
