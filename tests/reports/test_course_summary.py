"""Course summary read back from the PDF: names, every session, overrides, pages."""

from __future__ import annotations

from dataclasses import replace

from cryolog.reports import render
from tests.reports import samples
from tests.reports.pdftools import fonts, pages_text, text


def test_cyrillic_name_and_every_session_date_are_printed() -> None:
    data = samples.summary_input(12)
    content = text(render(data))
    assert "Ёлкина Анна Сергеевна" in content
    for session in data.sessions:
        assert session.session_date.strftime("%d.%m.%Y") in content  # the language's dates
    assert "■" not in content


def test_accented_name_is_printed_exactly() -> None:
    content = text(render(samples.summary_input(3, samples.ACCENTED)))
    assert "Lefèvre-Núñez Chloé Ångström" in content


def test_every_override_reason_is_printed() -> None:
    data = samples.summary_input(6)
    content = " ".join(text(render(data)).split())
    reasons = [f.override_reason for s in data.sessions for f in s.findings if f.override_reason]
    assert len(reasons) == 2
    for reason in reasons:
        assert " ".join(reason.split()) in content


def test_user_text_prints_literally() -> None:
    content = " ".join(text(render(samples.summary_input(3))).split())
    assert samples.TRICKY_NOTE in content


def test_forty_sessions_repeat_the_header_on_every_page() -> None:
    data = samples.summary_input(40)
    pages = pages_text(render(data))
    assert len(pages) >= 3
    table_pages = [p for p in pages if ".2026" in p and "WBC chamber" in p]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "BP mmHg" in page and "NRS 0–10" in page and "Modality, device" in page
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
    content = "\n".join(pages)
    for session in data.sessions:
        assert session.session_date.strftime("%d.%m.%Y") in content  # the language's dates


def test_sections_are_all_there() -> None:
    content = text(render(samples.summary_input(8)))
    for heading in (
        "Pre-treatment checks",
        "Cold tests",
        "Protocol and what was done",
        "Sessions (8)",
        "Safety overrides and warnings",
        "Adverse events",
        "Outcome",
        "Pain (NRS 0–10) per session",
        "Signature",
        "Prepared on",
    ):
        assert heading in content, heading
    assert "Redness on both shins" in content
    assert "age 42" in content


def test_interval_deviation_is_reported() -> None:
    data = samples.summary_input(4)
    runs = list(data.sessions)
    runs[2] = replace(runs[2], session_date=runs[1].session_date)  # same day as session 2
    content = text(render(replace(data, sessions=tuple(runs))))
    assert "Session 3 (03.09.2026): 0 day(s) after the previous one (minimum 1)." in content


def test_empty_course_still_renders() -> None:
    data = replace(
        samples.summary_input(1),
        sessions=(),
        adverse_events=(),
        cold_tests=(),
        screening=None,
        clearance=None,
        consent=None,
        assessments=(),
    )
    content = text(render(data))
    assert "No sessions recorded in this course." in content
    assert "No screening on record." in content


def test_fonts_are_embedded() -> None:
    used = fonts(render(samples.summary_input(5)))
    assert used and all(used.values()), used
    assert all("DejaVuSans" in name for name in used)


def test_every_blood_pressure_reading_the_actual_exposure_and_an_open_state_are_printed() -> None:
    from datetime import UTC, datetime

    from cryolog.services.dto import BPReadingDTO

    data = samples.summary_input(3)
    first = data.sessions[0]
    readings = (
        BPReadingDTO(172, 104, datetime(2026, 3, 2, 9, 50, tzinfo=UTC)),
        BPReadingDTO(151, 93, datetime(2026, 3, 2, 10, 0, tzinfo=UTC)),
    )
    remeasured = replace(
        first,
        bp_readings=readings,
        bp_pre_sys=151,
        bp_pre_dia=93,
        duration_s=120,
        actual_exposure_s=131,
        over_max_note="",
        state="completed",
    )
    content = text(render(replace(data, sessions=(remeasured, *data.sessions[1:]))))
    assert "172/104" in content and "151/93" in content
    assert content.index("172/104") < content.index("151/93")
    assert "2 min 11 s" in content and "planned" in content
    assert "Not signed yet" in content


def test_the_cold_pressor_judgement_follows_the_practice_setting() -> None:
    """The sample test rose 11/6 mmHg: normal at the default 20, hyperreactive at 10 — the
    same judgement the safety rule makes with the practice's setting."""
    usual = " ".join(text(render(samples.summary_input(3))).split())
    strict = replace(samples.summary_input(3), cold_pressor_max_rise_mmhg=10)
    assert "hyperreactive" not in usual
    assert "hyperreactive" in " ".join(text(render(strict)).split())


def test_the_course_summary_in_russian() -> None:
    data = replace(samples.summary_input(3), language="ru")
    content = " ".join(text(render(data)).split())
    for heading in (
        "Итоги курса",
        "Проверки перед лечением",
        "Холодовые тесты",
        "Протокол и что сделано",
        "Процедуры (3)",
        "Нежелательные явления",
        "Специалист:",
    ):
        assert heading in content, heading
    assert data.generated_on.strftime("%d.%m.%Y") in content
    assert "Pre-treatment checks" not in content and "Course summary" not in content


def test_the_russian_summary_builds_no_english_sentences() -> None:
    """The sentences, table headers, numbers and durations the summary builds itself are
    Russian; only what people typed (and old findings' stored text) stays as it was."""
    content = " ".join(text(render(replace(samples.summary_input(), language="ru"))).split())
    for russian in (
        "10–20 процедур",
        "запланировано 20, проведено 12",
        "начат 01.09.2026, процедуры с 01.09.2026 по 23.09.2026; открыт",
        "Тест с кубиком льда",
        "контакт 300 с, оценка через 10 мин",
        "вода 4,0 °C, 120 с; АД 120/80 → 131/86",
        "Воздействие, аппарат",
        "Криокамера",
        "−120,0",
        "1 мин 30 с",
        "Реакции:",
        "Боль (ЦРШ 0–10) по процедурам",
        "Страница 1 из 2",
        "Эритема",
        "лёгкая",
        "женский",
    ):
        assert russian in content, russian
    for english in (
        " sessions",
        "planned 20",
        "started ",
        "Ice cube test",
        "contact 300 s",
        "Modality, device",
        "WBC chamber",
        "-120.0",
        "1 min 30 s",
        "Reactions:",
        "per session",
        "Page 1",
        "Generated",
        "female",
    ):
        assert english not in content, english


def test_the_english_summary_keeps_its_words_and_numbers() -> None:
    content = " ".join(text(render(samples.summary_input())).split())
    for english in (
        "10–20 sessions",
        "planned 20, done 12",
        "Ice cube test",
        "-120.0",
        "1 min 30 s",
    ):
        assert english in content, english
