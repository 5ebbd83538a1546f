"""Importing patient lists: rows checked with the patient rules, a report of what was
rejected and why, all or nothing, duplicates skipped or merged, every step audited."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from cryolog.db.models import AuditContent, AuditEntry, Patient, PatientPhoneKey
from cryolog.services import Services
from cryolog.services.export.patient_export import export_patient
from cryolog.services.importing.mapping import ColumnMap, NameOrder, guess_map
from cryolog.services.importing.plan import Duplicates, Status
from cryolog.services.importing.reading import SourceTable, read_table
from cryolog.services.importing.run import RowsRejected, preview, run_import
from tests.portability.seed import FullPatient

GOOD = (
    "Фамилия;Имя;Отчество;Дата рождения;Телефон;Эл. почта;Примечание\r\n"
    "Иванова;Мария;Петровна;02.05.1980;+7 912 123-45-67;maria@example.org;аллергия на латекс\r\n"
    "Ёлкин;Пётр;Ильич;13.11.1975;;;\r\n"
)
BAD_ROWS = (
    "Сидоров;Иван;;;;;\r\n"  # no birth date
    "Петров;Пётр;;31.02.1975;;;\r\n"  # no such day
    ";Анна;;01.01.1990;;;\r\n"  # no family name
    "Козлов;Олег;;01.01.1990;12;;\r\n"  # a phone with two digits
    "Орлова;Ольга;;01.01.2999;;not-an-address;\r\n"  # future birth date, bad e-mail
)


def _file(tmp_path: Path, text: str, encoding: str = "cp1251", name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _table(tmp_path: Path, text: str) -> tuple[SourceTable, ColumnMap]:
    table = read_table(_file(tmp_path, text))
    return table, guess_map(table.header)


def _patients(services: Services) -> list[Patient]:
    with services.db.read() as session:
        return list(session.scalars(select(Patient).order_by(Patient.id)))


def _audit(services: Services) -> list[AuditEntry]:
    """The entries after the file's genesis checkpoint."""
    with services.db.read() as session:
        stmt = select(AuditEntry).where(AuditEntry.action != "checkpoint")
        return list(session.scalars(stmt.order_by(AuditEntry.id)))


def _details(services: Services, entry: AuditEntry) -> dict[str, Any]:
    """What an event entry (the import's summary) recorded as its content."""
    with services.db.read() as session:
        content = session.scalar(
            select(AuditContent.content).where(AuditContent.entry_id == entry.id)
        )
    found = json.loads(content or "{}")["after"]
    assert isinstance(found, dict)
    return found


def test_a_windows_1251_semicolon_file_is_imported(services: Services, tmp_path: Path) -> None:
    table, mapping = _table(tmp_path, GOOD)
    result = run_import(services, table, mapping)
    assert len(result.created) == 2
    ivanova, yolkin = _patients(services)
    assert (ivanova.family_name, ivanova.given_name, ivanova.middle_name) == (
        "Иванова",
        "Мария",
        "Петровна",
    )
    assert ivanova.birth_date == date(1980, 5, 2)
    assert ivanova.email == "maria@example.org" and ivanova.notes == "аллергия на латекс"
    assert yolkin.birth_date == date(1975, 11, 13)
    entries = _audit(services)
    creates = [e for e in entries if e.action == "create" and e.entity == "patient"]
    assert [e.reason for e in creates] == [
        "Imported from list.csv, row 2",
        "Imported from list.csv, row 3",
    ]
    summary = _details(services, entries[-1])
    assert (entries[-1].action, entries[-1].entity) == ("import", "patient_list")
    assert summary["imported"] == 2 and summary["rows"] == 2
    assert summary["patient_ids"] == [ivanova.id, yolkin.id]


