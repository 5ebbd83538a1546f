"""Whatever a file holds, reading and checking it ends in rows or one clear problem,
never a traceback; odd characters in a cell reject that row with the reason."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cryolog.services import Services
from cryolog.services.importing.limits import ImportProblem
from cryolog.services.importing.mapping import guess_map
from cryolog.services.importing.plan import Duplicates, Status
from cryolog.services.importing.reading import read_csv_bytes
from cryolog.services.importing.run import preview
from cryolog.services.importing.values import AmbiguousDates

HEADER = "Фамилия;Имя;Дата рождения;Телефон\r\n"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400))
def test_any_bytes_give_rows_or_one_problem(services: Services, data: bytes) -> None:
    try:
        table = read_csv_bytes(HEADER.encode("utf-8") + data, "list.csv")
    except ImportProblem as exc:
        assert str(exc)
        return
    try:
        plan = preview(services, table, guess_map(table.header), duplicates=Duplicates.SKIP)
    except AmbiguousDates:
        return
    assert len(plan.rows) == len(table.rows)
    for row in plan.rows:
        assert row.status is not Status.REJECTED or row.problems


def test_control_characters_and_huge_names_reject_the_row(
    services: Services, tmp_path: Path
) -> None:
    text = (
        HEADER
        + "Ива\u0007нова;Мария;02.05.1980;\r\n"
        + ("Я" * 300)
        + ";Мария;02.05.1980;\r\n"
        + "\u200b;Мария;02.05.1980;\r\n"
        + "Good;Name;02.05.1980;\r\n"
    )
    table = read_csv_bytes(text.encode("utf-8"), "list.csv")
    plan = preview(services, table, guess_map(table.header), duplicates=Duplicates.SKIP)
    reasons = [r.reason() for r in plan.rows]
    assert "invisible control character" in reasons[0]
    assert "too long" in reasons[1]
    assert plan.rows[2].status is Status.REJECTED
    assert plan.rows[3].status is Status.NEW
