"""The export refusals in the Russian window: a weak password, a folder where a file is
wanted, a file or a non-empty folder where a new folder is wanted; nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cryolog.domain import locale as loc
from cryolog.domain.errors import InvalidInput
from cryolog.services import Services
from cryolog.services.export.all_tables import export_all
from cryolog.services.export.patient_export import export_patient
from tests.services.conftest import other_patient


@pytest.fixture
def russian_window() -> Iterator[None]:
    loc.use_language("ru")
    yield
    loc.use_language(None)


def _said(action: Callable[[], object], path: str) -> str:
    with pytest.raises(InvalidInput) as caught:
        action()
    found = caught.value.for_field(path)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.usefixtures("russian_window")
def test_patient_export_refusals_are_russian(services: Services, tmp_path: Path) -> None:
    pid = services.patients.register(other_patient("Петрова")).id
    target = tmp_path / "record.zip"
    short = _said(lambda: export_patient(services, pid, target, "short"), "password")
    assert short == "Пароль должен быть не короче 8 знаков."
    hidden = _said(lambda: export_patient(services, pid, target, "long enough\u200b"), "password")
    assert hidden == "Пароль содержит невидимый управляющий символ (U+200B) в позиции 12."
    folder = _said(lambda: export_patient(services, pid, tmp_path), "file")
    assert folder == f"{tmp_path} — это папка; укажите имя файла"
    assert not target.exists()


@pytest.mark.usefixtures("russian_window")
def test_export_all_refusals_are_russian(services: Services, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "keep.txt").write_text("mine")
    busy = _said(lambda: export_all(services, mine), "folder")
    assert busy == f"папка {mine} не пуста; укажите новую или пустую папку"
    a_file = mine / "keep.txt"
    assert _said(lambda: export_all(services, a_file), "folder") == (
        f"{a_file} — это файл; укажите новую папку"
    )
    assert [p.name for p in mine.iterdir()] == ["keep.txt"]


def test_export_refusals_stay_english_by_default(services: Services, tmp_path: Path) -> None:
    pid = services.patients.register(other_patient("Петрова")).id
    short = _said(lambda: export_patient(services, pid, tmp_path / "r.zip", "short"), "password")
    assert short == "The password needs at least 8 characters."
    (tmp_path / "x").write_text("x")
    busy = _said(lambda: export_all(services, tmp_path), "folder")
    assert busy == f"{tmp_path} is not empty; give a new or empty folder"