def test_an_xlsx_file_with_one_full_name_column(services: Services, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Date of birth", "Phone"])
    sheet.append(["Mary Ann Smith", date(1980, 5, 2), 4420794601])
    sheet.append(["José García", "25/12/1975", None])
    path = tmp_path / "list.xlsx"
    book.save(path)
    table = read_table(path)
    mapping = replace(guess_map(table.header), name_order=NameOrder.GIVEN_FIRST)
    run_import(services, table, mapping)
    smith, garcia = _patients(services)
    assert (smith.family_name, smith.given_name, smith.middle_name) == ("Smith", "Mary", "Ann")
    assert smith.phone == "4420794601"
    assert (garcia.family_name, garcia.birth_date) == ("García", date(1975, 12, 25))


def test_rejected_rows_are_reported_and_nothing_is_imported(
    services: Services, tmp_path: Path
) -> None:
    table, mapping = _table(tmp_path, GOOD + BAD_ROWS)
    audit_before = len(_audit(services))
    with pytest.raises(RowsRejected) as refused:
        run_import(services, table, mapping)
    assert _patients(services) == []
    assert len(_audit(services)) == audit_before
    report = {r.row: r.reason() for r in refused.value.plan.rejected}
    assert report[4] == "no birth date"
    assert "'31.02.1975' is not a date written dd.mm.yyyy" in report[5]
    assert "family name: is required" in report[6]
    assert "phone: needs at least 3 digits" in report[7]
    assert "in the past" in report[8] and "e-mail" in report[8]
    assert sorted(report) == [4, 5, 6, 7, 8]


def test_skipping_bad_rows_imports_the_good_ones(services: Services, tmp_path: Path) -> None:
    table, mapping = _table(tmp_path, GOOD + BAD_ROWS)
    result = run_import(services, table, mapping, skip_bad=True)
    assert [p.family_name for p in _patients(services)] == ["Иванова", "Ёлкин"]
    summary = _details(services, _audit(services)[-1])
    assert summary["rejected_skipped"] == 5 and summary["imported"] == 2
    assert "5 rejected rows" in result.summary()


def test_duplicates_are_reported_and_skipped(services: Services, tmp_path: Path) -> None:
    services.practice.update_practice({"country": "RU"})  # "8 …" is a Russian number
    existing = services.patients.register(
        {"family_name": "ИВАНОВА", "given_name": "мария", "birth_date": date(1980, 5, 2)}
    )
    by_phone = services.patients.register(
        {"family_name": "Other", "birth_date": date(1960, 1, 1), "phone": "8 (900) 111-22-33"}
    )
    text = GOOD + "Новиков;Илья;;05.05.1985;+7 900 111 22 33;;\r\nЁлкин;Пётр;;13.11.1975;;;\r\n"
    table, mapping = _table(tmp_path, text)
    result = run_import(services, table, mapping)
    plan = {r.row: r for r in result.plan.rows}
    assert plan[2].status is Status.DUPLICATE and plan[2].existing == (existing.id,)
    assert plan[4].status is Status.DUPLICATE and plan[4].existing == (by_phone.id,)
    assert plan[5].status is Status.DUPLICATE and plan[5].same_as_row == 3
    assert plan[3].status is Status.NEW
    assert len(_patients(services)) == 3
    untouched = services.patients.get_patient(existing.id)
    assert untouched.middle_name == "" and untouched.phone == ""


def test_the_same_rule_as_registering_decides_what_is_a_duplicate(
    services: Services, tmp_path: Path
) -> None:
    """One rule for the app (services/duplicates.py): a person registering would be refused
    as a possible duplicate is a duplicate in an import, and the other way round."""
    on_file = services.patients.register(
        {"family_name": "Müller", "given_name": "Anna Maria", "birth_date": date(1962, 7, 2)}
    )
    text = (
        "Фамилия;Имя;Отчество;Дата рождения;Телефон;Эл. почта;Примечание\r\n"
        "MULLER;anna  maria;Ивановна;02.07.1962;;;\r\n"  # other middle name: same person
        "Muller;Anna;;02.07.1962;;;\r\n"  # one given name fewer: someone else
    )
    table, mapping = _table(tmp_path, text)
    plan = {r.row: r for r in preview(services, table, mapping, Duplicates.SKIP).rows}
    assert plan[2].status is Status.DUPLICATE and plan[2].existing == (on_file.id,)
    assert plan[3].status is Status.NEW
    for row in (2, 3):
        expected = [on_file.id] if plan[row].existing else []
        assert [m.patient.id for m in services.patients.matches(plan[row].values)] == expected


def test_imported_patients_are_found_by_phone_like_registered_ones(
    services: Services, tmp_path: Path
) -> None:
    services.practice.update_practice({"country": "RU"})
    table, mapping = _table(tmp_path, GOOD)
    run_import(services, table, mapping)
    imported = {p.family_name: p.id for p in _patients(services)}
    for typed in ("123-45-67", "8 912 123 45 67", "+79121234567", "912 123"):
        assert [p.id for p in services.search.search(typed)] == [imported["Иванова"]], typed
    again = {"family_name": "Other", "birth_date": date(1990, 1, 1), "phone": "8 912 1234567"}
    assert [m.patient.id for m in services.patients.matches(again)] == [imported["Иванова"]]
    registered = services.patients.register(  # the same number, registered by hand
        {"family_name": "Same", "birth_date": date(1991, 1, 1), "phone": "+7 912 123-45-67"},
        allow_duplicate=True,
    )

    def keys(pid: int) -> set[str]:
        with services.db.read() as session:
            wanted = select(PatientPhoneKey.key).where(PatientPhoneKey.patient_id == pid)
            return set(session.scalars(wanted))

    assert keys(imported["Иванова"]) == keys(registered.id) != set()


def test_duplicates_merged_fill_only_empty_fields(services: Services, tmp_path: Path) -> None:
    existing = services.patients.register(
        {
            "family_name": "Иванова",
            "given_name": "Мария",
            "birth_date": date(1980, 5, 2),
            "notes": "keep this note",
        }
    )
    table, mapping = _table(tmp_path, GOOD)
    result = run_import(services, table, mapping, duplicates=Duplicates.MERGE)
    assert result.merged == (existing.id,)
    merged = services.patients.get_patient(existing.id)
    assert merged.middle_name == "Петровна"
    assert merged.phone == "+7 912 123-45-67" and merged.email == "maria@example.org"
    assert merged.notes == "keep this note"
    update = next(e for e in _audit(services) if e.action == "update")
    assert update.entity_id == existing.id and "filled empty fields" in (update.reason or "")


def test_the_plan_is_read_without_writing(services: Services, tmp_path: Path) -> None:
    table, mapping = _table(tmp_path, GOOD + BAD_ROWS)
    plan = preview(services, table, mapping, Duplicates.SKIP)
    assert plan.count(Status.NEW) == 2 and plan.count(Status.REJECTED) == 5
    assert _patients(services) == [] and _audit(services) == []


def test_cryologs_own_export_imports_with_the_guards_removed(
    services: Services, full: FullPatient, tmp_path: Path, db: object
) -> None:
    export_patient(services, full.patient_id, tmp_path / "record.zip")
    import pyzipper

    with pyzipper.AESZipFile(tmp_path / "record.zip") as zf:
        (tmp_path / "patient.csv").write_bytes(zf.read("csv/patient.csv"))
    from cryolog.db.database import open_database

    other = open_database(tmp_path / "other" / "cryolog.db")
    try:
        target = Services.open(other, "dr.test")
        table = read_table(tmp_path / "patient.csv")
        run_import(target, table, guess_map(table.header))
        [imported] = _patients(target)
    finally:
        other.dispose()
    original = services.patients.get_patient(full.patient_id)
    assert imported.notes == original.notes  # '=HYPERLINK… came back without the apostrophe
    assert imported.phone == original.phone == "+7 912 123-45-67"
    assert imported.birth_date == original.birth_date


def test_many_rows_land_together_with_an_audit_entry_each(
    services: Services, tmp_path: Path
) -> None:
    lines = ["Фамилия;Имя;Дата рождения;Телефон"]
    lines += [
        f"Фамилия{i};Имя{i};{1 + i % 28:02d}.{1 + i % 12:02d}.{1940 + i % 60};+7 9{i:09d}"
        for i in range(300)
    ]
    table, mapping = _table(tmp_path, "\r\n".join(lines) + "\r\n")
    result = run_import(services, table, mapping)
    assert len(result.created) == 300
    with services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Patient)) == 300
    creates = [e for e in _audit(services) if e.action == "create"]
    assert sorted(e.entity_id for e in creates) == sorted(result.created)
    found = services.search.search("Фамилия299")
    assert [p.id for p in found] == [result.created[-1]]
