"""Reading patient lists: encodings, delimiters, Excel workbooks, and files refused whole."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from cryolog.services.importing import limits
from cryolog.services.importing.limits import ImportProblem
from cryolog.services.importing.mapping import guess_map, parse_map_option
from cryolog.services.importing.reading import read_table
from cryolog.services.importing.values import AmbiguousDates, guess_date_format, parse_date

RUSSIAN = (
    "Фамилия;Имя;Отчество;Дата рождения;Телефон\r\n"
    "Иванова;Мария;Петровна;02.05.1980;+7 912 123-45-67\r\n"
    "Ёлкин;Пётр;Ильич;13.11.1975;\r\n"
)
WESTERN = "Surname,First name,Date of birth,Notes\nMüller,Jürgen,1980-05-02,Café au lait\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("cp1251", "cp1251"), ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")],
)
def test_russian_semicolon_files_in_every_encoding(
    tmp_path: Path, encoding: str, expected: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(RUSSIAN.encode(encoding))
    table = read_table(path)
    assert (table.encoding, table.delimiter) == (expected, ";")
    assert table.header[0] == "Фамилия"
    assert table.rows[1][:2] == ("Ёлкин", "Пётр")
    assert table.row_numbers == (2, 3)


def test_cp1252_comma_file(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(WESTERN.encode("cp1252"))
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("cp1252", ",")
    assert table.rows[0][0] == "Müller"


def test_excel_sep_line_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(("sep=;\r\n" + RUSSIAN).encode("cp1251"))
    table = read_table(path)
    assert table.delimiter == ";" and table.header[0] == "Фамилия"
    assert table.row_numbers == (3, 4)
    wrong = read_table(path, encoding="cp1252")  # the override is obeyed, not second-guessed
    assert wrong.encoding == "cp1252" and wrong.header[0] != "Фамилия"
    with pytest.raises(ImportProblem, match="cannot be read as utf-8"):
        read_table(path, encoding="utf-8")
    with pytest.raises(ImportProblem, match="not an encoding"):
        read_table(path, encoding="klingon")


def test_xlsx_with_real_dates_and_numbers(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ФИО", "Дата рождения", "Телефон"])
    sheet.append(["Иванова Мария Петровна", datetime(1980, 5, 2), 79121234567])
    sheet.append([None, None, None])
    sheet.append(["Smith John", "03.04.1990", None])
    path = tmp_path / "list.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.kind == "xlsx"
    assert table.rows[0] == ("Иванова Мария Петровна", date(1980, 5, 2), "79121234567")
    assert table.row_numbers == (2, 4)  # the empty row 3 is left out, numbers kept


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\xd0\xcf\x11\xe0rest of an old workbook", "old Excel workbook"),
        (b"PK\x03\x04broken", "not a readable Excel workbook"),
    ],
)
def test_unreadable_files_are_refused_in_one_sentence(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportProblem, match=message):
        read_table(path)


def test_bounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Фамилия;Дата рождения\n" + "Иванова;02.05.1980\n" * 20, encoding="utf-8")
    monkeypatch.setattr("cryolog.services.importing.reading.MAX_ROWS", 10)
    with pytest.raises(ImportProblem, match="more than 10 patients"):
        read_table(path)
    monkeypatch.setattr("cryolog.services.importing.reading.MAX_FILE_BYTES", 100)
    with pytest.raises(ImportProblem, match="at most"):
        read_table(path)
    monkeypatch.undo()
    huge = tmp_path / "huge.csv"
    huge.write_text("Фамилия;Дата рождения\n" + "x" * (limits.MAX_CELL_CHARS + 5) + ";1\n")
    with pytest.raises(ImportProblem, match="characters"):
        read_table(huge)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="does not exist"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(ImportProblem, match="is a folder"):
        read_table(tmp_path)


def test_headers_are_recognised_in_english_russian_and_cryolog_csv() -> None:
    ru = guess_map(["Фамилия", "Имя", "Отчество", "Дата рождения", "Телефон", "Примечание"])
    assert dict(ru.columns) == {
        "family_name": 0,
        "given_name": 1,
        "middle_name": 2,
        "birth_date": 3,
        "phone": 4,
        "notes": 5,
    }
    en = guess_map(["Last Name", "First name", "D.O.B.", "E-mail", "Mobile"])
    assert dict(en.columns) == {
        "family_name": 0,
        "given_name": 1,
        "birth_date": 2,
        "email": 3,
        "phone": 4,
    }
    own = guess_map(["family_name", "given_name", "birth_date", "phone"])
    assert own.columns["birth_date"] == 2
    full = guess_map(["ФИО", "Д.Р."])
    assert full.uses_full_name and full.columns["birth_date"] == 1
    mapped = parse_map_option("family=Фамилия,birth=2", ["Фамилия", "Когда"], guess_map([]))
    assert dict(mapped.columns) == {"family_name": 0, "birth_date": 1}
    with pytest.raises(ImportProblem, match="no column"):
        parse_map_option("family=Nope", ["A"], guess_map([]))
    with pytest.raises(ImportProblem, match="FIELD=COLUMN"):
        parse_map_option("height=A", ["A"], guess_map([]))


def test_date_layouts_and_ambiguity() -> None:
    assert parse_date("2.5.1980", "dd.mm.yyyy") == date(1980, 5, 2)
    assert parse_date("02.05.1980 0:00:00", "dd.mm.yyyy") == date(1980, 5, 2)
    assert parse_date("05/02/1980", "mm/dd/yyyy") == date(1980, 5, 2)
    with pytest.raises(ValueError, match=r"not a date written dd\.mm\.yyyy"):
        parse_date("31.02.1980", "dd.mm.yyyy")
    assert guess_date_format(["02.05.1980", "13.11.1975"]) == "dd.mm.yyyy"
    assert guess_date_format(["1980-05-02"]) == "yyyy-mm-dd"
    assert guess_date_format(["25/12/1980", "01/02/1970"]) == "dd/mm/yyyy"
    assert guess_date_format(["12/25/1980", "01/02/1970"]) == "mm/dd/yyyy"
    with pytest.raises(AmbiguousDates, match="could be dd/mm/yyyy or mm/dd/yyyy"):
        guess_date_format(["01/02/1970", "03/04/1980"])
