"""``cryolog report ...`` against a real database file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cryolog.cli import main
from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.services.documents import DocumentService
from tests.reports.pdftools import text


@pytest.fixture
def ids(db: Database) -> tuple[int, int]:
    services = Services.open(db, actor="cli.test")
    pid = services.patients.register(
        {
            "family_name": "O'Brien",
            "given_name": "Siobhán",
            "birth_date": date(1990, 3, 4),
            "handout_language": "ru",
        }
    ).id
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": date.today()})
    return pid, course.id


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "report", *args])


def test_every_document_is_written_and_kept(
    db: Database,
    db_path: Path,
    ids: tuple[int, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pid, cid = ids
    jobs = [
        ("course", str(cid)),
        ("handout", str(cid), "--lang", "en"),
        ("consent", str(pid)),
        ("screening", str(pid), "--blank"),
    ]
    for number, job in enumerate(jobs):
        out = tmp_path / f"{number}.pdf"
        assert run(db_path, *job, "-o", str(out)) == 0
        assert "O'Brien Siobhán" in text(out.read_bytes())
        assert f"Wrote {out}" in capsys.readouterr().out
    kept = DocumentService(db, "x").documents(pid)
    assert sorted(d.kind for d in kept) == ["consent", "course_summary", "handout", "screening"]
    assert {d.language for d in kept if d.kind == "handout"} == {"en"}
    assert {d.language for d in kept if d.kind == "consent"} == {"ru"}


def test_list_shows_courses_and_documents(
    db_path: Path, ids: tuple[int, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pid, cid = ids
    assert run(db_path, "list", str(pid)) == 0
    out = capsys.readouterr().out
    assert "O'Brien Siobhán" in out and f"{cid:>6}  acne" in out and "none" in out
    assert run(db_path, "consent", str(pid), "-o", str(tmp_path / "c.pdf")) == 0
    assert run(db_path, "list", str(pid)) == 0
    assert "consent form" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("course", "999"), "No course with id 999."),
        (("consent", "999"), "No patient with id 999."),
        (("list", "999"), "No patient with id 999."),
    ],
)
def test_bad_ids_fail_with_one_line(
    db_path: Path,
    ids: tuple[int, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    extra = ("-o", str(tmp_path / "x.pdf")) if args[0] != "list" else ()
    assert run(db_path, *args, *extra) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"cryolog report: {message}"
    assert not (tmp_path / "x.pdf").exists()


def test_a_handout_in_german_or_in_a_language_the_database_lacks(
    db_path: Path, ids: tuple[int, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, cid = ids
    out = tmp_path / "h.pdf"
    assert run(db_path, "handout", str(cid), "--lang", "de", "-o", str(out)) == 0
    assert "Ihre Kältetherapie" in " ".join(text(out.read_bytes()).split())
    assert run(db_path, "handout", str(cid), "--lang", "zz", "-o", str(tmp_path / "z.pdf")) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("cryolog report: ") and "de, en, ru" in err
    assert not (tmp_path / "z.pdf").exists()


@pytest.mark.parametrize(
    "bad",
    [
        ["course", "abc", "-o", "x.pdf"],
        ["course", "0", "-o", "x.pdf"],
        ["handout", "1", "-o", "x.pdf", "--lang"],
        ["course", "1"],
    ],
)
def test_bad_arguments_exit_2(
    db_path: Path, bad: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, *bad) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_unusable_database_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.db"
    assert run(missing, "list", "1") == 1
    assert not missing.exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    assert run(junk, "course", "1", "-o", str(tmp_path / "x.pdf")) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 2 and all(e.startswith("cryolog report: ") for e in errors)


def test_unwritable_output_is_reported(
    db_path: Path, ids: tuple[int, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pid, _ = ids
    assert run(db_path, "consent", str(pid), "-o", str(tmp_path)) == 1
    assert run(db_path, "consent", str(pid), "-o", str(tmp_path / "no" / "dir" / "c.pdf")) == 1
    assert "cannot write" in capsys.readouterr().err


def test_blank_consent_form_leaves_the_patient_to_be_written_by_hand(
    db: Database, db_path: Path, ids: tuple[int, int], tmp_path: Path
) -> None:
    pid, _ = ids
    filled, blank = tmp_path / "filled.pdf", tmp_path / "blank.pdf"
    assert run(db_path, "consent", str(pid), "-o", str(filled)) == 0
    assert run(db_path, "consent", str(pid), "--blank", "-o", str(blank)) == 0
    assert "O'Brien" in text(filled.read_bytes())
    assert "O'Brien" not in text(blank.read_bytes())
    kept = DocumentService(db, "x").documents(pid)
    assert [d.kind for d in kept].count("consent") == 2


def test_the_course_summary_takes_a_language(
    db: Database, db_path: Path, ids: tuple[int, int], tmp_path: Path
) -> None:
    pid, cid = ids
    english, russian = tmp_path / "en.pdf", tmp_path / "ru.pdf"
    assert run(db_path, "course", str(cid), "-o", str(english)) == 0  # the command line: English
    assert run(db_path, "course", str(cid), "--lang", "ru", "-o", str(russian)) == 0
    assert "Pre-treatment checks" in text(english.read_bytes())
    assert "Проверки перед лечением" in text(russian.read_bytes())
    kept = [d for d in DocumentService(db, "x").documents(pid) if d.kind == "course_summary"]
    assert sorted(d.language for d in kept) == ["en", "ru"]
    assert run(db_path, "course", str(cid), "--lang", "de", "-o", str(tmp_path / "x.pdf")) == 2


def test_the_cycle_collector_is_back_on_after_a_document(
    db_path: Path, ids: tuple[int, int], tmp_path: Path
) -> None:
    """A document is made with the cyclic collector off (a one-shot process); a caller in a
    longer-lived process gets it back on, after a success and after a failure."""
    import gc

    _, cid = ids
    assert gc.isenabled()
    assert run(db_path, "course", str(cid), "-o", str(tmp_path / "c.pdf")) == 0
    assert gc.isenabled()
    assert run(db_path, "course", "999999", "-o", str(tmp_path / "x.pdf")) == 1
    assert gc.isenabled() and not (tmp_path / "x.pdf").exists()
